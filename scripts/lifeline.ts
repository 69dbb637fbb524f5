/**
 * Loaded with --require into each test file's `node --test` process by scripts/test-files.ts.
 *
 * Why: the runner kills a file's process group when the file passes its limit, but a runner that
 * is itself stopped first cannot. A Ctrl-C ends the suite's runner, which stops each file's group;
 * when that file is runner.test.ts, its own runner (a plain test process, which a SIGTERM ends at
 * once) dies with the fixture's group still running. That group — the fixture's `node --test`,
 * the file and what it started — is in a process group of its own, out of reach of any kill aimed
 * at the outer groups, and ran on with parent 1 until someone SIGKILLed it.
 *
 * So the file's process watches its runner: once its parent is no longer the runner that started
 * it, it kills its whole group with SIGKILL (no one is left to wait for a graceful end). A pipe's
 * end-of-file would tell at once, but the pipe's end would be inherited by everything the file
 * starts (a PostgreSQL outside the group included) and keep the runner's `close` from ever coming.
 */
const runner = Number(process.env.TEST_FILES_RUNNER_PID);
// node --test passes --require on to the file's own process too; only the runner's direct
// child, the leader of the group, acts.
if (runner > 0 && process.ppid === runner) {
  setInterval(() => {
    if (process.ppid !== runner) process.kill(-process.pid, "SIGKILL");
  }, 200).unref();
}
