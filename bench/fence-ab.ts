import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { migrate } from "../server/src/platform/db/migrate.ts";
import { createPool } from "../server/src/platform/db/pool.ts";
import type { Scale } from "./generate.ts";
import { openDatabase, startDatabaseServer, startRapport } from "./launch.ts";
import { type Fixtures, percentile, scenarios } from "./scenarios.ts";

/**
 * `node bench/fence-ab.ts [--fence tenant|request] [--scale small] [--pairs 300] [--data-dir DIR --port N] [--only a,b]`
 *
 * The row-level security fence's cost, measured so that a busy machine cannot fake it: two
 * Rapport servers on the same dataset at the same time, one with `DB_TENANT_FENCE=off` and one
 * with it on, and each scenario's requests sent to them in pairs, one after the other (the
 * order alternating), one request at a time. Whatever else the machine is doing hits both
 * sides of a pair alike, so the median of the per-pair ratios (on / off) is the fence's cost
 * even when absolute latencies swing by 2x between runs (bench/RLS.md).
 * `--fence request` compares the request fence instead (request-fence.ts): both servers have the
 * tenant fence up, one with `DB_REQUEST_FENCE=off` and one with it on.
 * Needs a dataset loaded by `npm run bench -- --load-only` with the same --scale/--data-dir.
 */
const { values: args } = parseArgs({
  options: {
    scale: { type: "string", default: "small" },
    pairs: { type: "string", default: "300" },
    "data-dir": { type: "string", default: "bench/.data" },
    port: { type: "string", default: "55990" },
    only: { type: "string", default: "case-create,inbox-mine,inbox-team,case-page,customer-panel,search" },
    // Which fence the second server adds: the tenant fence (scoped queries) or the request fence.
    fence: { type: "string", default: "tenant" },
    // "off" makes both servers alike (an A/A run): the ratio then shows the noise floor.
    "second-fence": { type: "string", default: "on" },
  },
});
const scale = args.scale as Scale;
const pairs = Number(args.pairs);
const root = path.resolve(import.meta.dirname, "..");
const dataDir = path.resolve(root, args["data-dir"] as string);
const fixturesFile = path.join(dataDir, `${scale}-fixtures.json`);
if (!fs.existsSync(fixturesFile))
  throw new Error(`no ${scale} dataset in ${dataDir}: run the bench with --load-only`);
const fixtures = JSON.parse(fs.readFileSync(fixturesFile, "utf8")) as Fixtures & { token: string };

const { adminUrl, stopDb } = await startDatabaseServer(Number(args.port), dataDir);
const { databaseUrl } = await openDatabase(adminUrl, `rapport_bench_${scale}`, { fresh: false });
const pool = createPool(databaseUrl, 2);
await migrate(pool);
fixtures.openCaseIds = (
  await pool.query(
    "select id from cases where status in ('new','open','pending','on_hold','solved') limit 500",
  )
).rows.map((r) => r.id);
await pool.end();

const byRequest = args.fence === "request";
if (!byRequest && args.fence !== "tenant") throw new Error("--fence is tenant or request");
const settings = (up: boolean): Record<string, string> =>
  byRequest
    ? { DB_TENANT_FENCE: "on", DB_REQUEST_FENCE: up ? "on" : "off" }
    : { DB_TENANT_FENCE: up ? "on" : "off" };
const start = (up: boolean, name: string) =>
  startRapport({
    databaseUrl,
    dataDirName: path.join(dataDir, `app-fence-${name}`),
    env: { ...settings(up), DB_POOL_MAX: "20" },
  });
const off = await start(false, "a");
const on = await start(args["second-fence"] !== "off", "b");
const headers = { authorization: `Bearer ${fixtures.token}`, "content-type": "application/json" };

const wanted = new Set((args.only as string).split(","));
const rows: Array<Record<string, number | string>> = [];
try {
  for (const s of scenarios(fixtures, {})) {
    if (!wanted.has(s.name)) continue;
    const once = async (base: string, p: string, body?: string) => {
      const started = performance.now();
      const res = await fetch(`${base}${p}`, { method: s.method, headers, ...(body ? { body } : {}) });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${s.name} answered ${res.status} on ${base}`);
      return performance.now() - started;
    };
    // Warm-up: each server prepares its statements and fills its caches.
    for (let i = 0; i < 20; i++) {
      const p = s.path();
      await once(off.base, p, s.body?.());
      await once(on.base, p, s.body?.());
    }
    const offMs: number[] = [];
    const onMs: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < pairs; i++) {
      // The same request to both; which goes first alternates, so neither side always warms the other's cache.
      const p = s.path();
      const first = i % 2 === 0 ? off : on;
      const a = await once(first.base, p, s.body?.());
      const b = await once((first === off ? on : off).base, p, s.body?.());
      const [offT, onT] = first === off ? [a, b] : [b, a];
      offMs.push(offT);
      onMs.push(onT);
      ratios.push(onT / offT);
    }
    for (const list of [offMs, onMs, ratios]) list.sort((x, y) => x - y);
    const row = {
      scenario: s.name,
      pairs,
      offP50: Number(percentile(offMs, 50).toFixed(2)),
      onP50: Number(percentile(onMs, 50).toFixed(2)),
      offP95: Number(percentile(offMs, 95).toFixed(2)),
      onP95: Number(percentile(onMs, 95).toFixed(2)),
      medianRatio: Number(percentile(ratios, 50).toFixed(3)),
      load1: Number(os.loadavg()[0]?.toFixed(2)),
    };
    rows.push(row);
    console.log(JSON.stringify(row));
  }
} finally {
  await off.stop();
  await on.stop();
  await stopDb();
}
