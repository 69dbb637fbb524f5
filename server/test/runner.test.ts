import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { alive, killGroup, stopClustersUnder } from "../../scripts/reap.ts";
import { failureDetail, runTestFiles } from "../../scripts/test-files.ts";
import { eventually, freePort } from "./harness.ts";
import { scratchDir } from "./processes.ts";

/**
 * The server suite's runner (scripts/test-files.ts) on files made to misbehave: on a slow
 * machine a hung file must end red within its limit, with what it started stopped, and a
 * failing before() must say why, instead of the suite waiting for ever; and a runner that is
 * itself stopped mid-file (Ctrl-C) must not leave that file's processes running.
 */
const root = path.resolve(import.meta.dirname, "../..");
const fixtures = "server/test/fixtures/runner";
const work = scratchDir("runner-");
after(() => fs.rmSync(work, { recursive: true, force: true }));

const options = (fileTimeoutMs: number) => ({
  root,
  concurrency: 2,
  fileTimeoutMs,
  testTimeoutMs: 600_000,
  scratchRoot: path.join(work, "scratch"),
  print: false,
  env: { ...process.env, FIXTURE_REPORT: path.join(work, "report.json") },
});

test("a file that hangs with a database and a child running is killed at its limit, cleaned up and reported", async () => {
  const pgPort = await freePort();
  const started = Date.now();
  const [result] = await runTestFiles([`${fixtures}/hangs-with-database.fixture.ts`], {
    ...options(45_000),
    env: { ...options(45_000).env, FIXTURE_PG_PORT: String(pgPort) },
  });
  assert.ok(result);
  assert.ok(Date.now() - started < 120_000, "the runner did not wait for the hung file");
  assert.equal(result.passed, 0);
  assert.ok(result.failed >= 1);
  assert.match(result.reason ?? "", /killed after 45 s/);
  assert.match(result.reason ?? "", /left 1 PostgreSQL cluster\(s\) running; stopped by the runner/);
  const report = JSON.parse(fs.readFileSync(path.join(work, "report.json"), "utf8"));
  assert.equal(alive(report.testProcessPid), false, "the file's own node --test process was killed");
  assert.equal(alive(report.sleepPid), false, "the file's child process was killed with it");
  assert.equal(fs.existsSync(report.pgPidFile), false, "its PostgreSQL was stopped and its files removed");
});

test("a failing before() is reported with the file's name and its error; passing files are counted", async () => {
  const results = await runTestFiles(
    [`${fixtures}/fails-in-before.fixture.ts`, `${fixtures}/passes.fixture.ts`],
    options(60_000),
  );
  const [failing, passing] = results;
  assert.equal(failing?.file, `${fixtures}/fails-in-before.fixture.ts`);
  assert.ok((failing?.failed ?? 0) >= 1);
  assert.ok(failing?.reason);
  assert.match(failureDetail(failing), /the fixture's database is unreachable/);
  assert.deepEqual([passing?.passed, passing?.failed, passing?.reason], [2, 0, undefined]);
});

test("a runner stopped while its file hangs takes the file's processes with it", async () => {
  const reportFile = path.join(work, "stopped-runner.json");
  const scratchRoot = path.join(work, "stopped-runner");
  // A runner of its own, in a group of its own as the suite starts each file: stopping that group
  // (a file at its limit, a Ctrl-C) ends the runner before it can kill what it started.
  const runner = spawn(
    process.execPath,
    ["server/test/fixtures/runner/runs-files.ts", `${fixtures}/hangs-with-database.fixture.ts`],
    {
      cwd: root,
      detached: true,
      stdio: "ignore",
      env: {
        ...process.env,
        FIXTURE_REPORT: reportFile,
        FIXTURE_PG_PORT: String(await freePort()),
        RUNNER_OPTIONS: JSON.stringify({
          root,
          concurrency: 1,
          fileTimeoutMs: 600_000,
          testTimeoutMs: 600_000,
          scratchRoot,
        }),
      },
    },
  );
  let report: { testProcessPid: number; sleepPid: number } | undefined;
  try {
    const { testProcessPid, sleepPid } = await eventually(() => readReport(reportFile), 90_000);
    report = { testProcessPid, sleepPid };
    await killGroup(runner.pid as number, 5_000);
    // The file's processes notice within a fraction of a second; a few seconds is plenty.
    const until = Date.now() + 5_000;
    while ((alive(testProcessPid) || alive(sleepPid)) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(alive(testProcessPid), false, "the file's node --test process ended with its runner");
    assert.equal(alive(sleepPid), false, "and so did what the file started");
  } finally {
    // Whatever the assertions found, this test leaves nothing running behind it.
    if (report) killGroupNow(report.testProcessPid);
    killGroupNow(runner.pid as number);
    await stopClustersUnder(scratchRoot);
  }
});

function readReport(file: string) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined; // not written yet, or half written
  }
}

function killGroupNow(pid: number) {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // already gone
  }
}
