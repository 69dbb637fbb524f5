import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { freePort } from "../server/test/harness.ts";
import { benchRoot, freshDatabase, setupWorkspace } from "./launch.ts";

/**
 * `npm run bench:multi-process` (issue #25):
 * 1. Idle memory of one production `--web` process and one `--worker` after start-up, read from
 *    /proc/<pid>/smaps_rollup (RSS, and PSS: pages shared with other processes counted by share);
 *    then the web process's after its first SPA page and its first server-rendered page.
 * 2. Where a web process's memory goes: a fresh Node process imports what `--web` loads, stage by
 *    stage, and reports RSS and V8 heap after each (after a full GC), so each stage's cost is the
 *    difference from the previous one.
 * 3. Throughput and p95 of one authenticated read (`GET /api/v1/cases?limit=20`) against one web
 *    process as is, one with V8's --optimize-for-size (the cheap fix: about 140 MB less idle), then
 *    the same load spread over three such processes, for DURATION s each on this machine. The load
 *    generator runs here too and competes for the same cores; the load average is printed so a
 *    reader can tell a quiet run from a busy one.
 * Prints a Markdown section (copied into bench/MULTI-PROCESS.md by hand).
 */
const DURATION_S = Number(process.env.DURATION ?? 15);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 12);
const log = (m: string) => console.log(`[bench:multi-process] ${m}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (kb: number) => Math.round(kb / 1024);

function smaps(pid: number): { rss: number; pss: number } {
  const text = fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(text)?.[1] ?? 0);
  return { rss: mb(field("Rss")), pss: mb(field("Pss")) };
}

const { databaseUrl, stopDb } = await freshDatabase("rapport_bench_multi_process", 55993);
const env = {
  NODE_ENV: "production",
  DETECTION_SWEEP: "false",
  AUTH_SECRET: "bench-multi-process-secret-0123456789ab",
};
/** The cheap fix measured here: V8's size-over-speed mode (compose.yaml runs web with it). */
const SMALL = ["--optimize-for-size"];
type Web = { base: string; port: number; pid: number; child: ChildProcess };
const webs: Web[] = [];
const children: ChildProcess[] = [];
const stopAll = async () => {
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  }
  await stopDb();
};

/** `node [v8Flags] server/src/main.ts --web`, as production runs it, waited for until ready. */
async function startWeb(name: string, v8Flags: string[]): Promise<Web> {
  const port = await freePort();
  const child = spawn(process.execPath, [...v8Flags, "server/src/main.ts", "--web"], {
    cwd: benchRoot,
    env: {
      ...process.env,
      ...env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      SMTP_PORT: String(await freePort()),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      DATA_DIR: path.join(benchRoot, `bench/.data/${name}`),
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  children.push(child);
  const base = `http://127.0.0.1:${port}`;
  for (const until = Date.now() + 180_000; Date.now() < until; await sleep(300)) {
    if (child.exitCode !== null) break;
    if (
      await fetch(`${base}/api/health/ready`).then(
        (r) => r.ok,
        () => false,
      )
    ) {
      const web = { base, port, pid: child.pid as number, child };
      webs.push(web);
      return web;
    }
  }
  throw new Error(`${name} did not become ready`);
}

