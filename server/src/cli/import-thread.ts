import { Worker } from "node:worker_threads";
import type { ImportOptions } from "./import-commands.ts";
import type { ImportWorkerData, ToCli } from "./import-worker.ts";

/**
 * The import's heap cap, in MB. V8 keeps memory it has freed, so an uncapped import's RSS grew
 * with the run (587 MB at 1M tickets) though it never holds more than two pages; at 192 MB the
 * 150k run peaked at 367 MB at the same rate (bench/IMPORT.md). RAPPORT_IMPORT_HEAP_MB raises
 * it for an account whose single records are unusually large.
 */
export const IMPORT_HEAP_MB = 192;

/**
 * `import zendesk` in a worker thread of this process, with `resourceLimits` capping its heap.
 * A thread and not a child process: the import's memory stays in the one process an operator
 * (and the benchmark) watches, and the cap applies to the import alone, not to other commands.
 * Ctrl-C and SIGTERM become a "stop" message; the run stops after the page being written and
 * the command fails with the resume hint, as before. A heap exhausted under the cap fails the
 * command (exit 1) and, like any failure, the same command resumes.
 */
export function importZendeskInThread(opts: ImportOptions): Promise<void> {
  const heapMb = Number(process.env.RAPPORT_IMPORT_HEAP_MB ?? IMPORT_HEAP_MB);
  if (!Number.isInteger(heapMb) || heapMb < 64)
    throw new Error("RAPPORT_IMPORT_HEAP_MB must be a whole number of megabytes, at least 64");
  const data: ImportWorkerData = { opts, isTTY: Boolean(process.stderr.isTTY) };
  const worker = new Worker(new URL("./import-worker.ts", import.meta.url), {
    workerData: data,
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
  });
  let failure: Error | undefined;
  worker.on("message", (m: ToCli) => {
    if ("stdout" in m) process.stdout.write(m.stdout);
    else if ("stderr" in m) process.stderr.write(m.stderr);
    else failure = new Error(m.failed);
  });
  // What the thread could not post itself: running out of heap, a module that failed to load.
  worker.on("error", (err: Error) => {
    failure ??= err;
  });
  const onSignal = () => {
    process.stderr.write("\nStopping after the current page… (run the same command again to resume)\n");
    worker.postMessage("stop");
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  // "exit" comes after every message the thread posted, so the report is out before the verdict.
  return new Promise<void>((resolve, reject) => {
    worker.once("exit", (code) => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      if (failure) reject(failure);
      else if (code === 0) resolve();
      else
        reject(new Error(`the import thread stopped (exit ${code}); run the same command again to resume`));
    });
  });
}
