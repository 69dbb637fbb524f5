import { execSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { migrate } from "../server/src/platform/db/migrate.ts";
import { createPool } from "../server/src/platform/db/pool.ts";
import { generate, SCALES, type Scale } from "./generate.ts";
import { openDatabase, startDatabaseServer, startRapport } from "./launch.ts";
import { captureReferences } from "./reference.ts";
import { writeReport } from "./report.ts";
import { type Fixtures, measureSql, percentile, scenarios } from "./scenarios.ts";

/**
 * `npm run bench -- [--scale small|tenth|full] [--only scenario] [--seconds N] [--connections N]
 *   [--data-dir DIR --port N] [--load-only] [--fresh]`
 * (e.g. the full dataset in its own cluster: `--scale full --data-dir bench/.data-full --port 55991`;
 * `--load-only` loads a dataset and stops, so a long load can run beside other work.)
 * Loads (or reuses) the dataset, starts Rapport on it, warms up, drives each scenario with
 * autocannon at fixed concurrency, runs the same SQL directly as the reference, and records
 * the results in bench/results/<scale>.json and bench/RESULTS.md.
 */
const { values: args } = parseArgs({
  options: {
    scale: { type: "string", default: "small" },
    only: { type: "string" },
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    // A separate embedded cluster (own directory and port) lets a big load run beside other runs.
    "data-dir": { type: "string", default: "bench/.data" },
    port: { type: "string", default: "55990" },
    "load-only": { type: "boolean", default: false },
    // Drop this scale's database and load it anew (e.g. after runs added many cases to it).
    fresh: { type: "boolean", default: false },
  },
});
const scale = args.scale as Scale;
if (!(scale in SCALES)) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(", ")}`);
const seconds = Number(args.seconds);
const connections = Number(args.connections);
const root = path.resolve(import.meta.dirname, "..");
const log = (m: string) => console.log(`[bench] ${new Date().toISOString().slice(11, 19)} ${m}`);
const dataDir = path.resolve(root, args["data-dir"] as string);

// The database: DATABASE_URL's server, or an embedded cluster kept under bench/.data between runs.
const { adminUrl, stopDb } = await startDatabaseServer(Number(args.port), dataDir);
const { databaseUrl, existed: exists } = await openDatabase(adminUrl, `rapport_bench_${scale}`, {
  fresh: !!args.fresh,
});
// The app's own pool: statements it repeats become prepared statements, as in the server, so
// the SQL reference pays the same (no) planning cost per call.
const pool = createPool(databaseUrl, connections + 2);

const fixturesFile = path.join(dataDir, `${scale}-fixtures.json`);
let fixtures: Fixtures & { token: string; counts: Record<string, number>; loadSeconds: number };
if (exists && fs.existsSync(fixturesFile)) {
  fixtures = JSON.parse(fs.readFileSync(fixturesFile, "utf8"));
  log(`reusing the ${scale} dataset`);
  // Migrations added since the load (new indexes on millions of rows take minutes) run here,
  // before the server starts, so its health check does not time out.
  const started = performance.now();
  const applied = await migrate(pool, log);
  if (applied.length) log(`migrated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} else {
  await migrate(pool);
  const started = performance.now();
  const g = await generate(pool, scale, log);
  const loadSeconds = (performance.now() - started) / 1000;
  log(`loaded ${scale} in ${loadSeconds.toFixed(1)} s`);
  const sample = await pool.query("select id, customer_id from cases tablesample system (1) limit 500");
  fixtures = {
    workspaceId: g.workspaceId,
    customers: SCALES[scale].customers,
    agentIds: g.agentIds,
    teamIds: g.teamIds,
    caseIds: sample.rows.map((r) => r.id),
    openCaseIds: [],
    customerIds: sample.rows.map((r) => r.customer_id),
    deepCursor: null,
    token: g.token,
    counts: g.counts,
    loadSeconds,
  };
  fs.mkdirSync(path.dirname(fixturesFile), { recursive: true });
  fs.writeFileSync(fixturesFile, JSON.stringify(fixtures));
}
if (args["load-only"]) {
  await pool.end();
  await stopDb();
  process.exit(0);
}

const server = await startRapport({
  databaseUrl,
  dataDirName: path.join(dataDir, "app"),
  args: ["--web"],
  env: { DB_POOL_MAX: "20" },
});
const { base } = server;
const headers = { authorization: `Bearer ${fixtures.token}`, "content-type": "application/json" };

// A deep inbox page: walk 20 pages once, then measure fetching the page after that cursor.
let cursor: string | null = null;
for (let i = 0; i < 20; i++) {
  const res: Response = await fetch(`${base}/api/v1/cases?limit=50${cursor ? `&cursor=${cursor}` : ""}`, {
    headers,
  });
  cursor = ((await res.json()) as { nextCursor: string | null }).nextCursor;
  if (!cursor) break;
}
fixtures.deepCursor = cursor;
fixtures.openCaseIds = (
  await pool.query(
    "select id from cases where status in ('new','open','pending','on_hold','solved') limit 500",
  )
).rows.map((r) => r.id);

const references = await captureReferences(pool, fixtures);

