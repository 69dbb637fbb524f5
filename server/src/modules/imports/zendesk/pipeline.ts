import { sql } from "kysely";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { unseal } from "../../../platform/sealed.ts";
import { MAX_ATTACHMENT_BYTES } from "../../channels/attachments.ts";
import type { DryRunReport, ImportCounts } from "../schema-imports.ts";
import { type Page, RESOURCE_ORDER, type ResourceName, type ZendeskSource } from "./resources.ts";
import { IMPORT_CREDENTIALS_SEAL, type RunDeps, THIS_RUNNER } from "./run-import.ts";
import { addToReport, finish, recordSkips, saveCheckpoint, saveProgress } from "./run-records.ts";
import { makeSource } from "./source-factory.ts";
import { EarlierPageFailed, writePageSafely } from "./write-page.ts";
import type { ImportContext, ResourceWriter, WriteOutcome } from "./writer.ts";
import { AFTER_TICKETS, type AfterTickets, WRITERS, type WriterRegistry } from "./writers.ts";

export interface RunOverrides {
  /** Replaces the HTTP client (tests that feed pages directly). */
  source?: ZendeskSource;
  /** Replaces the registry of writers. */
  writers?: WriterRegistry;
  afterTickets?: AfterTickets[];
  signal?: AbortSignal;
  /** Called after every page (the CLI's progress line). */
  onProgress?: (progress: RunProgress) => void;
}

export interface RunProgress {
  resource: ResourceName;
  counts: ImportCounts;
  /** Records read so far in this run, all resources. */
  records: number;
  startedAt: Date;
}

type RunRow = {
  id: string;
  source: string;
  base_url: string;
  dry_run: boolean;
  since: Date | null;
  status: string;
  counts: ImportCounts;
  report: DryRunReport;
  credentials_sealed: string | null;
};

/**
 * Runs a queued (or interrupted) run to its end. Each page is written in one transaction with
 * its checkpoint, its skips and the run's counts, so a crash, Ctrl-C or a lost connection
 * resumes after the last page that committed, and a page written twice (a crash after the
 * write, before the next) is harmless because writers are idempotent through import_ids.
 * A record that makes its page fail is isolated by splitting the page (write-page.ts) and
 * reported as failed; only a transient failure (the database or Zendesk unreachable) ends the
 * run, as "failed", resumable.
 */
export async function executeRun(
  deps: RunDeps,
  workspaceId: string,
  runId: string,
  overrides: RunOverrides = {},
): Promise<void> {
  const scope = new TenantScope(deps.db, workspaceId);
  const run = (await scope
    .selectFrom("import_runs")
    .select([
      "id",
      "source",
      "base_url",
      "dry_run",
      "since",
      "status",
      "counts",
      "report",
      "credentials_sealed",
    ])
    .where("id", "=", runId)
    .executeTakeFirst()) as RunRow | undefined;
  if (!run || (run.status !== "queued" && run.status !== "running")) return;

  let source = overrides.source;
  if (!source) {
    if (!run.credentials_sealed)
      return finish(scope, runId, "failed", "The run has no credentials left; start it again");
    const { email, token } = JSON.parse(
      unseal(deps.secret, IMPORT_CREDENTIALS_SEAL, run.credentials_sealed),
    ) as {
      email: string;
      token: string;
    };
    source = makeSource({
      baseUrl: run.base_url,
      email,
      token,
      log: deps.log,
      requestsPerMinute: deps.requestsPerMinute,
      incrementalPerMinute: deps.incrementalPerMinute,
      allowPrivate: deps.allowPrivate ?? false,
      signal: overrides.signal,
    });
  }

  await scope
    .updateTable("import_runs")
    .set({
      status: "running",
      runner: THIS_RUNNER,
      started_at: sql<Date>`coalesce(started_at, now())`,
      heartbeat_at: sql<Date>`now()`,
    })
    .where("id", "=", runId)
    .execute();

  const state: RunState = {
    deps,
    scope,
    run,
    source,
    writers: overrides.writers ?? WRITERS,
    afterTickets: overrides.afterTickets ?? AFTER_TICKETS,
    counts: run.counts ?? {},
    report: run.report ?? {},
    records: 0,
    startedAt: new Date(),
    overrides,
  };
  try {
    for (const resource of RESOURCE_ORDER) {
      const stopped = await importResource(state, resource);
      if (stopped) return finish(scope, runId, "cancelled", null);
    }
    await finish(scope, runId, "done", null);
  } catch (err) {
    deps.log.error({ err: redact(err), runId }, "import run failed");
    await finish(scope, runId, "failed", describe(err));
  }
}

