import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

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

function run(script: string): number {
  console.log(`\n━━ npm run ${script} ━━`);
  return spawnSync("npm", ["run", "--silent", script], { cwd: root, stdio: "inherit" }).status ?? 1;
}

function check(script: string) {
  const ok = run(script) === 0;
  tallies.push({ suite: script, passed: ok ? 1 : 0, failed: ok ? 0 : 1 });
}

check("lint");
check("typecheck");
// The production build is what `npm start` serves and what the browser and start-up tests use.
check("build");

const serverCode = run("test:server");
const server = readJson<{ passed: number; failed: number }>(path.join(results, "server.json"));
tallies.push({
  suite: "server",
  passed: server?.passed ?? 0,
  failed: (server?.failed ?? 0) + (serverCode !== 0 && !server?.failed ? 1 : 0),
});

const e2eCode = run("test:e2e");
const e2e = readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>(
  path.join(root, "test-results/e2e.json"),
);
const e2eFailed = (e2e?.stats.unexpected ?? 0) + (e2e?.stats.flaky ?? 0);
tallies.push({
  suite: "e2e",
  passed: e2e?.stats.expected ?? 0,
  failed: e2eFailed + (e2eCode !== 0 && e2eFailed === 0 ? 1 : 0),
});

const passed = tallies.reduce((n, t) => n + t.passed, 0);
const failed = tallies.reduce((n, t) => n + t.failed, 0);
console.log("\n━━ summary ━━");
for (const t of tallies) console.log(`  ${t.suite.padEnd(10)} ${t.passed} passed, ${t.failed} failed`);
fs.writeFileSync(path.join(results, "all.json"), JSON.stringify({ passed, failed, tallies }));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}