const loadBefore = os.loadavg().map((v) => Number(v.toFixed(2)));
log(`load averages (1, 5, 15 min) before measuring: ${loadBefore.join(", ")}`);
const results: Array<Record<string, number | string>> = [];
for (const s of scenarios(fixtures, references)) {
  if (args.only && s.name !== args.only) continue;
  const latencies: number[] = [];
  const run = (duration: number, record: boolean) => {
    // autocannon's result is also an event emitter; its types only describe the promise.
    const instance = autocannon({
      url: base,
      connections,
      duration,
      requests: [
        {
          method: s.method,
          headers,
          setupRequest: (req) => ({ ...req, path: s.path(), ...(s.body ? { body: s.body() } : {}) }),
        },
      ],
    });
    // Every response's time, so percentiles are exact (autocannon's summary has no p95).
    const emitter = instance as unknown as { on: (e: string, f: (...a: unknown[]) => void) => void };
    if (record) emitter.on("response", (_c, _status, _bytes, ms) => latencies.push(ms as number));
    return instance;
  };
  await run(2, false); // warm-up
  const r = await run(seconds, true);
  latencies.sort((a, b) => a - b);
  const sql = await measureSql(pool, s, Math.min(seconds, 5), connections);
  sql.sort((a, b) => a - b);
  const row = {
    scenario: s.name,
    requests: r.requests.total,
    non2xx: r.non2xx,
    rps: Math.round(r.requests.average),
    p50: Number(percentile(latencies, 50).toFixed(2)),
    p95: Number(percentile(latencies, 95).toFixed(2)),
    p99: Number(percentile(latencies, 99).toFixed(2)),
    sqlP50: Number(percentile(sql, 50).toFixed(2)),
    sqlP95: Number(percentile(sql, 95).toFixed(2)),
    // The machine is shared: the 1-minute load average at the end of the scenario shows how
    // much else was running (2 cores: above ~2 means others competed with the bench).
    load1: Number(os.loadavg()[0]?.toFixed(2)),
  };
  results.push(row);
  log(JSON.stringify(row));
}

// Idle: no requests for a while (Node's GC and PostgreSQL's backends settle).
await new Promise((r) => setTimeout(r, 10_000));
const memory = residentMemory(server.pid ?? 0);
const loadAfter = os.loadavg().map((v) => Number(v.toFixed(2)));
await server.stop();
await pool.end();
await stopDb();

const out = {
  scale,
  date: new Date().toISOString(),
  commit: execSync("git rev-parse --short HEAD", { cwd: root }).toString().trim(),
  machine: {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model ?? "",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
  },
  connections,
  seconds,
  counts: fixtures.counts,
  loadSeconds: fixtures.loadSeconds,
  memoryMb: memory,
  loadBefore,
  loadAfter,
  results,
};
fs.mkdirSync(path.join(root, "bench/results"), { recursive: true });
const resultFile = path.join(root, `bench/results/${scale}.json`);
if (args.only && fs.existsSync(resultFile)) {
  // A single scenario re-run replaces its own row and keeps the others.
  const previous = JSON.parse(fs.readFileSync(resultFile, "utf8")) as typeof out;
  out.results = previous.results.map((row) => results.find((r) => r.scenario === row.scenario) ?? row);
  // Memory at idle and the machine's load belong to the full run; a re-run row carries its own load.
  out.memoryMb = previous.memoryMb;
  out.loadBefore = previous.loadBefore;
  out.loadAfter = previous.loadAfter;
  out.date = previous.date;
}
fs.writeFileSync(resultFile, `${JSON.stringify(out, null, 2)}\n`);
writeReport(path.join(root, "bench"));
log(`wrote bench/results/${scale}.json and bench/RESULTS.md`);

/**
 * Resident memory (MB) of the Rapport process and of the bench's own PostgreSQL (its
 * postmaster and children; unknown, -1, when DATABASE_URL points elsewhere). Shared buffers
 * count once per process that touched them, so the PostgreSQL figure is an upper bound.
 */
function residentMemory(pid: number) {
  // Proportional set size: shared pages (PostgreSQL's shared buffers) split among the
  // processes that map them, so the sum over all PostgreSQL processes counts them once.
  const rss = (p: number, field = "Pss") => {
    const file = `/proc/${p}/smaps_rollup`;
    let text = "";
    try {
      text = fs.readFileSync(file, "utf8");
    } catch {
      // the process ended meanwhile (a PostgreSQL backend closing): it holds no memory
    }
    return Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(text)?.[1] ?? 0) / 1024;
  };
  const pidFile = path.join(dataDir, "pg/postmaster.pid");
  let postgres = -1;
  let postgresRss = -1;
  if (!process.env.DATABASE_URL && fs.existsSync(pidFile)) {
    const master = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
    const children = execSync(`ps --ppid ${master} -o pid= || true`)
      .toString()
      .split("\n")
      .map(Number)
      .filter(Boolean);
    postgres = [master, ...children].reduce((n, p) => n + rss(p), 0);
    postgresRss = [master, ...children].reduce((n, p) => n + rss(p, "Rss"), 0);
  }
  return {
    rapport: Math.round(rss(pid)),
    postgres: Math.round(postgres),
    postgresRssSum: Math.round(postgresRss),
  };
}
