import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api } from "../../api/client.ts";

/**
 * The actions and approvals API (docs/agents-api.md, issue #18). Typed here from the contract
 * page rather than contracts/actions.ts, which belongs to the server part and is read leniently:
 * the screens show only the fields below.
 */
export type FieldType = "text" | "textarea" | "number" | "boolean" | "select" | "date";
export const FIELD_TYPES: FieldType[] = ["text", "textarea", "number", "boolean", "select", "date"];
export type ActionField = {
  key: string;
  label?: string;
  type: FieldType;
  options?: string[];
  default?: string | number | boolean;
  required?: boolean;
};
export type ApprovalAbove = { field: string; amount: number } | number | null;
export type Action = {
  id: string;
  name: string;
  icon?: string | null;
  url: string;
  fields: ActionField[];
  roles: string[];
  approvalAbove?: ApprovalAbove;
  secretPreview?: string;
  canRun?: boolean;
  createdAt?: string;
};
export type ActionInput = {
  name: string;
  icon?: string;
  url: string;
  fields: ActionField[];
  roles: string[];
  approvalAbove?: ApprovalAbove;
};
export type FormField = ActionField & { value?: unknown; missing?: string[] | boolean };
export type RunStatus = "succeeded" | "failed" | "pending_approval" | "refused" | "running";
export type Approval = {
  id: string;
  status?: string;
  decision?: string | null;
  reason?: string | null;
  decidedBy?: { id?: string; name: string } | null;
  decidedAt?: string | null;
};
export type ActionRun = {
  id: string;
  actionId: string;
  actionName?: string;
  action?: { id: string; name: string };
  caseId: string;
  status: RunStatus;
  input: Record<string, unknown>;
  result?: unknown;
  error?: string | { message?: string } | null;
  requestedBy?: { id?: string; name: string } | string | null;
  approval?: Approval | null;
  createdAt: string;
  finishedAt?: string | null;
};
export type PendingApproval = {
  id: string;
  status?: string;
  reason?: string | null;
  createdAt?: string;
  run?: ActionRun;
  runId?: string;
  action?: { id: string; name: string };
  case?: { id: string; number?: number | string; subject?: string };
  caseId?: string;
  requestedBy?: { id?: string; name: string } | string | null;
  input?: Record<string, unknown>;
  decision?: string | null;
  decidedBy?: { id?: string; name: string } | null;
};

type Items<T> = { items: T[] };
export const actionsKey = ["actions"] as const;
export const approvalsKey = ["approvals"] as const;
// Under the case's own key: LiveQueries refetches ["case", id] on every case event.
export const runsKey = (caseId: string) => ["case", caseId, "action-runs"] as const;

const get = <T>(path: string) => api(path) as Promise<T>;

export const useActions = () =>
  useQuery({ queryKey: actionsKey, queryFn: () => get<Items<Action>>("/api/v1/actions"), retry: false });

export const useActionForm = (caseId: string, actionId: string | null) =>
  useQuery({
    queryKey: ["case", caseId, "action-form", actionId],
    queryFn: () => get<{ fields: FormField[] }>(`/api/v1/cases/${caseId}/actions/${actionId}/form`),
    enabled: actionId !== null,
    retry: false,
    // The defaults come from the customer's facts now; a form reopened later reads them again.
    staleTime: 0,
    gcTime: 0,
  });

const unsettled = (runs: ActionRun[]) =>
  runs.some((r) => r.status === "pending_approval" || r.status === "running");

export const useRuns = (caseId: string) =>
  useQuery({
    queryKey: runsKey(caseId),
    queryFn: () => get<Items<ActionRun>>(`/api/v1/cases/${caseId}/action-runs`),
    retry: false,
    // A decision made elsewhere reaches the case even when no case event is published for it.
    refetchInterval: (query) => (unsettled(query.state.data?.items ?? []) ? 4000 : false),
  });

export const useApprovals = (status: "pending" | "decided", enabled = true) =>
  useQuery({
    queryKey: [...approvalsKey, status],
    queryFn: () => get<Items<PendingApproval>>(`/api/v1/approvals?status=${status}`),
    enabled,
    retry: false,
    // A refusal (an agent who leads no team) is final: no asking again every 30 s.
    refetchInterval: (query) => (query.state.error ? false : 30_000),
  });

async function errorOf(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as {
    error?: { code?: string; message?: string; field?: string };
  } | null;
  const e = body?.error;
  return new ApiError(res.status, e?.code ?? `http_${res.status}`, e?.message ?? res.statusText, e?.field);
}

/** Runs an action; the key is made once per submission by the caller, so a retry of it is the same run. */
export async function runAction(
  caseId: string,
  actionId: string,
  input: Record<string, unknown>,
  idempotencyKey: string,
): Promise<ActionRun> {
  const res = await fetch(`/api/v1/cases/${caseId}/actions/${actionId}`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json", "idempotency-key": idempotencyKey },
    body: JSON.stringify({ input }),
  });
  if (!res.ok) throw await errorOf(res);
  return (await res.json()) as ActionRun;
}

export const retryRun = (runId: string) =>
  api(`/api/v1/action-runs/${runId}/retry`, { method: "POST", body: {} }) as Promise<ActionRun>;

export const createAction = (input: ActionInput) =>
  api("/api/v1/actions", { body: input }) as Promise<Action & { secret?: string }>;
export const updateAction = (id: string, input: ActionInput) =>
  api(`/api/v1/actions/${id}`, { method: "PATCH", body: input }) as Promise<Action>;
export const deleteAction = (id: string) => api(`/api/v1/actions/${id}`, { method: "DELETE" });

export const decide = (id: string, decision: "approve" | "refuse", reason: string) =>
  api(`/api/v1/approvals/${id}`, {
    body: decision === "refuse" || reason.trim() ? { decision, reason: reason.trim() } : { decision },
  });

/** A mutation that refreshes actions, approvals and the shown runs when it settles. */
export function useActionsWrite<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (args: A) => fn(...args),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: actionsKey });
      void client.invalidateQueries({ queryKey: approvalsKey });
      void client.invalidateQueries({ queryKey: ["case"] });
    },
  });
}

/** The name of whoever asked, whatever shape the server gives it. */
export const nameOf = (who: { name: string } | string | null | undefined) =>
  typeof who === "string" ? who : (who?.name ?? "");

export const errorText = (error: ActionRun["error"]) =>
  typeof error === "string" ? error : (error?.message ?? "");

export const actionNameOf = (run: ActionRun, actions: Action[]) =>
  run.action?.name ?? run.actionName ?? actions.find((a) => a.id === run.actionId)?.name ?? "";
