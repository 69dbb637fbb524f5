import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  attendanceImportResultSchema,
  attendanceResultSchema,
  myRegistrationSchema,
  mySessionListSchema,
  mySessionSchema,
  registrationListSchema,
  type SessionInput,
  type SessionPatch,
  sessionListSchema,
  sessionSchema,
} from "../../../../contracts/academy-sessions.ts";
import { errorBodySchema } from "../../../../contracts/errors.ts";
import { ApiError, api, apiParsed } from "../../api/client.ts";

/** Live sessions over the API: staff hooks first, then the customer's (portal) hooks. */

export function useStaffSessions(when: "upcoming" | "past") {
  return useQuery({
    queryKey: ["academy-sessions", "staff", when],
    queryFn: () => apiParsed(sessionListSchema, `/api/v1/academy/sessions?when=${when}`),
  });
}

export function useRegistrations(sessionId: string | null) {
  return useQuery({
    queryKey: ["academy-sessions", "registrations", sessionId],
    enabled: sessionId !== null,
    queryFn: () => apiParsed(registrationListSchema, `/api/v1/academy/sessions/${sessionId}/registrations`),
  });
}

function useStaffMutation<V, R>(run: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => qc.invalidateQueries({ queryKey: ["academy-sessions"] }),
  });
}

export const useSaveSession = () =>
  useStaffMutation((v: { id: string | null; body: SessionInput | SessionPatch }) =>
    v.id
      ? apiParsed(sessionSchema, `/api/v1/academy/sessions/${v.id}`, { method: "PATCH", body: v.body })
      : apiParsed(sessionSchema, "/api/v1/academy/sessions", { body: v.body }),
  );

export const useCancelSession = () =>
  useStaffMutation((id: string) =>
    apiParsed(sessionSchema, `/api/v1/academy/sessions/${id}/cancel`, { body: {} }),
  );

export const useSetRecording = () =>
  useStaffMutation((v: { id: string; url: string }) =>
    apiParsed(sessionSchema, `/api/v1/academy/sessions/${v.id}/recording`, { body: { url: v.url } }),
  );

export const useMarkAttendance = () =>
  useStaffMutation((v: { id: string; customerIds: string[]; attended: boolean }) =>
    apiParsed(attendanceResultSchema, `/api/v1/academy/sessions/${v.id}/attendance`, {
      body: { customerIds: v.customerIds, attended: v.attended },
    }),
  );

export const useImportAttendance = () =>
  useStaffMutation(async (v: { id: string; csv: string }) => {
    const res = await fetch(`/api/v1/academy/sessions/${v.id}/attendance/import`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "text/csv" },
      body: v.csv,
    });
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const e = errorBodySchema.safeParse(body);
      throw e.success
        ? new ApiError(res.status, e.data.error.code, e.data.error.message, e.data.error.field)
        : new ApiError(res.status, `http_${res.status}`, res.statusText);
    }
    return attendanceImportResultSchema.parse(body);
  });

// The customer's side.

export function useMySessions() {
  return useQuery({
    queryKey: ["academy-sessions", "mine"],
    queryFn: () => apiParsed(mySessionListSchema, "/api/v1/portal/academy/sessions"),
  });
}

export function useMySession(ref: string) {
  return useQuery({
    queryKey: ["academy-sessions", "mine", ref],
    queryFn: () => apiParsed(mySessionSchema, `/api/v1/portal/academy/sessions/${encodeURIComponent(ref)}`),
  });
}

export function useRegistration() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { sessionId: string; register: boolean }) =>
      v.register
        ? apiParsed(myRegistrationSchema, `/api/v1/academy/sessions/${v.sessionId}/registrations`, {
            body: {},
          })
        : api(`/api/v1/academy/sessions/${v.sessionId}/registrations`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["academy-sessions", "mine"] }),
  });
}
