import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  recoveryCodesSchema,
  type SecurityPolicy,
  securityPolicySchema,
  sessionListSchema,
  twoFactorEnrolmentSchema,
  twoFactorStatusSchema,
} from "../../../../contracts/security.ts";
import { api, apiParsed } from "../../api/client.ts";

/** Two-factor sign-in and sessions (issue #23): the calls behind the profile sections. */
const statusKey = ["me", "2fa"] as const;
const sessionsKey = ["me", "sessions"] as const;

export function fetchTwoFactorStatus() {
  return apiParsed(twoFactorStatusSchema, "/api/v1/me/2fa");
}

export function useTwoFactorStatus() {
  return useQuery({ queryKey: statusKey, queryFn: fetchTwoFactorStatus });
}

export function useStartEnrolment() {
  return useMutation({
    mutationFn: (password: string) =>
      apiParsed(twoFactorEnrolmentSchema, "/api/v1/me/2fa/enrol", { body: { password } }),
  });
}

export function useConfirmEnrolment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (code: string) =>
      apiParsed(twoFactorStatusSchema, "/api/v1/me/2fa/confirm", { body: { code } }),
    onSuccess: (status) => {
      qc.setQueryData(statusKey, status);
      void qc.invalidateQueries({ queryKey: sessionsKey });
    },
  });
}

export function useRegenerateCodes() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (password: string) =>
      apiParsed(recoveryCodesSchema, "/api/v1/me/2fa/recovery-codes", { body: { password } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: statusKey }),
  });
}

export function useDisableTwoFactor() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (password: string) =>
      apiParsed(twoFactorStatusSchema, "/api/v1/me/2fa/disable", { body: { password } }),
    onSuccess: (status) => qc.setQueryData(statusKey, status),
  });
}

export function useSessions() {
  return useQuery({
    queryKey: sessionsKey,
    queryFn: () => apiParsed(sessionListSchema, "/api/v1/me/sessions"),
  });
}

export function useRevokeSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(`/api/v1/me/sessions/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: sessionsKey }),
  });
}

/** The sign-in code step: Better Auth's own endpoints, which finish the sign-in. */
export async function verifySignInCode(kind: "totp" | "recovery", code: string): Promise<void> {
  const path =
    kind === "totp" ? "/api/auth/two-factor/verify-totp" : "/api/auth/two-factor/verify-backup-code";
  await api(path, { body: { code: code.trim() } });
}

/** The workspace's sign-in rules (admins): roles that must use 2FA, password length. */
export function useSecurityPolicy() {
  return useQuery({
    queryKey: ["security-policy"],
    queryFn: () => apiParsed(securityPolicySchema, "/api/v1/security/policy"),
  });
}

export function useSaveSecurityPolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SecurityPolicy) =>
      apiParsed(securityPolicySchema, "/api/v1/security/policy", { method: "PATCH", body }),
    onSuccess: (saved) => qc.setQueryData(["security-policy"], saved),
  });
}
