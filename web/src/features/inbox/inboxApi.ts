import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import { memberPageSchema } from "../../../../contracts/accounts.ts";
import { casePageSchema } from "../../../../contracts/cases.ts";
import {
  type savedViewFiltersSchema,
  savedViewListSchema,
  teamListSchema,
} from "../../../../contracts/team.ts";
import { apiParsed } from "../../api/client.ts";
import { useMe } from "../auth/session.ts";

export type CaseFilters = z.infer<typeof savedViewFiltersSchema>;

/** The query string for GET /api/v1/cases; empty filters are left out so the server's defaults apply. */
export function filtersToQuery(filters: CaseFilters, cursor?: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, String(value));
  if (cursor) params.set("cursor", cursor);
  params.set("limit", "50");
  return params.toString();
}

/** `sort: "urgency"` asks for the nearest SLA due first (issue #18); the list carries each case's `sla`. */
export function useCaseList(filters: CaseFilters, sort?: "urgency") {
  return useInfiniteQuery({
    queryKey: ["cases", filters, sort ?? "recent"],
    queryFn: ({ pageParam }) =>
      apiParsed(
        casePageSchema,
        `/api/v1/cases?${filtersToQuery(filters, pageParam)}${sort ? `&sort=${sort}` : ""}`,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useViews() {
  return useQuery({ queryKey: ["views"], queryFn: () => apiParsed(savedViewListSchema, "/api/v1/views") });
}

export function useTeams() {
  return useQuery({
    queryKey: ["teams"],
    queryFn: () => apiParsed(teamListSchema, "/api/v1/teams"),
    staleTime: 60_000,
  });
}

export function useMembers() {
  return useQuery({
    queryKey: ["members", "all"],
    queryFn: () => apiParsed(memberPageSchema, "/api/v1/members?limit=100"),
    staleTime: 60_000,
  });
}

/** The signed-in person's membership id, which /me does not carry but assignments need. */
export function useMyMembershipId(): string | undefined {
  const me = useMe();
  const members = useMembers();
  return members.data?.items.find((m) => m.userId === me.data?.user.id)?.id;
}
