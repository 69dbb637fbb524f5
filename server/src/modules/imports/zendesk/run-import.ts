import { sql } from "kysely";
import type { Logger } from "pino";
import type { Db } from "../../../platform/db/pool.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { seal } from "../../../platform/sealed.ts";
import type { FileStore } from "../../../platform/storage.ts";

/** The purpose the API email and token are sealed under while a run needs them. */
export const IMPORT_CREDENTIALS_SEAL = "import-credentials";

export interface StartImport {
  /** Zendesk's API base, "https://acme.zendesk.com" (see zendeskBaseUrl). */
  baseUrl: string;
  email: string;
  token: string;
  /** Only records changed since then (the first run of an account); null: everything. */
  since: Date | null;
  dryRun: boolean;
  /** The membership that started it (null from the CLI). */
  startedBy: string | null;
}

/**
 * The base URL from `--subdomain acme` or `--url <base>` (a Zendesk-compatible server, such as
 * the fake one tests start on loopback). Exactly one must be given.
 */
export function zendeskBaseUrl(input: { subdomain?: string | null; url?: string | null }): string {
  if (input.subdomain && input.url) {
    throw new AppError("validation_failed", "Give a subdomain or a URL, not both", "url");
  }
  if (input.subdomain) {
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/i.test(input.subdomain)) {
      throw new AppError(
        "validation_failed",
        "A Zendesk subdomain is letters, digits and dashes",
        "subdomain",
      );
    }
    return `https://${input.subdomain.toLowerCase()}.zendesk.com`;
  }
  if (input.url) {
    let url: URL;
    try {
      url = new URL(input.url);
    } catch {
      throw new AppError("validation_failed", "The URL is not a valid address", "url");
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw new AppError("validation_failed", "The URL must start with https://", "url");
    }
    if (url.username || url.password) {
      throw new AppError("validation_failed", "Put credentials in email and token, not in the URL", "url");
    }
    return url.origin;
  }
  throw new AppError("validation_failed", "Give the Zendesk subdomain or a URL", "subdomain");
}

/** The import_ids/import_checkpoints key of an account: "zendesk:acme.zendesk.com". */
export function sourceKey(baseUrl: string): string {
  return `zendesk:${new URL(baseUrl).host}`;
}

/**
 * Records a queued run, with the credentials sealed so the worker can use them and nothing
 * else can read them. A second live run of the same account is refused (409): two runs would
 * race on the same checkpoints.
 */
export async function createRun(
  scope: TenantScope,
  secret: string,
  input: StartImport,
): Promise<{ id: string }> {
  const source = sourceKey(input.baseUrl);
  // A run whose process died (a crash, a killed worker) stays "running" with a stale
  // heartbeat; it would block every new run of the account, so it is closed as interrupted.
  // Its checkpoints stay: the new run resumes from them.
  await scope
    .updateTable("import_runs")
    .set({
      status: "failed",
      error: "Interrupted: the import stopped making progress",
      credentials_sealed: null,
      finished_at: sql<Date>`now()`,
    })
    .where("source", "=", source)
    .where("status", "=", "running")
    .where("heartbeat_at", "<", sql<Date>`now() - interval '2 minutes'`)
    .execute();
  const credentials = seal(
    secret,
    IMPORT_CREDENTIALS_SEAL,
    JSON.stringify({ email: input.email, token: input.token }),
  );
  try {
    return await scope
      .insertInto("import_runs", {
        source,
        base_url: input.baseUrl,
        dry_run: input.dryRun,
        since: input.since,
        credentials_sealed: credentials,
        started_by: input.startedBy,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
  } catch (err) {
    if ((err as { constraint?: string }).constraint === "import_runs_one_live") {
      throw new AppError("conflict", "An import from this account is already running", "url");
    }
    throw err;
  }
}

export interface RunDeps {
  db: Db;
  files: FileStore;
  /** AUTH_SECRET, to unseal the credentials. */
  secret: string;
  log: Logger;
  /** The cap on requests to Zendesk (default: Zendesk's own plan limits; see client.ts). */
  requestsPerMinute?: number;
}

/**
 * Runs a queued (or interrupted) run to its end: reads every resource from its checkpoint,
 * writes page by page, and records counts, skips and the outcome on import_runs. Stops between
 * pages when the run is cancelled or `signal` aborts; a later executeRun resumes it.
 * Implemented in pipeline.ts.
 */
export { executeRun } from "./pipeline.ts";
