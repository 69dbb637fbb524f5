import type PgBoss from "pg-boss";
import { fenceWork } from "../db/request-fence.ts";

/**
 * Jobs behind the fence for queries that forgot their scope (issue #23, request-fence.ts). Work
 * for one workspace runs in a note of its own: fixed to the workspace named in advance (a
 * payload's `workspaceId`, or the workspace a sweep is on), else learned from the work's first
 * TenantScope. Its unmarked queries on `ctx.db` then run as rapport_app for that workspace, so a
 * forgotten filter in a job sees that workspace's rows and no other's, exactly as in a request.
 *
 * A sweep's own look-up across workspaces (which workspaces have work due) stays outside; each
 * workspace's share of the work goes through `forWorkspace`. Batches that mix workspaces in one
 * piece stay outside too: see request-fence.ts for why. Off with DB_REQUEST_FENCE=off.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The workspace a job's payload names, if it names one in the shape of an id. */
export function payloadWorkspace(data: unknown): string | undefined {
  const id = (data as { workspaceId?: unknown } | null)?.workspaceId;
  return typeof id === "string" && UUID.test(id) ? id : undefined;
}

/** One workspace's share of a sweep, fenced to that workspace. */
export function forWorkspace<T>(workspaceId: string, work: () => Promise<T>): Promise<T> {
  return fenceWork(UUID.test(workspaceId) ? workspaceId : undefined, work);
}

/** A pg-boss handler that handles its batch one job at a time, each behind its own fence. */
export function fencedJobs<T>(
  handle: (data: T, job: PgBoss.Job<T>) => Promise<unknown>,
): (jobs: PgBoss.Job<T>[]) => Promise<void> {
  return async (jobs) => {
    for (const job of jobs) await fenceWork(payloadWorkspace(job.data), () => handle(job.data, job));
  };
}

/**
 * A batch handled as one piece (one transaction for many jobs): fenced to the workspace when
 * every job names the same one; otherwise it runs as before, unfenced, since a note for one of
 * its workspaces would hide the others' rows from it.
 */
export function fencedBatch<T>(
  handle: (jobs: PgBoss.Job<T>[]) => Promise<void>,
): (jobs: PgBoss.Job<T>[]) => Promise<void> {
  return async (jobs) => {
    const workspaces = new Set(jobs.map((job) => payloadWorkspace(job.data)));
    const [only] = workspaces;
    if (workspaces.size !== 1 || only === undefined) return handle(jobs);
    return fenceWork(only, () => handle(jobs));
  };
}