try {
  const loadBefore = os.loadavg();
  log("starting a --web process as is, and one with --optimize-for-size");
  const plain = await startWeb("app-mp-plain", []);
  await setupWorkspace(plain.base);
  const small = await startWeb("app-mp-small-0", SMALL);
  log("starting one --worker process");
  const worker = spawn(process.execPath, ["server/src/main.ts", "--worker"], {
    cwd: benchRoot,
    env: {
      ...process.env,
      ...env,
      DATABASE_URL: databaseUrl,
      LOG_FORMAT: "json",
      LOG_LEVEL: "info",
      DATA_DIR: path.join(benchRoot, "bench/.data/app-mp-worker"),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(worker);
  await new Promise<void>((resolve, reject) => {
    let out = "";
    worker.stdout?.on("data", (d) => {
      out += d;
      if (out.includes("Rapport worker is running")) resolve();
    });
    worker.once("exit", () => reject(new Error("the worker exited during start-up")));
  });
  log("idle 15 s, then reading /proc/<pid>/smaps_rollup");
  await sleep(15_000);
  const plainIdle = smaps(plain.pid);
  const smallIdle = smaps(small.pid);
  const workerIdle = smaps(worker.pid as number);
  // The server-rendering bundle is imported by the first page that renders (platform/web.ts):
  // an SPA route (/app) is served from the head rendered at build time, the home page renders.
  const pageThen = async (url: string) => {
    const res = await fetch(`${plain.base}${url}`);
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    await res.text();
    await sleep(5_000);
    return smaps(plain.pid);
  };
  const afterSpa = await pageThen("/app");
  const afterSsr = await pageThen("/");

  // Sign in, make a token, and give the read something to return.
  const first = plain;
  const signIn = await fetch(`${first.base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: first.base },
    body: JSON.stringify({ email: "a@bench.example", password: "bench-password-1" }),
  });
  if (!signIn.ok) throw new Error(`sign-in answered ${signIn.status}: ${await signIn.text()}`);
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const made = await fetch(`${first.base}/api/v1/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, origin: first.base },
    body: JSON.stringify({ name: "bench" }),
  });
  if (!made.ok) throw new Error(`token answered ${made.status}: ${await made.text()}`);
  const token = ((await made.json()) as { token: string }).token;
  const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const customer = (await (
    await fetch(`${first.base}/api/v1/customers`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ name: "Bench Person", emails: ["bench@example.com"] }),
    })
  ).json()) as { id: string };
  for (let i = 0; i < 40; i++) {
    await fetch(`${first.base}/api/v1/cases`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ customerId: customer.id, subject: `Bench ${i}`, message: "Error 1013" }),
    });
  }

  const onePlain = await load([plain.port], token);
  log(`1 process as is: ${onePlain.rps} req/s, p95 ${onePlain.p95} ms`);
  const oneSmall = await load([small.port], token);
  log(`1 process --optimize-for-size: ${oneSmall.rps} req/s, p95 ${oneSmall.p95} ms`);
  const afterLoad = { plain: smaps(plain.pid), small: smaps(small.pid) };
  plain.child.kill("SIGTERM");
  log("starting two more --optimize-for-size web processes");
  const more = [await startWeb("app-mp-small-1", SMALL), await startWeb("app-mp-small-2", SMALL)];
  await sleep(10_000);
  const threeIdle = more.map((w) => smaps(w.pid));
  const three = await load(
    [small, ...more].map((w) => w.port),
    token,
  );
  log(`3 processes --optimize-for-size: ${three.rps} req/s, p95 ${three.p95} ms`);
  log("attributing a web process's memory by what it imports");
  const stages = await importStages(databaseUrl);
  await stopAll();
  const loadAfter = os.loadavg();
  const cpu = os.cpus()[0]?.model ?? "unknown";
  const row = (r: Awaited<ReturnType<typeof load>>) =>
    `${r.rps} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} |`;
  const lines = [
    `## Run ${new Date().toISOString()}`,
    "",
    `- Machine: ${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GB; Node ${process.version}.`,
    `- Load average (1/5/15 min) before ${loadBefore.map((l) => l.toFixed(1)).join(" / ")}, after ${loadAfter.map((l) => l.toFixed(1)).join(" / ")} (above ${os.cpus().length} means other work competed).`,
    "",
    "| process | RSS MB | PSS MB |",
    "|---|---|---|",
    `| --web, idle 15 s after start-up | ${plainIdle.rss} | ${plainIdle.pss} |`,
    `| --web --optimize-for-size, idle 15 s after start-up | ${smallIdle.rss} | ${smallIdle.pss} |`,
    `| --worker, idle 15 s after start-up | ${workerIdle.rss} | ${workerIdle.pss} |`,
    `| --web, 5 s after its first SPA page (/app) | ${afterSpa.rss} | ${afterSpa.pss} |`,
    `| --web, 5 s after its first server-rendered page (/) | ${afterSsr.rss} | ${afterSsr.pss} |`,
    `| --web, after its ${DURATION_S} s load | ${afterLoad.plain.rss} | ${afterLoad.plain.pss} |`,
    `| --web --optimize-for-size, after its ${DURATION_S} s load | ${afterLoad.small.rss} | ${afterLoad.small.pss} |`,
    ...threeIdle.map(
      (m, i) => `| --web --optimize-for-size no. ${i + 2}, idle 10 s after start-up | ${m.rss} | ${m.pss} |`,
    ),
    "",
    "| stage (cumulative imports, NODE_ENV=production) | RSS MB | +RSS | V8 heap used MB | +heap |",
    "|---|---|---|---|---|",
    ...stages.map(
      (s, i) =>
        `| ${s.stage} | ${s.rss} | ${i === 0 ? "" : s.rss - (stages[i - 1]?.rss ?? 0)} | ${s.heap} | ${i === 0 ? "" : s.heap - (stages[i - 1]?.heap ?? 0)} |`,
    ),
    "",
    `GET /api/v1/cases?limit=20 (Bearer token), ${CONNECTIONS} keep-alive connections, ${DURATION_S} s after a 3 s warm-up:`,
    "",
    "| web processes | req/s | p50 ms | p95 ms | p99 ms | errors |",
    "|---|---|---|---|---|---|",
    `| 1, as is | ${row(onePlain)}`,
    `| 1, --optimize-for-size | ${row(oneSmall)}`,
    `| 3, --optimize-for-size | ${row(three)}`,
    "",
  ];
  console.log(`\n${lines.join("\n")}`);
} catch (err) {
  await stopAll();
  throw err;
}

