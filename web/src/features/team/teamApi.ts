import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { memberPageSchema } from "../../../../contracts/accounts.ts";
import { casePageSchema } from "../../../../contracts/cases.ts";
import {
  invitationListSchema,
  invitationSchema,
  reassignResultSchema,
  type STAFF_ROLES,
  sentInvitationSchema,
  teamListSchema,
} from "../../../../contracts/team.ts";
import { api, apiParsed } from "../../api/client.ts";

export type StaffRole = (typeof STAFF_ROLES)[number];
export type Member = z.infer<typeof memberPageSchema>["items"][number];
export type Team = z.infer<typeof teamListSchema>["items"][number];
export type Invitation = z.infer<typeof invitationSchema>;

const keys = {
  members: ["members"] as const,
  invitations: ["invitations"] as const,
  teams: ["teams"] as const,
};

/** Staff only: the members list also holds customers' portal memberships, which are not "the team". */
export function useStaff() {
  return useQuery({
    queryKey: keys.members,
    queryFn: () => apiParsed(memberPageSchema, "/api/v1/members?limit=100"),
    select: (page) => page.items.filter((m) => m.role !== "customer"),
  });
}

export function useInvitations(enabled: boolean) {
  return useQuery({
    queryKey: keys.invitations,
    queryFn: () => apiParsed(invitationListSchema, "/api/v1/invitations"),
    enabled,
  });
}

export function useTeams() {
  return useQuery({ queryKey: keys.teams, queryFn: () => apiParsed(teamListSchema, "/api/v1/teams") });
}

export function useInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; role: StaffRole }) =>
      apiParsed(sentInvitationSchema, "/api/v1/invitations", { body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.invitations }),
  });
}

/** A fresh link, mailed again; the answer holds the link when no relay could send it. */
export function useResendInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiParsed(sentInvitationSchema, `/api/v1/invitations/${encodeURIComponent(id)}/resend`, {
        method: "POST",
        body: {},
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.invitations }),
  });
}

export function useRevokeInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiParsed(invitationSchema, `/api/v1/invitations/${encodeURIComponent(id)}/revoke`, {
        method: "POST",
        body: {},
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.invitations }),
  });
}

export function useUpdateMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; role?: StaffRole; status?: Member["status"] }) => {
      const { id, ...patch } = input;
      return api(`/api/v1/members/${encodeURIComponent(id)}`, { method: "PATCH", body: patch });
    },
    // Team membership lists show names of active staff, so teams refresh too.
    onSettled: () =>
      Promise.all([keys.members, keys.teams].map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

/** How many open cases sit with this person (capped at one page; enough to decide on a hand-over). */
export function fetchOpenCaseCount(memberId: string): Promise<number> {
  return apiParsed(
    casePageSchema,
    `/api/v1/cases?status=open&assignee=${encodeURIComponent(memberId)}&limit=100`,
  ).then((page) => page.items.length);
}

export function useReassign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { fromId: string; toMemberId: string | null }) =>
      apiParsed(reassignResultSchema, `/api/v1/members/${encodeURIComponent(input.fromId)}/reassign`, {
        body: { toMemberId: input.toMemberId },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["cases"] }),
  });
}

export function useSaveTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string | null; name: string; memberIds: string[]; leadIds: string[] }) => {
      const body = { name: input.name, memberIds: input.memberIds, leadIds: input.leadIds };
      return input.id
        ? apiParsed(teamListSchema, `/api/v1/teams/${encodeURIComponent(input.id)}`, {
            method: "PATCH",
            body,
          })
        : apiParsed(teamListSchema, "/api/v1/teams", { body });
    },
    onSuccess: (list) => queryClient.setQueryData(keys.teams, list),
  });
}

export function useDeleteTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(`/api/v1/teams/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.teams }),
  });
}
