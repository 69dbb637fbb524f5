import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";
import { alive, killGroup, stopClustersUnder } from "./reap.ts";

/**
 * `npm test`: lint, typecheck, the web build, the server suite and the browser suite, in order.
 * Every step runs even when an earlier one failed, so one run shows everything broken.
 * Ends with one line "N passed, N failed" summing all suites (lint and typecheck count as
 * one check each), and exits non-zero on any failure.
 */
const root = path.resolve(import.meta.dirname, "..");
const results = path.join(root, ".tmp/results");
fs.rmSync(results, { recursive: true, force: true });
fs.mkdirSync(results, { recursive: true });

type Tally = { suite: string; passed: number; failed: number };
const tallies: Tally[] = [];

/**
 * Each step has a time limit (minutes): CI gives the whole run 90, and a step that hangs must
 * fail and let the rest run rather than use them up. The step runs in its own process group,
 * so a kill reaches everything it started.
 */
const LIMITS: Record<string, number> = {
  lint: 5,
  typecheck: 10,
  build: 15,
  "test:server": 45,
  "test:e2e": 45,
};

async function run(script: string): Promise<number> {
  console.log(`\n━━ npm run ${script} ━━`);
  const child = spawn("npm", ["run", "--silent", script], { cwd: root, stdio: "inherit", detached: true });
  let timedOut = false;
  const limitMs = (LIMITS[script] ?? 10) * 60_000;
  const timer = setTimeout(() => {
    timedOut = true;
    console.log(`\n✖ npm run ${script} passed its ${LIMITS[script]}-minute limit; stopping it`);
    void killGroup(child.pid as number, 30_000);
  }, limitMs);
  const code: number = await new Promise((resolve) => child.on("close", (c) => resolve(c ?? 1)));
  clearTimeout(timer);
  return timedOut ? 124 : code;
}

async function check(script: string) {
  const ok = (await run(script)) === 0;
  tallies.push({ suite: script, passed: ok ? 1 : 0, failed: ok ? 0 : 1 });
}

await check("lint");
await check("typecheck");
// The production build is what `npm start` serves and what the browser and start-up tests use.
await check("build");

const serverCode = await run("test:server");
const server = readJson<{ passed: number; failed: number }>(path.join(results, "server.json"));
tallies.push({
  suite: "server",
  passed: server?.passed ?? 0,
  failed: (server?.failed ?? 0) + (serverCode !== 0 && !server?.failed ? 1 : 0),
});

const e2eCode = await run("test:e2e");
await stopLeftoverE2eServer(e2eCode !== 0);
const e2e = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(
  path.join(root, "test-results/e2e.json"),
);
// A flaky journey (failed, then passed on CI's one retry) counts as passed but is named below.
const e2eFailed = e2e?.stats.unexpected ?? 0;
// CI shows only the tail of a long log, so the failed journeys are named again at the end.
const e2eFailures = listE2eFailures(e2e);
tallies.push({
  suite: "e2e",
  passed: (e2e?.stats.expected ?? 0) + (e2e?.stats.flaky ?? 0),
  failed: e2eFailed + (e2eCode !== 0 && e2eFailed === 0 ? 1 : 0),
});

const passed = tallies.reduce((n, t) => n + t.passed, 0);
const failed = tallies.reduce((n, t) => n + t.failed, 0);
console.log("\n━━ summary ━━");
for (const t of tallies) console.log(`  ${t.suite.padEnd(10)} ${t.passed} passed, ${t.failed} failed`);
fs.writeFileSync(path.join(results, "all.json"), JSON.stringify({ passed, failed, tallies }));
if (e2eFailures.length > 0) {
  console.log("\nbrowser journeys that failed (flaky: passed when run again):");
  for (const f of e2eFailures) console.log(`  ✖ ${f}`);
}
fs.writeFileSync(path.join(results, "e2e-failures.txt"), e2eFailures.join("\n"));
// CI shows only the log's tail: say there how the browser suite ended, so a failure with no
// failed journey (a crash, the global time limit, skipped journeys) can still be told apart.
fs.writeFileSync(
  path.join(results, "e2e-outcome.txt"),
  `browser suite: exit ${e2eCode}, ${JSON.stringify(e2e?.stats ?? "no report")}; ` +
    tallies.map((t) => `${t.suite} ${t.passed}/${t.failed}`).join(", "),
);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

/**
 * Playwright's global teardown stops the server it started, but not when Playwright itself was
 * killed at the step's limit; then the server (and its embedded PostgreSQL) would outlive the
 * suite. Its pid and data live under .tmp/e2e (e2e/global-setup.ts).
 */
async function stopLeftoverE2eServer(showLog: boolean) {
  const dir = path.join(root, ".tmp/e2e");
  if (showLog) {
    for (const run of fs.existsSync(dir) ? fs.readdirSync(dir).filter((d) => d.startsWith("run-")) : []) {
      const tail = (readText(path.join(dir, run, "server.log")) ?? "").split("\n").slice(-40).join("\n");
      console.log(`\nlast lines of the e2e server's log (${run}):\n${tail}`);
    }
  }
  const pid = Number(readText(path.join(dir, "server.pid")) ?? 0);
  if (pid > 0 && alive(pid)) {
    console.log(`stopping the e2e server left running (pid ${pid})`);
    process.kill(pid, "SIGTERM");
    const until = Date.now() + 30_000;
    while (alive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    if (alive(pid)) process.kill(pid, "SIGKILL");
  }
  await stopClustersUnder(dir);
  fs.rmSync(dir, { recursive: true, force: true });
}

type E2eSuite = {
  title: string;
  file?: string;
  suites?: E2eSuite[];
  specs?: {
    title: string;
    line?: number;
    tests: { results: { status: string; retry: number; error?: { message?: string } }[] }[];
  }[];
};

/** "file:line title — first line of the error" for every journey that failed or was flaky. */
function listE2eFailures(report: unknown): string[] {
  const out: string[] = [];
  const walk = (suite: E2eSuite, file: string) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        const bad = test.results.find((r) => r.status !== "passed" && r.status !== "skipped");
        if (!bad) continue;
        const flaky = test.results.some((r) => r.status === "passed");
        // Playwright colours its messages; the log is read as plain text.
        const why = stripVTControlCharacters(bad.error?.message ?? bad.status).split("\n")[0] ?? "";
        out.push(
          `${file}:${spec.line ?? "?"} ${spec.title} (${flaky ? "flaky" : bad.status}) — ${why.slice(0, 300)}`,
        );
      }
    }
    for (const child of suite.suites ?? []) walk(child, child.file ?? file);
  };
  for (const suite of (report as { suites?: E2eSuite[] } | undefined)?.suites ?? [])
    walk(suite, suite.file ?? suite.title);
  return out;
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}
