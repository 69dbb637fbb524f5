import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { FENCE_ROLE } from "../server/src/platform/db/fence.ts";
import type { Scale } from "./generate.ts";
import { openDatabase, startDatabaseServer } from "./launch.ts";
import { captureReferences } from "./reference.ts";
import { type Fixtures, percentile } from "./scenarios.ts";

/**
 * `node bench/fence-sql-ab.ts [--scale small] [--pairs 500] [--data-dir DIR --port N] [--second-fence off]`
 *
 * What row-level security adds to the statements themselves. Once a connection is in its
 * workspace a request pays no role switch (fence.test.ts counts them), so the fence's steady
 * cost is the policy's check inside each statement. This replays the read scenarios' own SQL
 * (captured from the app's repositories, reference.ts) on two connections at once: one as the
 * login role (fence off: it owns the tables, the policies do not apply) and one as rapport_app
 * with the workspace set (fence on), in pairs, the order alternating, as named prepared
 * statements like the app's. The median of the per-pair ratios (on / off) is the cost; a busy
 * machine slows both sides of a pair alike.
 * Needs a dataset loaded by `npm run bench -- --load-only` and the role (any start with
 * DB_TENANT_FENCE=on creates it).
 */
const { values: args } = parseArgs({
  options: {
    scale: { type: "string", default: "small" },
    pairs: { type: "string", default: "500" },
    "data-dir": { type: "string", default: "bench/.data" },
    port: { type: "string", default: "55990" },
    // "off" leaves the second connection as the login role too (an A/A run: the noise floor).
    "second-fence": { type: "string", default: "on" },
  },
});
const scale = args.scale as Scale;
const pairs = Number(args.pairs);
const dataDir = path.resolve(import.meta.dirname, "..", args["data-dir"] as string);
const fixtures = JSON.parse(
  fs.readFileSync(path.join(dataDir, `${scale}-fixtures.json`), "utf8"),
) as Fixtures;

const { adminUrl, stopDb } = await startDatabaseServer(Number(args.port), dataDir);
const { databaseUrl } = await openDatabase(adminUrl, `rapport_bench_${scale}`, { fresh: false });
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
const refs = await captureReferences(pool, fixtures);
await pool.end();

const off = new pg.Client({ connectionString: databaseUrl });
const on = new pg.Client({ connectionString: databaseUrl });
await off.connect();
await on.connect();
if (args["second-fence"] !== "off")
  await on.query(
    `select set_config('role', '${FENCE_ROLE}', false), set_config('rapport.workspace_id', $1, false)`,
    [fixtures.workspaceId],
  );

let named = 0;
const names = new Map<string, string>();
const run = async (client: pg.Client, statements: Array<[string, unknown[]]>) => {
  const started = performance.now();
  for (const [text, values] of statements) {
    const name = names.get(text) ?? `fence_ab_${named++}`;
    names.set(text, name);
    await client.query({ name, text, values });
  }
  return performance.now() - started;
};

try {
  for (const [scenario, variants] of Object.entries(refs)) {
    const usable = variants.filter((v) => v.length > 0);
    if (usable.length === 0) continue;
    // Warm-up: both connections prepare and plan every variant.
    for (let i = 0; i < 10; i++) for (const v of usable) await Promise.all([run(off, v), run(on, v)]);
    const offMs: number[] = [];
    const onMs: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < pairs; i++) {
      const v = usable[i % usable.length] as Array<[string, unknown[]]>;
      const [a, b] = i % 2 === 0 ? [off, on] : [on, off];
      const ta = await run(a, v);
      const tb = await run(b, v);
      const [offT, onT] = a === off ? [ta, tb] : [tb, ta];
      offMs.push(offT);
      onMs.push(onT);
      ratios.push(onT / offT);
    }
    for (const list of [offMs, onMs, ratios]) list.sort((x, y) => x - y);
    console.log(
      JSON.stringify({
        scenario,
        statements: usable[0]?.length,
        pairs,
        offP50: Number(percentile(offMs, 50).toFixed(3)),
        onP50: Number(percentile(onMs, 50).toFixed(3)),
        medianRatio: Number(percentile(ratios, 50).toFixed(3)),
        load1: Number(os.loadavg()[0]?.toFixed(2)),
      }),
    );
  }
} finally {
  await off.end();
  await on.end();
  await stopDb();
}