/** CONNECTIONS loops of keep-alive GETs, spread round-robin over `ports`. */
async function load(ports: number[], token: string) {
  const agents = ports.map(() => new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS }));
  const one = (c: number) =>
    new Promise<number>((resolve) => {
      const i = c % ports.length;
      const started = performance.now();
      const req = http.get(
        {
          host: "127.0.0.1",
          port: ports[i],
          path: "/api/v1/cases?limit=20",
          agent: agents[i],
          headers: { authorization: `Bearer ${token}` },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode === 200 ? performance.now() - started : -1));
        },
      );
      req.on("error", () => resolve(-1));
    });
  const run = async (ms: number) => {
    const latencies: number[] = [];
    let errors = 0;
    const until = performance.now() + ms;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async (_, c) => {
        while (performance.now() < until) {
          const t = await one(c);
          if (t < 0) errors++;
          else latencies.push(t);
        }
      }),
    );
    return { latencies, errors };
  };
  await run(3_000);
  const { latencies, errors } = await run(DURATION_S * 1000);
  for (const a of agents) a.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Math.round((latencies[Math.floor((latencies.length - 1) * p)] ?? 0) * 10) / 10;
  return {
    rps: Math.round(latencies.length / DURATION_S),
    p50: pct(0.5),
    p95: pct(0.95),
    p99: pct(0.99),
    errors,
  };
}

/** RSS and V8 heap after importing, cumulatively, what a --web process loads. */
async function importStages(
  databaseUrl: string,
): Promise<Array<{ stage: string; rss: number; heap: number }>> {
  const script = `
    const out = [];
    const mark = async (stage) => {
      globalThis.gc(); globalThis.gc();
      const m = process.memoryUsage();
      out.push({ stage, rss: Math.round(m.rss / 2 ** 20), heap: Math.round(m.heapUsed / 2 ** 20) });
    };
    await mark("node itself");
    await Promise.all(["fastify", "pg", "kysely", "zod", "pino", "ws", "better-auth", "pg-boss", "nodemailer", "smtp-server"].map((m) => import(m).catch(() => {})));
    await mark("+ HTTP, database, auth, queue and mail libraries");
    for (const f of (await import("node:fs")).readdirSync("./contracts")) if (f.endsWith(".ts")) await import("./contracts/" + f);
    await mark("+ every zod contract (contracts/*.ts)");
    await import("./server/src/app.ts");
    await mark("+ every route module (server/src/app.ts)");
    await import("./server/src/runtime.ts");
    await mark("+ job handlers (server/src/runtime.ts)");
    await import("./web/dist/server/entry-server.js");
    await mark("+ the server-rendering bundle (web/dist/server: React, Mantine, pages)");
    const { loadConfig } = await import("./server/src/platform/config.ts");
    const { startRuntime } = await import("./server/src/runtime.ts");
    const pino = (await import("pino")).default;
    const runtime = await startRuntime(loadConfig(process.env), pino({ level: "warn" }), { role: "web", web: { dev: false } });
    await new Promise((r) => setTimeout(r, 5000));
    await mark("+ started as --web (pools, routes and serializers compiled, listening)");
    await runtime.close();
    console.log(JSON.stringify(out));
  `;
  const r = spawnSync(process.execPath, ["--expose-gc", "--input-type=module", "-e", script], {
    cwd: benchRoot,
    env: {
      ...process.env,
      ...env,
      DATABASE_URL: databaseUrl,
      PORT: String(await freePort()),
      SMTP_PORT: String(await freePort()),
      HOST: "127.0.0.1",
      DATA_DIR: path.join(benchRoot, "bench/.data/app-mp-probe"),
    },
    encoding: "utf8",
  });
  const last = r.stdout.trim().split("\n").at(-1) ?? "[]";
  if (r.status !== 0) throw new Error(`import probe failed: ${r.stderr}`);
  return JSON.parse(last);
}
