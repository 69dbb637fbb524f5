import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * For tests that start real Rapport processes: the processes are stopped when the file ends,
 * passed or failed or timed out, and their data lives in the runner's scratch directory, where
 * scripts/test-files.ts stops any database left running if the file itself could not.
 */
const children = new Set<ChildProcess>();

export function track<T extends ChildProcess>(child: T): T {
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

/** SIGTERM (Rapport then stops its embedded PostgreSQL), SIGKILL after 20 s. */
export async function stopTracked(): Promise<void> {
  await Promise.all(
    [...children].map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((r) => child.once("exit", () => r()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
    }),
  );
}

export function scratchDir(prefix: string): string {
  const base = process.env.TEST_SCRATCH_DIR ?? os.tmpdir();
  fs.mkdirSync(base, { recursive: true });
  return fs.mkdtempSync(path.join(base, prefix));
}
