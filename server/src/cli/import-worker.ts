import { parentPort, workerData } from "node:worker_threads";
import { type ImportOptions, importZendeskCommand } from "./import-commands.ts";

/**
 * The import thread's entry (import-thread.ts starts it). It loads only the import path's
 * modules, so the capped heap holds the importer and nothing else of the server. Output goes
 * to the CLI as messages, in order, rather than through the thread's own stdout and stderr,
 * whose last writes can be lost when the CLI exits right after the thread. A failure is a
 * message too, so it arrives after the output that came before it.
 */
export type ToCli = { stdout: string } | { stderr: string } | { failed: string };
export type ImportWorkerData = { opts: ImportOptions; isTTY: boolean };

if (!parentPort) throw new Error("import-worker.ts runs only as the import thread");
const port = parentPort;
const { opts, isTTY } = workerData as ImportWorkerData;
const abort = new AbortController();
// The CLI turns Ctrl-C and SIGTERM into "stop": the run ends after the page being written.
port.on("message", (message) => {
  if (message === "stop") abort.abort();
});
const post = (m: ToCli) => port.postMessage(m);
try {
  await importZendeskCommand(opts, {
    print: (line) => post({ stdout: `${line}\n` }),
    progress: (text) => post({ stderr: text }),
    isTTY,
    signal: abort.signal,
  });
} catch (err) {
  post({ failed: (err as Error).message });
} finally {
  // Without the listener's hold the thread ends once the import has.
  port.unref();
}
