import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { spawnFakeZendesk } from "../server/test/zendesk/spawn.ts";
import { benchRoot, freshDatabase, setupWorkspace, startRapport } from "./launch.ts";

/**
 * `npm run bench:import -- [--tickets N] [--comments C]`: the Zendesk importer's speed and
 * memory (issue #24). The fake Zendesk serves a generated account from its own process (its CPU
 * and memory are not the importer's); the importer is the CLI, as an operator runs it, on a
 * fresh database with a workspace. No network latency and no request caps, so what is measured
 * is Rapport's side: reading, mapping and writing. Reports tickets/s over the whole run (users,
 * tickets and their comments), the CLI's peak RSS, and the CPU each process used.
 * Targets: ≥ 10,000 tickets/s with 3 comments each; 1,000,000 tickets under 500 MB RSS.
 */
const { values: args } = parseArgs({
  options: {
    tickets: { type: "string", default: "100000" },
    comments: { type: "string", default: "3" },
    // Names the result file (import-N-LABEL.json), so a run under another setting keeps the others.
    label: { type: "string" },
  },
});
const tickets = Number(args.tickets);
const comments = Number(args.comments);
const log = (m: string) => console.log(`[bench:import] ${m}`);

// The machine is shared: the load before and after goes with every figure.
const loadBefore = os.loadavg().map((l) => Number(l.toFixed(2)));
const { databaseUrl, stopDb } = await freshDatabase("rapport_bench_import", 55993);
const rapport = await startRapport({ databaseUrl, dataDirName: "app-import" });
await setupWorkspace(rapport.base, { workspaceName: "Bench Import" });
// The importer runs alone: the server only made the workspace.
await rapport.stop();

const fake = await spawnFakeZendesk({ tickets, comments, attachments: 0, seed: 7 });
log(`fake Zendesk serving ${tickets} tickets × ${comments} comments at ${fake.url}`);

const child = spawn(
  process.execPath,
  [
    "server/src/cli.ts",
    "import",
    "zendesk",
    "--url",
    fake.url,
    "--email",
    fake.email,
    "--token",
    fake.token,
    "--rate",
    "100000000",
    "--incremental-rate",
    "100000000",
  ],
  {
    cwd: benchRoot,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      DATA_DIR: path.join(benchRoot, "bench/.data/app-import"),
      WEBHOOK_ALLOW_PRIVATE: "true",
    },
    stdio: ["ignore", "pipe", "inherit"],
  },
);
let stdout = "";
child.stdout?.setEncoding("utf8").on("data", (d: string) => {
  stdout += d;
});
const pid = child.pid as number;
let peakRssMb = 0;
const sampler = setInterval(() => {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    if (m) peakRssMb = Math.max(peakRssMb, Number(m[1]) / 1024);
  } catch {
    // The process just ended.
  }
}, 200);
const cpuOf = (p: number) => {
  const fields = (fs.readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1] ?? "").split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
let importerCpuMs = 0;
const cpuSampler = setInterval(() => {
  try {
    importerCpuMs = cpuOf(pid);
  } catch {
    // ended
  }
}, 500);
const code: number = await new Promise((resolve) => child.once("exit", (c) => resolve(c ?? 1)));
clearInterval(sampler);
clearInterval(cpuSampler);
const fakeCpuMs = fake.cpuMs();
await fake.stop();
process.stdout.write(stdout);
if (code !== 0) {
  await stopDb();
  throw new Error(`the import exited ${code}`);
}

const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();
const run = (
  await db.query(
    "select extract(epoch from finished_at - started_at)::float as seconds, counts from import_runs order by created_at desc limit 1",
  )
).rows[0] as { seconds: number; counts: Record<string, { created: number }> };
const cases = (await db.query("select count(*)::int as n from cases where import_source = 'zendesk'")).rows[0]
  .n;
const messages = (await db.query("select count(*)::int as n from messages")).rows[0].n;
// Rows rewritten in cases: each is a new entry in every one of its indexes (GIN ones included).
const caseRowUpdates = (
  await db.query("select n_tup_upd::int as n from pg_stat_user_tables where relname = 'cases'")
).rows[0]?.n;
await db.end();
await stopDb();

const result = {
  date: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model ?? "?",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    loadBefore,
    loadAfter: os.loadavg().map((l) => Number(l.toFixed(2))),
  },
  tickets,
  commentsPerTicket: comments,
  cases,
  messages,
  seconds: Number(run.seconds.toFixed(2)),
  ticketsPerSecond: Math.round(cases / run.seconds),
  messagesPerSecond: Math.round(messages / run.seconds),
  caseRowUpdates,
  importerPeakRssMb: Math.round(peakRssMb),
  importerCpuSeconds: Number((importerCpuMs / 1000).toFixed(1)),
  fakeCpuSeconds: Number((fakeCpuMs / 1000).toFixed(1)),
};
log(JSON.stringify(result, null, 2));
fs.mkdirSync(path.join(benchRoot, "bench/results"), { recursive: true });
fs.writeFileSync(
  path.join(benchRoot, `bench/results/import-${tickets}${args.label ? `-${args.label}` : ""}.json`),
  `${JSON.stringify(result, null, 2)}\n`,
);
