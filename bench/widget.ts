import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import WebSocket from "ws";
import { TestClient } from "../server/test/client.ts";
import { freePort } from "../server/test/harness.ts";
import { benchRoot, freshDatabase, setupWorkspace } from "./launch.ts";

/**
 * `npm run bench:widget` (issue #22): 1,000 concurrent chat widget sockets on one Rapport process
 * (target: under 300 MB more memory) and visitor → agent delivery on loopback (target: p95 under
 * 100 ms). Rapport runs as its own process (bench/widget-server.ts) so its resident memory, read
 * from /proc, does not include the bench's client sockets. Visitors are made in SQL (their tokens
 * hashed as the server does), because the widget's per-address session limit would refuse a
 * thousand sessions from one loopback address in a minute. Delivery is timed from the visitor's
 * `message` frame leaving the bench to the agent app's realtime socket hearing `message.added`:
 * the full path (socket, transaction, NOTIFY, hub, staff socket). Writes bench/WIDGET.md, its
 * own file: it used to append to bench/RESULTS.md, which bench/report.ts rewrites from the
 * scale results, so the widget's figures vanished at the next `npm run bench`.
 */
const SOCKETS = Number(process.env.SOCKETS ?? 1000);
const MESSAGES = Number(process.env.MESSAGES ?? 200);
const CHATS = 20;
const log = (m: string) => console.log(`[bench:widget] ${m}`);

const { databaseUrl, stopDb } = await freshDatabase("rapport_bench_widget", 55987);
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server: ChildProcess = spawn(process.execPath, ["bench/widget-server.ts"], {
  cwd: benchRoot,
  env: {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    SMTP_PORT: String(await freePort()),
    HOST: "127.0.0.1",
    PUBLIC_URL: base,
    LOG_LEVEL: "warn",
    DATA_DIR: path.join(benchRoot, "bench/.data/app-widget"),
  },
  stdio: ["ignore", "inherit", "inherit"],
});
const sockets: WebSocket[] = [];
const stop = async () => {
  for (const s of sockets) s.terminate();
  if (server.exitCode === null && server.signalCode === null) {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  }
  await stopDb();
};

