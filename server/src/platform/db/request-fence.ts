import { AsyncLocalStorage } from "node:async_hooks";
import type { FastifyInstance, FastifyRequest } from "fastify";

/**
 * The fence for queries that forgot their scope (issue #23, "a query that forgot its scope
 * returns nothing instead of another workspace's rows").
 *
 * TenantScope already runs its own queries behind row-level security (fence.ts). A query written
 * on `ctx.db` or a bare transaction instead, with a missing `workspace_id` filter, would still
 * run as the login role and see every workspace. So every HTTP request keeps a note of the
 * workspace it is working for: the first TenantScope the request makes names it. From then on,
 * until the answer is sent, every query of that request that is not marked otherwise runs behind
 * the fence for that workspace too, so a forgotten filter shows this workspace's rows and never
 * another's.
 *
 * On by default since 2026-11-28 (DB_REQUEST_FENCE=off lowers it), after the whole server and
 * browser suites passed with it. An unscoped query on a request's path that filters with a
 * predicate PostgreSQL will not use behind a policy (`@@`, ILIKE, `%`, `<%`, and functions such
 * as lower(): not LEAKPROOF) loses that predicate's index when fenced, so such a query is marked
 * `unfenced()` with its own workspace filter written out (help search and idea similarity are;
 * the other text searches already run through a TenantScope). docs/ARCHITECTURE.md, Tenancy.
 *
 * What is deliberately left outside:
 * - the request's queries before it knows its workspace: the host, session and actor look-ups,
 *   which are what find the workspace;
 * - a request that works for two workspaces (the operator creating a workspace, a login picking
 *   between memberships): once a second workspace is named the request is "mixed" and its
 *   unscoped queries run as before, as the login role;
 * - queries marked with `unfenced()` (fence.ts): cross-workspace look-ups made after the scope,
 *   and the search queries whose indexed predicates PostgreSQL will not use behind a policy
 *   (docs/ARCHITECTURE.md, Tenancy); and the job queue's own SQL (`unfencedQuery()`,
 *   jobs/enqueue.ts), which is not tenant data;
 * - the CLI, the SMTP listener, and anything a request leaves running after its answer (the note
 *   closes when the response ends, so a timer or cache started by a request does not carry the
 *   request's workspace into later, unrelated work).
 *
 * Jobs, and each workspace's share of a sweep, get a note of their own (`fenceWork`, used through
 * jobs/fenced-jobs.ts): fixed in advance to the workspace they are for, or, for a job that carries
 * only a row id, learned from its first TenantScope like a request's. Sweeps and batches that mix
 * workspaces in one piece stay outside: a note learned from their first scope would fence their
 * later look-ups for another workspace (the address book finding the next message's workspace,
 * say) to the wrong one. docs/ARCHITECTURE.md, Tenancy, lists which.
 */
type RequestNote = {
  workspaceId: string | undefined;
  mixed: boolean;
  open: boolean;
  /** Named in advance (a job's payload): a scope for another workspace does not unfence it. */
  fixed?: boolean;
};

const requests = new AsyncLocalStorage<RequestNote>();
const NOTE = Symbol("request fence note");

/** Called by every TenantScope: the first one of a request names the request's workspace. */
export function noteScopeWorkspace(workspaceId: string): void {
  const note = requests.getStore();
  if (!note?.open || note.mixed || note.fixed) return;
  if (note.workspaceId === undefined) note.workspaceId = workspaceId;
  else if (note.workspaceId !== workspaceId) note.mixed = true;
}

/** The workspace an unmarked query of the current request is fenced to, if any. */
export function requestWorkspace(): string | undefined {
  const note = requests.getStore();
  return note?.open && !note.mixed ? note.workspaceId : undefined;
}

/**
 * Every request gets its own note. It is entered twice: on arrival, and again once the body is
 * parsed, because a body arrives through stream events that do not keep the asynchronous context
 * of the hook that first entered it (the handler then runs inside the second entry).
 */
export function installRequestFence(app: FastifyInstance): void {
  app.addHook("onRequest", (request, reply, done) => {
    const note: RequestNote = { workspaceId: undefined, mixed: false, open: true };
    (request as FastifyRequest & { [NOTE]?: RequestNote })[NOTE] = note;
    // Answered (finish) or abandoned by the client (close without finish).
    const close = () => {
      note.open = false;
    };
    reply.raw.once("finish", close);
    reply.raw.once("close", close);
    requests.run(note, done);
  });
  app.addHook("preValidation", (request, _reply, done) => {
    const note = (request as FastifyRequest & { [NOTE]?: RequestNote })[NOTE];
    if (note) requests.run(note, done);
    else done();
  });
}

/** Whether jobs fence their work (DB_REQUEST_FENCE, set by the runtime as it starts workers). */
export const workFence = { enabled: false };

/**
 * Runs one job's work behind the fence, as a request's handler runs: with `workspaceId` the note
 * is fixed to it from the first query; without, the job's first TenantScope names it. The note
 * closes when the work settles, so anything the job leaves running is not fenced by it.
 */
export async function fenceWork<T>(workspaceId: string | undefined, work: () => Promise<T>): Promise<T> {
  if (!workFence.enabled) return work();
  const note: RequestNote = { workspaceId, mixed: false, open: true, fixed: workspaceId !== undefined };
  try {
    return await requests.run(note, work);
  } finally {
    note.open = false;
  }
}
