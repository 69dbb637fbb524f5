import fs from "node:fs";
import path from "node:path";

/**
 * Cleaning up after test processes that did not clean up after themselves (a file killed at
 * its time limit, a hung journey): a suite on a slow machine must end red, never leave a
 * server or a PostgreSQL running that keeps the next step, or CI, waiting.
 */

export const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Ends a process group started with `detached: true` (its pid is the group id): SIGTERM first so
 * servers can stop their databases, then SIGKILL for whatever is left after `graceMs`.
 */
export async function killGroup(pid: number, graceMs = 10_000): Promise<void> {
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };
  signalGroup("SIGTERM");
  const until = Date.now() + graceMs;
  while (alive(-pid) && Date.now() < until) await sleep(100);
  signalGroup("SIGKILL");
}

/**
 * Stops every PostgreSQL whose data directory lies under `dir`. pg_ctl starts the postmaster in a
 * session of its own, so killing the process group that started it leaves it running; its pid
 * is the first line of postmaster.pid. SIGINT is PostgreSQL's "fast" shutdown, SIGQUIT its
 * immediate one.
 */
export async function stopClustersUnder(dir: string): Promise<number> {
  if (!fs.existsSync(dir)) return 0;
  let stopped = 0;
  const pidFiles = fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name === "postmaster.pid")
    .map((e) => path.join(e.parentPath, e.name));
  for (const file of pidFiles) {
    const pid = Number(fs.readFileSync(file, "utf8").split("\n")[0]);
    if (!Number.isInteger(pid) || pid <= 1 || !alive(pid)) continue;
    process.kill(pid, "SIGINT");
    const until = Date.now() + 15_000;
    while (alive(pid) && Date.now() < until) await sleep(100);
    if (alive(pid)) process.kill(pid, "SIGQUIT");
    stopped++;
  }
  return stopped;
}