interface RunState {
  deps: RunDeps;
  scope: TenantScope;
  run: RunRow;
  source: ZendeskSource;
  writers: WriterRegistry;
  afterTickets: AfterTickets[];
  counts: ImportCounts;
  report: DryRunReport;
  records: number;
  startedAt: Date;
  overrides: RunOverrides;
}

/**
 * Reads one resource from its checkpoint to Zendesk's end of stream. True when stopped.
 *
 * A writer with `overlapKeys` has two pages in flight: page N+1's transaction starts while page
 * N's is still open, so PostgreSQL writes one while the importer maps, sanitises and sends the
 * other (one process alone left a core idle 40 % of the run). Order is kept where it matters:
 * N+1 touches shared rows and saves its checkpoint only after N commits (`inTurn`), so the
 * checkpoint never passes a page that is not written; a record both list is left to N
 * (`heldByPageBefore`), so N never waits for N+1 and the two cannot deadlock; counts and
 * progress follow page order.
 */
async function importResource(state: RunState, resource: ResourceName): Promise<boolean> {
  const { scope, run } = state;
  const saved = await scope
    .selectFrom("import_checkpoints")
    .select(["checkpoint", "caught_up"])
    .where("source", "=", run.source)
    .where("resource", "=", resource)
    .executeTakeFirst();
  // `since` only bounds the first read of an account: after that the checkpoint does.
  const since = saved ? null : run.since;
  state.counts[resource] ??= { created: 0, updated: 0, skipped: 0, failed: 0 };
  const writer = state.writers[resource] as ResourceWriter | undefined;
  const beside = !run.dry_run && writer?.overlapKeys ? writer.overlapKeys.bind(writer) : null;
  let inFlight: { done: Promise<WriteOutcome>; keys: Set<string> } | null = null;
  try {
    for await (const page of state.source.pages(resource, saved?.checkpoint ?? null, since)) {
      state.records += page.records.length;
      if (!beside) {
        const outcome = run.dry_run ? await assessPage(state, page) : await writePage(state, page);
        if (await account(state, resource, outcome)) return true;
        continue;
      }
      const keys = new Set(beside(page));
      const previous: typeof inFlight = inFlight;
      inFlight = null;
      const done = writePage(state, page, previous ?? undefined);
      // Settled here too, so a failure of this page while the one before is awaited is not
      // an unhandled rejection; it is awaited (and thrown) in turn.
      done.catch(() => {});
      inFlight = { done, keys };
      if (previous && (await account(state, resource, await previous.done))) {
        await account(state, resource, await done);
        inFlight = null;
        return true;
      }
    }
    if (inFlight) {
      const last = inFlight;
      inFlight = null;
      if (await account(state, resource, await last.done)) return true;
    }
    return false;
  } catch (err) {
    // The run stops (Zendesk failed, or a page did). The page still in flight commits or rolls
    // back first, so the run's status is written last, and one that committed is counted.
    const left = inFlight as { done: Promise<WriteOutcome> } | null;
    const outcome = left ? await left.done.catch(() => null) : null;
    if (outcome) await account(state, resource, outcome).catch(() => {});
    throw err;
  }
}

