/**
 * What the row-level security fence costs case creation, the write the bench's HTTP runs could
 * not separate from a busy machine's noise (bench/RLS.md). Not part of the suite (not
 * *.test.ts); run with
 *   node scripts/test-server.ts bench/fence-write.bench.ts
 * One process, one server with the fence up, and two one-connection databases handles on it:
 * the app's own (FencedDialect: scoped statements run as rapport_app in the workspace) and the
 * same pool client class behind a plain PostgresDialect (nothing marks the queries, so they run
 * as the login role: the fence off). createCase runs on each in turn, the order alternating,
 * and the median of the per-pair ratios is the cost. BOTH_OFF=1 makes the two sides alike (the
 * noise floor).
 */
import { after, before, test } from "node:test";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { findActorForUser } from "../server/src/modules/accounts/memberships.repo.ts";
import { findUserByEmail } from "../server/src/modules/accounts/users.repo.ts";
import { createCase } from "../server/src/modules/cases/cases.service.ts";
import type { Actor } from "../server/src/platform/context.ts";
import { fence } from "../server/src/platform/db/fence.ts";
import { createDb } from "../server/src/platform/db/pool.ts";
import { PreparingClient } from "../server/src/platform/db/prepared.ts";
import type { Database } from "../server/src/platform/db/schema.ts";
import { setUpWorkspace, staffClient } from "../server/test/factories.ts";
import { startTestServer, type TestServer } from "../server/test/harness.ts";

process.env.DB_TENANT_FENCE = "on";
const PAIRS = Number(process.env.PAIRS ?? 300);
let server: TestServer;
let actor: Actor;
let customerId: string;

before(async () => {
  server = await startTestServer();
  const { admin } = await setUpWorkspace(server);
  const { email } = await staffClient(server, "admin");
  const user = await findUserByEmail(server.runtime.ctx.db, email);
  const row = await findActorForUser(server.runtime.ctx.db, user?.id ?? "", undefined);
  if (!row) throw new Error("no actor");
  actor = { ...row, via: "token", permissions: (await admin.get("/api/v1/me")).body.permissions };
  customerId = (await admin.post("/api/v1/customers", { name: "Bench Customer" })).body.id;
});
after(() => server.close());

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)] ?? 0;

test("case creation with the fence on and off", async () => {
  const onPool = new pg.Pool({ connectionString: server.databaseUrl, max: 1, Client: PreparingClient });
  const offPool = new pg.Pool({ connectionString: server.databaseUrl, max: 1, Client: PreparingClient });
  const onDb = process.env.BOTH_OFF
    ? new Kysely<Database>({ dialect: new PostgresDialect({ pool: onPool }) })
    : createDb(onPool);
  const offDb = new Kysely<Database>({ dialect: new PostgresDialect({ pool: offPool }) });
  const make = async (db: Kysely<Database>) => {
    const started = performance.now();
    await createCase({ ...server.runtime.ctx, db }, actor, {
      customerId,
      subject: "Bench case",
      message: "The speaker is silent.",
    } as never);
    return performance.now() - started;
  };
  try {
    for (let i = 0; i < 20; i++) await Promise.all([make(onDb), make(offDb)]);
    const switches = fence.switches;
    const on: number[] = [];
    const off: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < PAIRS; i++) {
      const [a, b] = i % 2 === 0 ? [onDb, offDb] : [offDb, onDb];
      const ta = await make(a);
      const tb = await make(b);
      const [onT, offT] = a === onDb ? [ta, tb] : [tb, ta];
      on.push(onT);
      off.push(offT);
      ratios.push(onT / offT);
    }
    console.log(
      JSON.stringify({
        scenario: process.env.BOTH_OFF ? "case-create (A/A)" : "case-create",
        pairs: PAIRS,
        offP50: Number(pct(off, 0.5).toFixed(2)),
        onP50: Number(pct(on, 0.5).toFixed(2)),
        medianRatio: Number(pct(ratios, 0.5).toFixed(3)),
        switchesPerCase: (fence.switches - switches) / PAIRS,
      }),
    );
  } finally {
    await onDb.destroy();
    await offDb.destroy();
  }
});
