import { useQuery } from "@tanstack/react-query";
import { casePageSchema } from "../../../../contracts/cases.ts";
import { ApiError, api, apiParsed } from "../../api/client.ts";

/**
 * The home page reads other parts' endpoints (approvals, snippets, preferred customers). Each
 * section fails soft: an endpoint this server does not have (404), or one the agent may not use
 * (403), leaves its section empty rather than breaking the page.
 */
async function soft<T>(path: string): Promise<T[]> {
  try {
    const body = (await api(path)) as { items?: T[] } | T[];
    return Array.isArray(body) ? body : (body.items ?? []);
  } catch (err) {
    if (err instanceof ApiError && [400, 403, 404].includes(err.status)) return [];
    throw err;
  }
}

/** My open cases, most urgent first; a server without the urgency sort (400) gives its own order. */
export function useMyQueue() {
  return useQuery({
    queryKey: ["home", "queue"],
    queryFn: async () => {
      const base = "/api/v1/cases?status=open&assignee=me&limit=50";
      try {
        return await apiParsed(casePageSchema, `${base}&sort=urgency`);
      } catch (err) {
        if (err instanceof ApiError && err.status === 400) return apiParsed(casePageSchema, base);
        throw err;
      }
    },
  });
}

export type HomeCustomer = { id: string; name: string; organization?: string | null };
export type HomeApproval = {
  id: string;
  caseId?: string;
  action?: { name?: string } | null;
  actionName?: string;
  requestedBy?: { name?: string } | string | null;
  createdAt?: string;
};
export type HomeSnippet = { id: string; title: string; body: string; teamId?: string | null };

export function useMyCustomers() {
  // The routing part's "customers who prefer this agent" (routing/my-customers.routes.ts).
  return useQuery({
    queryKey: ["home", "customers"],
    queryFn: () => soft<HomeCustomer>("/api/v1/agents/me/customers"),
  });
}

export function usePendingApprovals() {
  return useQuery({
    queryKey: ["home", "approvals"],
    queryFn: () => soft<HomeApproval>("/api/v1/approvals?status=pending"),
  });
}

export function useMySnippets() {
  return useQuery({
    queryKey: ["home", "snippets"],
    queryFn: async () => (await soft<HomeSnippet>("/api/v1/snippets")).filter((s) => !s.teamId),
  });
}