const rssMb = () => {
  const status = fs.readFileSync(`/proc/${server.pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};

try {
  for (let until = Date.now() + 120_000; ; ) {
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > until || server.exitCode !== null) throw new Error("Rapport did not start");
    await sleep(200);
  }
  const workspaceId = await setupWorkspace(base, { email: "wanda@bench.example", name: "Wanda Widget" });
  const admin = new TestClient(base);
  await admin.post("/api/auth/sign-in/email", { email: "wanda@bench.example", password: "bench-password-1" });
  const widget = (await admin.get("/api/v1/chat/widget")).body as { publicKey: string };

  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const tokens = Array.from({ length: SOCKETS }, () => `vt_${randomBytes(32).toString("base64url")}`);
  await db.query(`insert into chat_visitors (workspace_id, token_hash) select $1, unnest($2::text[])`, [
    workspaceId,
    tokens.map((t) => createHash("sha256").update(t).digest("hex")),
  ]);
  await db.end();

  // A warm process first: one socket, one session, one config read.
  await fetch(`${base}/api/v1/widget/config?key=${widget.publicKey}`);
  await sleep(1500);
  const before = rssMb();
  log(`Rapport resident memory before: ${before.toFixed(0)} MB`);

  const connectOne = (token: string) =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`${base.replace("http", "ws")}/api/v1/widget/socket`);
      ws.once("error", reject);
      ws.once("open", () => ws.send(JSON.stringify({ type: "auth", token })));
      ws.once("message", (raw) => {
        const frame = JSON.parse(raw.toString());
        if (frame.type === "ready") resolve(ws);
        else reject(new Error(`unexpected first frame ${raw}`));
      });
    });
  const t0 = Date.now();
  for (let i = 0; i < SOCKETS; i += 50)
    sockets.push(...(await Promise.all(tokens.slice(i, i + 50).map(connectOne))));
  // Every widget pings, as an open widget does every ~25 s (last_seen_at, throttled).
  for (const ws of sockets) ws.send(JSON.stringify({ type: "ping" }));
  await sleep(3000);
  const after = rssMb();
  const connectSeconds = (Date.now() - t0) / 1000;
  log(
    `${sockets.length} sockets open in ${connectSeconds.toFixed(1)} s; memory ${after.toFixed(0)} MB (+${(after - before).toFixed(0)} MB)`,
  );

  // Visitor → agent: an agent app socket hears message.added for each visitor frame.
  const staff = new WebSocket(`${base.replace("http", "ws")}/api/v1/realtime`, {
    headers: admin.authHeaders(),
  });
  await new Promise((r) => staff.once("open", r));
  const heard = new Map<string, number>();
  const waiting = new Map<string, (at: number) => void>();
  staff.on("message", (raw) => {
    const e = JSON.parse(raw.toString());
    if (e.type !== "message.added") return;
    const at = performance.now();
    const w = waiting.get(e.messageId);
    if (w) w(at);
    else heard.set(e.messageId, at);
  });
  const chatters = sockets.slice(0, CHATS).map((ws, i) => ({ ws, token: tokens[i] as string }));
  for (const c of chatters) {
    const res = await fetch(`${base}/api/v1/widget/conversations`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Visitor ${c.token}` },
      body: JSON.stringify({ text: "Hello from the bench" }),
    });
    if (res.status !== 201) throw new Error(`start chat answered ${res.status}: ${await res.text()}`);
  }
  const latencies: number[] = [];
  for (let i = 0; i < MESSAGES; i++) {
    const { ws } = chatters[i % CHATS] as (typeof chatters)[number];
    const clientId = `m${i}`;
    const ack = new Promise<string>((resolve) => {
      const onFrame = (raw: WebSocket.RawData) => {
        const f = JSON.parse(raw.toString());
        if (f.type === "ack" && f.clientId === clientId) {
          ws.off("message", onFrame);
          resolve(f.message.id);
        } else if (f.type === "error") throw new Error(`error frame: ${raw}`);
      };
      ws.on("message", onFrame);
    });
    const sent = performance.now();
    ws.send(JSON.stringify({ type: "message", text: `Message ${i} from the bench`, clientId }));
    const messageId = await ack;
    const at =
      heard.get(messageId) ?? (await new Promise<number>((resolve) => waiting.set(messageId, resolve)));
    latencies.push(at - sent);
  }
  staff.close();
  const p50 = pct(latencies, 50);
  const p95 = pct(latencies, 95);
  const max = Math.max(...latencies);
  log(
    `delivery visitor → agent over ${latencies.length} messages: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${max.toFixed(1)} ms`,
  );

  const growth = after - before;
  const cpu = os.cpus();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ");
  const commit = (() => {
    try {
      return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: benchRoot }).toString().trim();
    } catch {
      return "unknown";
    }
  })();
  const report = [
    "# Chat widget: 1,000 sockets and visitor → agent delivery",
    "",
    `\`npm run bench:widget\` (bench/widget.ts), ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, commit ${commit}.`,
    `Machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? "CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB, ` +
      `Node ${process.version}, PostgreSQL embedded on the same machine; 1/5/15-min load at the end: ${load} ` +
      "(above the number of cores means other work competed).",
    "",
    "| Measure | Result | Target |",
    "|---|---|---|",
    `| ${sockets.length} widget sockets open and authenticated on one process | +${growth.toFixed(0)} MB resident (${before.toFixed(0)} → ${after.toFixed(0)} MB), opened in ${connectSeconds.toFixed(1)} s | < 300 MB ${growth < 300 ? "✅" : "❌"} |`,
    `| Visitor → agent delivery, ${latencies.length} messages on loopback (socket frame → staff \`message.added\`) | p50 ${p50.toFixed(1)} ms, p95 **${p95.toFixed(1)} ms**, max ${max.toFixed(1)} ms | p95 < 100 ms ${p95 < 100 ? "✅" : "❌"} |`,
    "",
    "Visitors are inserted in SQL because the session limit (60 a minute per address) would refuse",
    "a thousand sessions from one loopback address; 20 of them chat, the others stay connected and",
    "ping. Compare the load average above before judging a run.",
    "",
  ].join("\n");
  fs.writeFileSync(path.join(benchRoot, "bench/WIDGET.md"), report);
  log("wrote bench/WIDGET.md");
} finally {
  await stop();
}
