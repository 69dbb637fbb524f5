import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { startPgBouncer } from "../server/src/platform/db/direct.testkit.ts";
import { fence } from "../server/src/platform/db/fence.ts";
import { createDb, createPool } from "../server/src/platform/db/pool.ts";
import { TenantScope } from "../server/src/platform/db/tenant.ts";
import { inTransaction } from "../server/src/platform/db/tx.ts";
import { freePort } from "../server/test/harness.ts";

/**
 * What a transaction pooler costs a statement (docs/ARCHITECTURE.md, Connection pooling):
 *   node scripts/pgbouncer-bench.ts postgres://rapport@127.0.0.1:55425/postgres [n]
 * The URL is a PostgreSQL whose cluster already has the role rapport_app (any migrated Rapport
 * database's cluster) and whose user may switch to it. Starts its own pgbouncer
 * (pool_mode=transaction) in front, then times n sequential trivial statements, one client:
 * unscoped and scoped, directly (session fence) and through the pooler (transaction-local
 * fence), and n one-statement scoped transactions. Prints the median of three rounds' means.
 */
const direct = process.argv[2];
const n = Number(process.argv[3] ?? 2000);
if (!direct) throw new Error("usage: node scripts/pgbouncer-bench.ts <postgres url> [n]");
fence.enabled = true;
const bouncer = await startPgBouncer(direct, await freePort(), 2);
const pooled = bouncer.url(new URL(direct).pathname.slice(1));
const workspace = randomUUID();

async function time(
  label: string,
  url: string,
  transactionPooler: boolean,
  kind: "unscoped" | "scoped" | "tx",
) {
  const db = createDb(createPool(url, 1, { preparedStatements: false, transactionPooler }));
  const scoped = new TenantScope(db, workspace).db;
  const once = () =>
    kind === "unscoped"
      ? sql`select 1`.execute(db)
      : kind === "scoped"
        ? sql`select 1`.execute(scoped)
        : inTransaction(db, (tx) => sql`select 1`.execute(new TenantScope(tx, workspace).db));
  for (let i = 0; i < 100; i++) await once();
  // Three rounds, the median printed: a busy machine makes single rounds noisy.
  const rounds: number[] = [];
  for (let r = 0; r < 3; r++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await once();
    rounds.push(Number(process.hrtime.bigint() - started) / 1e6 / n);
  }
  const [low, median, high] = rounds.sort((a, b) => a - b) as [number, number, number];
  console.log(`${label.padEnd(44)} ${median.toFixed(3)} ms (rounds ${low.toFixed(3)}–${high.toFixed(3)})`);
  await db.destroy();
}

try {
  await time("direct, unscoped statement", direct, false, "unscoped");
  await time("direct, scoped statement", direct, false, "scoped");
  await time("direct, scoped one-statement transaction", direct, false, "tx");
  await time("PgBouncer, unscoped statement", pooled, true, "unscoped");
  await time("PgBouncer, scoped statement (wrapped)", pooled, true, "scoped");
  await time("PgBouncer, scoped one-statement transaction", pooled, true, "tx");
} finally {
  await bouncer.stop();
}
