import type { AppContext } from "../../platform/context.ts";
import { drainAssessments } from "../conduct/assess/assess-job.ts";

/**
 * Staff protection (issue #20): the demo's customer messages and community posts were queued
 * for assessment as they were written; assess them all now, so a freshly loaded demo already
 * shows the Frustrated / Abusive flags instead of waiting for the worker.
 */
export async function loadConductAssessDemo(ctx: Pick<AppContext, "db">, workspaceId: string) {
  return drainAssessments(ctx, { workspaceId });
}
