import { spawn } from "node:child_process";

export type CliResult = { status: number | null; stdout: string; stderr: string };

/**
 * Runs `rapport <args>` (server/src/cli.ts) as automation does: a separate process on the test
 * server's database. It must not block: the test server lives in this process, and its worker
 * may hold a transaction on rows the command needs (a job that inserted a notification for the
 * workspace being removed, say). spawnSync froze this event loop, so that transaction could never
 * commit and the command waited on its lock until the timeout — a deadlock across two processes
 * that only showed under CI load. With `spawn` the server keeps running while the command does.
 */
export function runCli(
  databaseUrl: string,
  args: string[],
  timeoutMs = 120_000,
  env: Record<string, string> = {},
): Promise<CliResult> {
  const { child, result } = spawnCli(databaseUrl, args, env);
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  return result.finally(() => clearTimeout(timer));
}

/**
 * The same command, handed back while it runs, for a test that signals it mid-way (Ctrl-C on
 * an import); `result` settles when it has exited and its output is all read.
 */
export function spawnCli(databaseUrl: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["server/src/cli.ts", ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: ".tmp/cli-test-data", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => {
    stdout += d;
  });
  child.stderr.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
  });
  const result = new Promise<CliResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ status: code, stdout, stderr }));
  });
  return { child, result };
}
