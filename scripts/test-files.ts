import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { killGroup, stopClustersUnder } from "./reap.ts";

/**
 * Runs node:test files, each in its own process group with a time limit, a few at a time.
 *
 * Why not one `node --test` over every file: its --test-timeout bounds single tests, but a file
 * whose test timed out keeps running as long as something it started (a server, a socket, a
 * child process) holds its event loop, and the whole suite then waits with it. Here a file that
 * outlives its limit is killed with everything it started, its stray databases are stopped, and
 * it is reported as failed, with the reason.
 */
export type FileResult = {
  file: string;
  passed: number;
  failed: number;
  seconds: number;
  /** Why the file failed, when it did: a summary line for the report at the end. */
  reason: string | undefined;
  output: string;
};

export type RunOptions = {
  root: string;
  concurrency: number;
  /** The longest one file may take, all its tests and hooks together. */
  fileTimeoutMs: number;
  /** The longest one test may take (node:test's --test-timeout). */
  testTimeoutMs: number;
  env: NodeJS.ProcessEnv;
  /** Scratch directories for the files live here; each is swept for databases afterwards. */
  scratchRoot: string;
  /** Print each file's output when it ends (the suite does; a test of the runner does not). */
  print?: boolean;
};

const LIFELINE = path.join(import.meta.dirname, "lifeline.ts");

/** The process groups of files still running, so an interrupted runner can end them all. */
const running = new Set<number>();
export const runningGroups = {
  stop: () => Promise.all([...running].map((pid) => killGroup(pid, 5_000))),
};

export async function runTestFiles(files: string[], opts: RunOptions): Promise<FileResult[]> {
  const queue = [...files];
  const results: FileResult[] = [];
  const workers = Array.from({ length: Math.min(opts.concurrency, files.length) }, async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      const result = await runOne(file, opts);
      results.push(result);
      if (opts.print === false) continue;
      process.stdout.write(`\n▶ ${file} (${result.seconds.toFixed(1)} s)\n${result.output}`);
      if (result.reason) process.stdout.write(`✖ ${file}: ${result.reason}\n`);
    }
  });
  await Promise.all(workers);
  return results.sort((a, b) => a.file.localeCompare(b.file));
}

async function runOne(file: string, opts: RunOptions): Promise<FileResult> {
  const started = Date.now();
  const scratch = path.join(opts.scratchRoot, file.replace(/[^\w.-]+/g, "_"));
  fs.mkdirSync(scratch, { recursive: true });
  const child = spawn(
    process.execPath,
    [
      // Ends the file's group should this runner be stopped before it could (lifeline.ts).
      // --require, as node --test runs --import modules only in the file's process, not its own.
      "--require",
      LIFELINE,
      "--test",
      "--test-force-exit",
      "--test-reporter=spec",
      `--test-timeout=${opts.testTimeoutMs}`,
      file,
    ],
    {
      cwd: opts.root,
      // Its own process group, so a kill reaches the servers and tools the file started too.
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: childEnv(opts.env, scratch),
    },
  );
  running.add(child.pid as number);
  // Decoded by the streams themselves: a chunk boundary inside "ℹ" (three bytes) must not
  // garble the summary line. The counts are read from stdout alone, where the reporter writes
  // them, so a stderr chunk arriving mid-line cannot split "ℹ pass 33" either.
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  let output = "";
  let stdout = "";
  child.stdout.on("data", (d: string) => {
    output += d;
    stdout += d;
  });
  child.stderr.on("data", (d: string) => (output += d));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void killGroup(child.pid as number);
  }, opts.fileTimeoutMs);
  const code: number | null = await new Promise((resolve) => child.on("close", (c) => resolve(c)));
  clearTimeout(timer);
  // Whatever the file left behind (its children, a database under its scratch directory) goes.
  await killGroup(child.pid as number, 2_000);
  running.delete(child.pid as number);
  const strayClusters = await stopClustersUnder(scratch);
  fs.rmSync(scratch, { recursive: true, force: true });

  // The summary is the file's last lines; the last match wins over anything a test printed.
  const count = (label: string) =>
    Number([...stdout.matchAll(new RegExp(`^ℹ ${label} (\\d+)$`, "gm"))].at(-1)?.[1] ?? 0);
  const passed = count("pass");
  let failed = count("fail") + count("cancelled");
  let reason: string | undefined;
  if (timedOut) {
    reason = `killed after ${Math.round(opts.fileTimeoutMs / 1000)} s (the file's time limit), with everything it started`;
    failed = Math.max(failed, 1);
  } else if (code !== 0) {
    reason = failed > 0 ? `${failed} test(s) failed` : `exited with code ${code} before reporting a failure`;
    failed = Math.max(failed, 1);
  }
  if (strayClusters > 0) {
    const note = `left ${strayClusters} PostgreSQL cluster(s) running; stopped by the runner`;
    reason = reason ? `${reason}; ${note}` : note;
  }
  return { file, passed, failed, seconds: (Date.now() - started) / 1000, reason, output };
}

/**
 * node:test tells a file it runs as a child through NODE_TEST_CONTEXT; a runner started from
 * inside a test (runner.test.ts) must not pass that on, or its files would report in the
 * parent's binary protocol instead of as text. TEST_FILES_RUNNER_PID is the runner that
 * scripts/lifeline.ts watches for.
 */
function childEnv(env: NodeJS.ProcessEnv, scratch: string): NodeJS.ProcessEnv {
  const { NODE_TEST_CONTEXT: _, ...rest } = env;
  return { ...rest, TEST_SCRATCH_DIR: scratch, FORCE_COLOR: "0", TEST_FILES_RUNNER_PID: String(process.pid) };
}

/**
 * The part of a failed file's output that says why: node's spec reporter ends with a
 * "failing tests" section carrying each error and its stack; without it (a file killed at its
 * limit, a crash before any test ran) the last lines are the best witness.
 */
export function failureDetail(result: FileResult): string {
  const at = result.output.indexOf("✖ failing tests:");
  const detail = at >= 0 ? result.output.slice(at) : result.output.split("\n").slice(-40).join("\n");
  return detail.length > 6_000 ? `${detail.slice(0, 6_000)}\n… (cut; the full output is above)` : detail;
}
