import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import {
  emailHealthSchema,
  heldMailPageSchema,
  type imapSettingsInputSchema,
  pollResultSchema,
  promotedMailSchema,
  supportAddressSchema,
} from "../../../../contracts/email.ts";
import { api, apiParsed } from "../../api/client.ts";

// The status route has no named contract; it is the first two fields of the health report.
const emailStatusSchema = emailHealthSchema.pick({ relayConfigured: true, outboxWaiting: true });

export const emailStatusKey = ["email", "status"] as const;
export const emailHealthKey = ["email", "health"] as const;

/** Relay set up? Replies waiting? Polled each minute; live events refresh it sooner. */
export function useEmailStatus() {
  return useQuery({
    queryKey: emailStatusKey,
    queryFn: () => apiParsed(emailStatusSchema, "/api/v1/email/status"),
    refetchInterval: 60_000,
  });
}

/** Admin-only report; `enabled` keeps others from asking for what they would be refused. */
export function useEmailHealth(enabled = true) {
  return useQuery({
    enabled,
    queryKey: emailHealthKey,
    queryFn: () => apiParsed(emailHealthSchema, "/api/v1/email/health"),
    refetchInterval: 60_000,
  });
}

/** Everything on the Email settings page and the banner, after a change. */
function useRefreshEmail() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ["email"] });
}

export function useRetryInbound() {
  const refresh = useRefreshEmail();
  return useMutation({
    mutationFn: (id: string) =>
      apiParsed(z.object({ id: z.string() }), `/api/v1/email/inbound/${id}/retry`, {
        method: "POST",
        body: {},
      }),
    onSuccess: refresh,
  });
}

/** Bulk and list mail held out of the inbox (admins only), newest first, page by page. */
export function useHeldMail(enabled = true) {
  return useInfiniteQuery({
    enabled,
    queryKey: ["email", "held"],
    queryFn: ({ pageParam }) =>
      apiParsed(
        heldMailPageSchema,
        `/api/v1/email/held?limit=25${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ""}`,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Turns held mail into a case; the answer names the case it opened or joined. */
export function usePromoteHeld() {
  const refresh = useRefreshEmail();
  return useMutation({
    mutationFn: (id: string) =>
      apiParsed(promotedMailSchema, `/api/v1/email/held/${id}/promote`, { method: "POST", body: {} }),
    onSuccess: refresh,
  });
}

export function useDismissHeld() {
  const refresh = useRefreshEmail();
  return useMutation({
    mutationFn: (id: string) =>
      apiParsed(z.object({ id: z.string() }), `/api/v1/email/held/${id}/dismiss`, {
        method: "POST",
        body: {},
      }),
    onSuccess: refresh,
  });
}

export function useAddAddress() {
  const refresh = useRefreshEmail();
  return useMutation({
    mutationFn: (address: string) =>
      apiParsed(supportAddressSchema, "/api/v1/email/addresses", { body: { address } }),
    onSuccess: refresh,
  });
}

export const inboundRawUrl = (id: string) => `/api/v1/email/inbound/${id}/raw`;

export type ImapSettings = z.input<typeof imapSettingsInputSchema>;

/** Connects (or edits) the mailbox polled for a support address; no password keeps the stored one. */
export function useSaveImap() {
  const refresh = useRefreshEmail();
  return useMutation({
    mutationFn: (input: { addressId: string; settings: ImapSettings }) =>
      api(`/api/v1/email/addresses/${input.addressId}/imap`, { method: "PUT", body: input.settings }),
    onSuccess: refresh,
  });
}

export function useRemoveImap() {
  const refresh = useRefreshEmail();
  return useMutation({
    mutationFn: (addressId: string) => api(`/api/v1/email/addresses/${addressId}/imap`, { method: "DELETE" }),
    onSuccess: refresh,
  });
}

/** Polls now; the result also lands on the address (last poll, error), so refresh afterwards. */
export function usePollNow() {
  const refresh = useRefreshEmail();
  return useMutation({
    mutationFn: (addressId: string) =>
      apiParsed(pollResultSchema, `/api/v1/email/addresses/${addressId}/poll`, { method: "POST", body: {} }),
    onSettled: refresh,
  });
}
