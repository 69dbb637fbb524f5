import { execSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import nodemailer from "nodemailer";
import pg from "pg";
import { launchBench } from "./launch.ts";
import { writeReport } from "./report.ts";

/**
 * `npm run bench:email -- [--messages N]`: the sustained inbound rate. N messages go over SMTP
 * on 8 connections; we time acceptance (250s) and the whole pipeline (stored, parsed, threaded,
 * applied), and beside it the raw INSERT rate of the same bytes into a bare table.
 */
const { values: args } = parseArgs({ options: { messages: { type: "string", default: "3000" } } });
const total = Number(args.messages);
const root = path.resolve(import.meta.dirname, "..");
const log = (m: string) => console.log(`[bench:email] ${m}`);

const rapport = await launchBench({
  database: "rapport_bench_email",
  embeddedPort: 55990,
  dataDirName: "app-email",
  env: { SMTP_CONNECTIONS_PER_MINUTE: "100000" },
  owner: { workspaceName: "Bench Mail" },
});
const { databaseUrl, smtpPort } = rapport;

log("server is up; sending");
const cpuBefore = serverCpuMs();
const body =
  "Hello,\n\nMy speaker shows Error 1013 after the update. I restarted it twice and the router too.\n\nThanks\n";
const transport = nodemailer.createTransport({
  host: "127.0.0.1",
  port: smtpPort,
  pool: true,
  maxConnections: 8,
  maxMessages: Number.POSITIVE_INFINITY,
  ignoreTLS: true,
});
const started = performance.now();
let accepted = 0;
await Promise.all(
  Array.from({ length: total }, async (_, i) => {
    await transport.sendMail({
      from: `Customer ${i % 500} <c${i % 500}@bench.example>`,
      to: "support@localhost",
      subject: `Mail ${i}`,
      text: body,
      messageId: `<bench-${i}@bench.example>`,
    });
    accepted++;
  }),
);
const acceptSeconds = (performance.now() - started) / 1000;
log(`accepted ${accepted} in ${acceptSeconds.toFixed(1)} s; waiting for processing`);
transport.close();
const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();
for (;;) {
  const { rows } = await db.query("select count(*)::int as n from inbound_emails where status = 'received'");
  if (rows[0].n === 0) break;
  if (Math.random() < 0.02) log(`${rows[0].n} still to process`);
  await new Promise((r) => setTimeout(r, 100));
}
const pipelineSeconds = (performance.now() - started) / 1000;
const cpuMs = serverCpuMs() - cpuBefore;
const applied = (await db.query("select count(*)::int as n from messages where channel = 'email'")).rows[0]
  .n as number;

// The reference: the same raw bytes inserted row by row (one transaction each) on 8 connections.
const sample = Buffer.from(`From: c@bench.example\r\nSubject: x\r\n\r\n${body}`);
await db.query(
  "create table raw_insert_ref (id bigint generated always as identity primary key, raw bytea, sha256 text, received_at timestamptz default now())",
);
const pool = new pg.Pool({ connectionString: databaseUrl, max: 8 });
const refStart = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: 8 }, async () => {
    while (next < total) {
      next++;
      await pool.query("insert into raw_insert_ref (raw, sha256) values ($1, $2)", [
        sample,
        createHash("sha256").update(sample).digest("hex"),
      ]);
    }
  }),
);
const refSeconds = (performance.now() - refStart) / 1000;
await pool.end();
await db.end();
await rapport.stop();

/**
 * CPU time (user + system, ms) of every process this bench started — the Rapport server and
 * the embedded PostgreSQL with its backends — read from /proc; the bench's own client is not
 * counted. Exited children count through their parent's cutime/cstime.
 */
function serverCpuMs(): number {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  const stats = fs
    .readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .flatMap((pid) => {
      try {
        const text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
        return [{ pid: Number(pid), ppid: Number(f[1]), ticks: f.slice(11, 15).map(Number) }];
      } catch {
        return [];
      }
    });
  const mine = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of stats)
      if (!mine.has(s.pid) && mine.has(s.ppid)) {
        mine.add(s.pid);
        grew = true;
      }
  }
  let ticks = 0;
  for (const s of stats) {
    if (!mine.has(s.pid) || s.pid === process.pid) continue;
    const [utime = 0, stime = 0, cutime = 0, cstime = 0] = s.ticks;
    ticks += utime + stime + cutime + cstime;
  }
  return ticks * tick;
}

const result = {
  date: new Date().toISOString(),
  commit: execSync("git rev-parse --short HEAD", { cwd: root }).toString().trim(),
  machine: {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model ?? "",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
  },
  messages: total,
  accepted,
  applied,
  acceptedPerSecond: Math.round(accepted / acceptSeconds),
  pipelinePerSecond: Math.round(applied / pipelineSeconds),
  rawInsertPerSecond: Math.round(total / refSeconds),
  // CPU the server and its PostgreSQL spent per message, whatever else ran on the machine;
  // the cores divided by it is the rate this work could reach with the machine to itself.
  cpuMsPerMessage: Number((cpuMs / total).toFixed(2)),
  cpuBoundPerSecond: Math.round((os.cpus().length * 1000) / (cpuMs / total)),
  loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
};
fs.mkdirSync(path.join(root, "bench/results"), { recursive: true });
fs.writeFileSync(path.join(root, "bench/results/email.json"), `${JSON.stringify(result, null, 2)}\n`);
writeReport(path.join(root, "bench"));
log(JSON.stringify(result));