/** Adds a written page to the run's counts and progress. True when the run is to stop. */
async function account(state: RunState, resource: ResourceName, outcome: WriteOutcome): Promise<boolean> {
  const { run } = state;
  const tally = state.counts[resource] ?? { created: 0, updated: 0, skipped: 0, failed: 0 };
  state.counts[resource] = tally;
  tally.created += outcome.created;
  tally.updated += outcome.updated;
  for (const skip of outcome.skips) tally[skip.outcome] += 1;
  if (run.dry_run) addToReport(state.report, resource, outcome.skips);
  const status = await saveProgress(state.scope, run.id, resource, state.counts, state.report);
  state.overrides.onProgress?.({
    resource,
    counts: state.counts,
    records: state.records,
    startedAt: state.startedAt,
  });
  return status === "cancelled" || state.overrides.signal?.aborted === true;
}

/** Dry run: what the page would do, with no writes (not even a checkpoint). */
async function assessPage(state: RunState, page: Page): Promise<WriteOutcome> {
  const writer = state.writers[page.resource] as ResourceWriter | undefined;
  if (!writer) return notImported(page);
  return writer.assess(state.scope, state.run.source, page);
}

/**
 * One page, its checkpoint and its skips, in one transaction (split on a bad record).
 * `before`: the page written beside it, before it, whose commit this one's shared rows and
 * checkpoint wait for, and whose keys this one leaves to it.
 */
async function writePage(
  state: RunState,
  page: Page,
  before?: { done: Promise<unknown>; keys: ReadonlySet<string> },
): Promise<WriteOutcome> {
  const writer = state.writers[page.resource] as ResourceWriter | undefined;
  const { deps, run, scope } = state;
  const turn = before
    ? before.done.then(
        () => undefined,
        (err) => Promise.reject(new EarlierPageFailed(err)),
      )
    : Promise.resolve();
  // Awaited by the writer or below; this keeps an early failure from going unhandled meanwhile.
  turn.catch(() => {});
  const inTurn = () => turn;
  return writePageSafely(deps.db, page, async (tx, records, isLast, failed) => {
    const txScope = new TenantScope(tx, scope.workspaceId);
    // Tells the database triggers that queue follow-up work (surveys, repeat detection, tone
    // assessment) to stay silent: imported history must not act as if it happened now.
    await sql`select set_config('rapport.import', 'on', true)`.execute(tx);
    const ctx: ImportContext = {
      scope: txScope,
      runId: run.id,
      source: run.source,
      files: deps.files,
      download: (url, max) => state.source.download(url, max),
      maxAttachmentBytes: MAX_ATTACHMENT_BYTES,
      inTurn,
      heldByPageBefore: before?.keys ?? NO_KEYS,
    };
    const part = { ...page, records } as Page;
    const outcome: WriteOutcome =
      records.length === 0
        ? { created: 0, updated: 0, skips: [] }
        : writer
          ? await writer.write(ctx, part)
          : notImported(part);
    outcome.skips.push(...failed);
    if (writer && records.length > 0 && page.resource === "tickets") {
      // Problems and their links are shared between pages: written in page order.
      await inTurn();
      for (const after of state.afterTickets) {
        const more = await after(ctx, records as never);
        outcome.skips.push(...more.skips);
      }
    }
    await inTurn();
    await recordSkips(txScope, run.id, page.resource, outcome.skips);
    if (isLast) await saveCheckpoint(txScope, run.source, page);
    return outcome;
  });
}

const NO_KEYS: ReadonlySet<string> = new Set();

function notImported(page: Page): WriteOutcome {
  return {
    created: 0,
    updated: 0,
    skips: page.records.map((r) => ({
      externalId: String((r as { id?: unknown }).id ?? "?"),
      outcome: "skipped" as const,
      reason: `${page.resource} are not imported yet`,
    })),
  };
}

function describe(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.slice(0, 2000);
}

/** Errors are logged without their request details (which could carry the Authorization header). */
function redact(err: unknown): { message: string; code?: string } {
  const e = err as { message?: string; code?: string };
  return { message: String(e?.message ?? err), ...(e?.code ? { code: e.code } : {}) };
}
