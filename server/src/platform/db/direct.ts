import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * The split between pooled and direct connections (issue #25, "A connection pooler").
 *
 * Hosted PostgreSQL usually puts PgBouncer in transaction mode in front of the database: a
 * client holds a server connection only for one transaction, then another client gets it.
 * Anything that lives in the session (LISTEN, a session advisory lock, SET without LOCAL)
 * either stays on a server connection another client inherits or is lost. So:
 * - DATABASE_URL (possibly the pooler) carries the app's queries and the job queue, which keep
 *   nothing in the session (the fence's switches are transaction-local there: fence.ts);
 * - DATABASE_DIRECT_URL (default: DATABASE_URL) carries what needs a session: the realtime
 *   listener, migrations (their advisory lock) and better-auth's pool (its search_path is a
 *   startup parameter, which PgBouncer does not carry over).
 */
export type Connections = {
  /** For queries: DATABASE_URL. */
  pooledUrl: string;
  /** For sessions: DATABASE_DIRECT_URL, else DATABASE_URL. */
  directUrl: string;
  /** Whether DATABASE_URL is treated as a transaction pooler (a distinct direct URL was given). */
  transactionPooler: boolean;
};

export function connections(databaseUrl: string, directUrl: string | undefined): Connections {
  const direct = directUrl ?? databaseUrl;
  return { pooledUrl: databaseUrl, directUrl: direct, transactionPooler: direct !== databaseUrl };
}

/** How long a NOTIFY may take to reach a listener on a direct connection before we call it pooled. */
export const NOTIFY_PROBE_MS = 3000;

/**
 * Proves that `listener` (connected to `url`) keeps its session, by the only test that matters:
 * it LISTENs on a fresh channel, a second connection to the same URL NOTIFYs it, and the
 * notice must arrive within `timeoutMs`. Through a transaction pooler the LISTEN ran on a server
 * connection that went back to the pool, so the notice never reaches this client: start-up then
 * fails with a message naming DATABASE_DIRECT_URL, instead of a server whose live updates and
 * cache invalidations silently never arrive.
 */
export async function assertSessionConnection(
  listener: pg.Client,
  url: string,
  timeoutMs = NOTIFY_PROBE_MS,
): Promise<void> {
  const channel = `rapport_probe_${randomBytes(6).toString("hex")}`;
  let heard!: () => void;
  const arrived = new Promise<void>((resolve) => {
    heard = resolve;
  });
  const onNotice = (msg: pg.Notification) => {
    if (msg.channel === channel) heard();
  };
  listener.on("notification", onNotice);
  const sender = new pg.Client({ connectionString: url });
  let timer: NodeJS.Timeout | undefined;
  try {
    await listener.query(`listen ${channel}`);
    await sender.connect();
    await sender.query(`notify ${channel}`);
    const outcome = await Promise.race([
      arrived.then(() => "heard" as const),
      new Promise<"silent">((resolve) => {
        timer = setTimeout(() => resolve("silent"), timeoutMs);
      }),
    ]);
    if (outcome === "silent") {
      throw new Error(
        `The realtime listener's connection (${redact(url)}) did not hear its own NOTIFY within ${timeoutMs} ms: ` +
          "it goes through a transaction pooler (such as PgBouncer with pool_mode=transaction), where LISTEN " +
          "cannot work. Set DATABASE_DIRECT_URL to a direct PostgreSQL connection (or a session-mode pool) " +
          "and keep DATABASE_URL at the pooler.",
      );
    }
  } finally {
    clearTimeout(timer);
    listener.off("notification", onNotice);
    await listener.query(`unlisten ${channel}`).catch(() => {});
    await sender.end().catch(() => {});
  }
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "an unparsable URL";
  }
}
