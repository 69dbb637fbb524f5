import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import {
  type Case,
  caseSchema,
  type Message,
  messagePageSchema,
  messageSchema,
} from "../../../../contracts/cases.ts";
import { timelinePageSchema } from "../../../../contracts/timeline-page.ts";
import { apiParsed } from "../../api/client.ts";

export const caseKey = (id: string) => ["case", id] as const;

export function useCase(id: string) {
  return useQuery({ queryKey: caseKey(id), queryFn: () => apiParsed(caseSchema, `/api/v1/cases/${id}`) });
}

export function useMessages(id: string) {
  return useQuery({
    queryKey: [...caseKey(id), "messages"],
    queryFn: () => apiParsed(messagePageSchema, `/api/v1/cases/${id}/messages?limit=100`),
  });
}

export function useCaseTimeline(id: string) {
  return useQuery({
    queryKey: [...caseKey(id), "timeline"],
    queryFn: () => apiParsed(timelinePageSchema, `/api/v1/cases/${id}/timeline?limit=200`),
  });
}

export type CasePatch = {
  subject?: string;
  status?: Case["status"];
  priority?: Case["priority"];
  assigneeId?: string | null;
  teamId?: string | null;
  tags?: string[];
};

/** Changes a case, then refreshes everything that shows it: the case, lists and the customer. */
export function useUpdateCase(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: CasePatch) =>
      apiParsed(caseSchema, `/api/v1/cases/${id}`, { method: "PATCH", body: patch }),
    onSuccess: (updated) => {
      queryClient.setQueryData(caseKey(id), updated);
      void queryClient.invalidateQueries({ queryKey: caseKey(id) });
      void queryClient.invalidateQueries({ queryKey: ["cases"] });
      void queryClient.invalidateQueries({ queryKey: ["customer", updated.customer.id] });
    },
  });
}

export type AttachmentInput = { name: string; contentType: string; dataBase64: string };

export function usePostMessage(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      attachments,
      ...input
    }: {
      body: string;
      kind: "reply" | "note";
      attachments: AttachmentInput[];
      cc?: string[];
      bcc?: string[];
      status?: "solved";
      offer?: { title: string; url: string };
    }) =>
      apiParsed(messageSchema, `/api/v1/cases/${id}/messages`, {
        body: attachments.length ? { ...input, attachments } : input,
      }),
    onSuccess: (message: Message) => {
      queryClient.setQueryData([...caseKey(id), "messages"], (old: z.infer<typeof messagePageSchema>) =>
        old && !old.items.some((m) => m.id === message.id) ? { ...old, items: [...old.items, message] } : old,
      );
      void queryClient.invalidateQueries({ queryKey: caseKey(id) });
      void queryClient.invalidateQueries({ queryKey: ["customer"] });
      // A reply going out by email changes the outbox count the banner shows.
      if (message.email?.deliveryStatus) void queryClient.invalidateQueries({ queryKey: ["email"] });
    },
  });
}

export type NewCaseInput = {
  customerId: string;
  subject: string;
  message: string;
  channel?: "email" | "web" | "phone" | "chat" | "api" | "social";
  priority?: Case["priority"];
};

export function createCase(input: NewCaseInput): Promise<Case> {
  return apiParsed(caseSchema, "/api/v1/cases", { body: input });
}

/** Reads a picked file as base64 for the attachments field (no multipart on this API). */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}
