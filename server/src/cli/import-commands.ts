import { sql } from "kysely";
import { executeRun, type RunProgress } from "../modules/imports/zendesk/pipeline.ts";
import { createRun, zendeskBaseUrl } from "../modules/imports/zendesk/run-import.ts";
import type { Db } from "../platform/db/pool.ts";
import { TenantScope } from "../platform/db/tenant.ts";
import { withDatabase } from "./database.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ImportOptions = {
  subdomain?: string | undefined;
  url?: string | undefined;
  email?: string | undefined;
  token?: string | undefined;
  since?: string | undefined;
  "dry-run"?: boolean | undefined;
  workspace?: string | undefined;
  rate?: string | undefined;
  "incremental-rate"?: string | undefined;
};

/** Where the command's output goes and what stops it; the import thread posts both to the CLI. */
export interface ImportIo {
  /** One line of the report (stdout). */
  print: (line: string) => void;
  /** Progress and notices, as they are (stderr). */
  progress: (text: string) => void;
  /** Whether stderr is a terminal: then the progress line is rewritten in place. */
  isTTY: boolean;
  /** Aborted on Ctrl-C or SIGTERM: the run stops after the page being written. */
  signal: AbortSignal;
}

/**
 * `import zendesk`: runs an import, with a progress line on stderr, and prints the report at
 * the end. It runs in a worker thread with a capped heap (import-thread.ts). Ctrl-C stops after
 * the page being written; running the same command again resumes from the checkpoints, and
 * later runs are delta syncs. The token may come from ZENDESK_API_TOKEN instead of --token,
 * which keeps it out of the shell's history.
 */
export async function importZendeskCommand(opts: ImportOptions, io: ImportIo): Promise<void> {
  const baseUrl = cliError(() => zendeskBaseUrl({ subdomain: opts.subdomain, url: opts.url }));
  const email = opts.email?.trim();
  if (!email?.includes("@")) throw new Error("--email is required: the Zendesk admin's address");
  const token = opts.token ?? process.env.ZENDESK_API_TOKEN;
  if (!token) throw new Error("--token is required (or set ZENDESK_API_TOKEN)");
  let since: Date | null = null;
  if (opts.since !== undefined) {
    since = new Date(opts.since);
    if (!/^\d{4}-\d{2}-\d{2}/.test(opts.since) || Number.isNaN(since.getTime()))
      throw new Error("--since must be a date such as 2024-01-01");
  }
  const requestsPerMinute = perMinute("rate", opts.rate);
  const incrementalPerMinute = perMinute("incremental-rate", opts["incremental-rate"]);

  const outcome = await withDatabase(async (ctx) => {
    const workspaceId = await pickWorkspace(ctx.db, opts.workspace);
    const scope = new TenantScope(ctx.db, workspaceId);
    const run = await createRun(scope, ctx.secret, {
      baseUrl,
      email,
      token,
      since,
      dryRun: opts["dry-run"] ?? false,
      startedBy: null,
    });
    try {
      await executeRun(
        {
          db: ctx.db,
          files: ctx.files,
          secret: ctx.secret,
          log: ctx.log,
          requestsPerMinute,
          incrementalPerMinute,
          allowPrivate: ctx.config.webhookAllowPrivate,
        },
        workspaceId,
        run.id,
        { signal: io.signal, onProgress: progressLine(io) },
      );
    } finally {
      io.progress("\n");
    }
    return report(scope, run.id, io.print);
  });
  if (outcome !== "done")
    throw new Error(`the import ended ${outcome}; run the same command again to resume`);
}

async function pickWorkspace(db: Db, name: string | undefined): Promise<string> {
  let q = db.selectFrom("workspaces").select(["id"]).orderBy("created_at");
  if (name !== undefined) {
    const w = name.trim();
    q = UUID.test(w) ? q.where("id", "=", w) : q.where(sql<boolean>`lower(host) = ${w.toLowerCase()}`);
  }
  const row = await q.executeTakeFirst();
  if (!row)
    throw new Error(
      name === undefined
        ? "there is no workspace yet: run npm start and set it up first"
        : `--workspace ${name} matches no workspace`,
    );
  return row.id;
}

/** One line, rewritten in place on a terminal and printed every 5 s otherwise. */
function progressLine(io: ImportIo): (p: RunProgress) => void {
  let lastLine = 0;
  return (p) => {
    const now = Date.now();
    const seconds = Math.max((now - p.startedAt.getTime()) / 1000, 0.001);
    const line = `${p.resource}: ${p.records.toLocaleString("en")} records read, ${Math.round(p.records / seconds).toLocaleString("en")}/s`;
    if (io.isTTY) io.progress(`\r${line.padEnd(70)}`);
    else if (now - lastLine > 5000) io.progress(`${line}\n`);
    else return;
    lastLine = now;
  };
}

/** Prints what was imported, skipped (grouped by reason) and failed; returns the status. */
async function report(scope: TenantScope, runId: string, print: (line: string) => void): Promise<string> {
  const run = await scope
    .selectFrom("import_runs")
    .select(["status", "dry_run", "counts", "report", "error"])
    .where("id", "=", runId)
    .executeTakeFirstOrThrow();
  print(`Import ${run.status}${run.dry_run ? " (dry run: nothing was written)" : ""}.`);
  if (run.error) print(`Error: ${run.error}`);
  print(`${"resource".padEnd(22)}${run.dry_run ? "would create" : "created"}  updated  skipped  failed`);
  for (const [resource, c] of Object.entries(run.counts)) {
    print(
      `${resource.padEnd(22)}${String(c.created).padStart(run.dry_run ? 12 : 7)}  ${String(c.updated).padStart(7)}  ${String(c.skipped).padStart(7)}  ${String(c.failed).padStart(6)}`,
    );
  }
  const reasons = run.dry_run
    ? Object.entries(run.report).map(([reason, r]) => ({
        reason,
        n: r.count,
        examples: r.examples.join(", "),
      }))
    : (
        await scope
          .selectFrom("import_skips")
          .select([
            sql<string>`resource || ': ' || reason`.as("reason"),
            sql<number>`count(*)::int`.as("n"),
            sql<string[]>`(array_agg(external_id order by id))[1:5]`.as("examples"),
          ])
          .where("run_id", "=", runId)
          .groupBy(["resource", "reason"])
          .orderBy(sql`count(*)`, "desc")
          .limit(50)
          .execute()
      ).map((r) => ({ ...r, examples: r.examples.join(", ") }));
  if (reasons.length > 0) {
    print("\nNot imported:");
    for (const r of reasons) print(`  ${String(r.n).padStart(6)}  ${r.reason} (e.g. ${r.examples})`);
  }
  return run.status;
}

function perMinute(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--${name} must be a whole number of requests per minute`);
  return n;
}

function cliError<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    const e = err as { field?: string; message: string };
    throw new Error(e.field ? `--${e.field}: ${e.message}` : e.message);
  }
}
