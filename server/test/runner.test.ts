import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { alive } from "../../scripts/reap.ts";
import { failureDetail, runTestFiles } from "../../scripts/test-files.ts";
import { freePort } from "./harness.ts";
import { scratchDir } from "./processes.ts";

/**
 * The server suite's runner (scripts/test-files.ts) on files made to misbehave: on a slow
 * machine a hung file must end red within its limit, with what it started stopped, and a
 * failing before() must say why, instead of the suite waiting for ever.
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
