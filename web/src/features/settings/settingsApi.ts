import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { type updateWorkspaceInputSchema, workspaceSettingsSchema } from "../../../../contracts/accounts.ts";
import {
  type OutgoingMailInput,
  outgoingMailSchema,
  profileSchema,
  testMailResultSchema,
} from "../../../../contracts/settings.ts";
import { api, apiParsed } from "../../api/client.ts";

/** Outgoing mail, workspace and profile settings: queries and the mutations that change them. */
const keys = {
  outgoing: ["email", "outgoing"] as const,
  workspace: ["workspace", "settings"] as const,
  profile: ["me", "profile"] as const,
};

export function useOutgoingMail() {
  return useQuery({
    queryKey: keys.outgoing,
    queryFn: () => apiParsed(outgoingMailSchema, "/api/v1/email/outgoing"),
  });
}

export function useSaveOutgoingMail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OutgoingMailInput) =>
      apiParsed(outgoingMailSchema, "/api/v1/email/outgoing", { method: "PUT", body: input }),
    // The banner, the relay card and the outbox count all change with the relay.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["email"] }),
  });
}

export function useSendTestMail() {
  return useMutation({
    mutationFn: (to: string) =>
      apiParsed(testMailResultSchema, "/api/v1/email/outgoing/test", { body: { to } }),
  });
}

export function useWorkspaceSettings() {
  return useQuery({
    queryKey: keys.workspace,
    queryFn: () => apiParsed(workspaceSettingsSchema, "/api/v1/workspace"),
  });
}

function useWorkspaceMutation<I>(call: (input: I) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: I) => workspaceSettingsSchema.parse(await call(input)),
    onSuccess: (data) => {
      queryClient.setQueryData(keys.workspace, data);
      // The header shows the workspace's name.
      void queryClient.invalidateQueries({ queryKey: ["me"] });
    },
  });
}

export const useSaveWorkspace = () =>
  useWorkspaceMutation((input: z.input<typeof updateWorkspaceInputSchema>) =>
    api("/api/v1/workspace", { method: "PATCH", body: input }),
  );
export const useUploadLogo = () =>
  useWorkspaceMutation((dataBase64: string) =>
    api("/api/v1/workspace/logo", { method: "PUT", body: { dataBase64 } }),
  );
export const useRemoveLogo = () =>
  useWorkspaceMutation((_: undefined) => api("/api/v1/workspace/logo", { method: "DELETE" }));

export function useProfile() {
  return useQuery({
    queryKey: keys.profile,
    queryFn: () => apiParsed(profileSchema, "/api/v1/me/profile"),
  });
}

function useProfileMutation<I>(call: (input: I) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: I) => profileSchema.parse(await call(input)),
    onSuccess: (data) => {
      queryClient.setQueryData(keys.profile, data);
      // /me carries the name and language the whole app uses.
      void queryClient.invalidateQueries({ queryKey: ["me"], exact: true });
    },
  });
}

export const useSaveProfile = () =>
  useProfileMutation((input: { name?: string; locale?: string | null }) =>
    api("/api/v1/me/profile", { method: "PATCH", body: input }),
  );
export const useUploadAvatar = () =>
  useProfileMutation((dataBase64: string) =>
    api("/api/v1/me/avatar", { method: "PUT", body: { dataBase64 } }),
  );
export const useRemoveAvatar = () =>
  useProfileMutation((_: undefined) => api("/api/v1/me/avatar", { method: "DELETE" }));

export function useChangePassword() {
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) =>
      api("/api/v1/me/password", { method: "POST", body: input }),
  });
}

/** Reads a picked file as base64 (without the data: prefix), as the upload routes take it. */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error("could not read file"));
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(",") + 1));
    };
    reader.readAsDataURL(file);
  });
}
