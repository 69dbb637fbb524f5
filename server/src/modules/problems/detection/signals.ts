import type { AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { forWorkspace } from "../../../platform/jobs/fenced-jobs.ts";
import { problemText } from "../../../platform/text/clean.ts";
import { vectorToBytes } from "../../../platform/text/embedder.ts";
import { sharedEmbedder } from "../../../platform/text/use-embedder.ts";
import { listSnapshots, previousOnDevice, snapshotData } from "../../diagnostics/diagnostics.repo.ts";
import { diffSnapshots } from "../../diagnostics/diff.ts";
import {
  casesNeedingSignals,
  caseTexts,
  listPatterns,
  upsertSignals,
  workspacesNeedingSignals,
} from "./detection.repo.ts";
import { compilePatterns } from "./patterns.ts";
import { extractSignatures, type SnapshotChange } from "./signatures.ts";

/**
 * Signals per case: signatures and the text vector, written to case_text_signals.
 *
 * Why a sweep (the `problems.signals` job, every minute) rather than a job enqueued by case
 * creation: cases are born in several places (the API, the portal, email intake, playbook
 * runs, splits), each a hot, single-statement path owned by another module; a sweep needs no
 * hook in any of them, catches cases whose job would have been lost in a crash, and embeds in
 * batches (the model is ~3× faster per text in batches of 32 than one by one). Snapshots
 * filed on a case later are caught too (signals older than the snapshot are recomputed).
 * Readers that need fresh signals (the emerging list, suggestions) first catch up the few
 * cases the sweep has not reached yet (`catchUp`), so nothing waits a minute to be seen.
 */
const BATCH = 64;
/** Cases older than this are never swept: they are outside any detection window. */
export const SWEEP_DAYS = 30;

export async function computeSignals(ctx: AppContext, scope: TenantScope, caseIds: string[]): Promise<void> {
  if (caseIds.length === 0) return;
  const embedder = sharedEmbedder();
  const patterns = compilePatterns(await listPatterns(scope));
  for (let i = 0; i < caseIds.length; i += BATCH) {
    const texts = await caseTexts(scope, caseIds.slice(i, i + BATCH));
    // Greetings, sign-offs and quotes removed: they blur similarity (platform/text/clean.ts).
    const bodies = texts.map((t) =>
      `${problemText(t.subject)}\n${problemText(t.first_message ?? "")}`.trim(),
    );
    const vectors = await embedder.embed(bodies);
    const rows = [];
    for (const [j, t] of texts.entries()) {
      const snapshotChanges = await caseSnapshotChanges(scope, t.id);
      rows.push({
        caseId: t.id,
        signatures: extractSignatures({
          texts: [t.subject, t.first_message ?? ""],
          snapshotChanges,
          patterns,
        }),
        // Stored for the lexical stage and for grouping's word vectors; capped like the embedding.
        body: (bodies[j] as string).slice(0, 2000),
        vector: vectorToBytes(vectors[j] as Float32Array),
        modelId: embedder.modelId,
      });
    }
    await upsertSignals(scope, rows);
  }
  ctx.log.debug({ cases: caseIds.length }, "case signals computed");
}

/** What the case's latest snapshots changed, each against the same device's previous one. */
async function caseSnapshotChanges(scope: TenantScope, caseId: string): Promise<SnapshotChange[]> {
  const snapshots = await listSnapshots(scope, { caseId }, undefined, 3);
  const changes: SnapshotChange[] = [];
  for (const s of snapshots.slice(0, 3)) {
    const previous = s.deviceId
      ? await previousOnDevice(scope, { id: s.id, deviceId: s.deviceId, cursorAt: s.cursorAt })
      : undefined;
    const [before, after] = await Promise.all([
      previous ? snapshotData(scope, previous.id) : Promise.resolve({}),
      snapshotData(scope, s.id),
    ]);
    for (const c of diffSnapshots(before, after)) changes.push({ path: c.path, after: c.after });
  }
  return changes;
}

/** Computes what is missing for one workspace's cases since `since` (at most `limit`). */
export async function catchUp(
  ctx: AppContext,
  scope: TenantScope,
  since: Date,
  limit = 256,
): Promise<number> {
  const ids = await casesNeedingSignals(scope, since, sharedEmbedder().modelId, limit);
  await computeSignals(ctx, scope, ids);
  return ids.length;
}

/** The periodic sweep over every workspace (worker processes). */
export async function sweepSignals(ctx: AppContext): Promise<void> {
  const since = new Date(Date.now() - SWEEP_DAYS * 24 * 3600_000);
  for (const workspaceId of await workspacesNeedingSignals(ctx.db, since, sharedEmbedder().modelId)) {
    const scope = new TenantScope(ctx.db, workspaceId);
    // Bounded per run so one busy workspace cannot hold the job past its expiry; the rest
    // waits for the next minute.
    await forWorkspace(workspaceId, () => catchUp(ctx, scope, since, 1024));
  }
}
