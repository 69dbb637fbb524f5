import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "./platform/config.ts";
import { createLogger } from "./platform/logger.ts";
import { type ProcessRole, startRuntime } from "./runtime.ts";

/**
 * `npm start` (via scripts/start.ts) and `npm run dev` land here.
 *   --dev     serve the web app through Vite middleware instead of the built files
 *   --web     HTTP only: no job workers (run workers elsewhere with --worker)
 *   --worker  job workers only: no HTTP
 */
const { values: flags } = parseArgs({
  options: { dev: { type: "boolean" }, web: { type: "boolean" }, worker: { type: "boolean" } },
});

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(78); // EX_CONFIG
  }
  throw err;
}
if (flags.web && flags.worker) {
  console.error("Use --web or --worker, not both (without either, one process does both).");
  process.exit(64);
}

const log = createLogger(config);
const role: ProcessRole = flags.web ? "web" : flags.worker ? "worker" : "all";
const runtime = await startRuntime(config, log, { role, web: { dev: Boolean(flags.dev) } }).catch((err) => {
  log.fatal({ err }, "Rapport could not start");
  process.exit(1);
});
if (runtime.url) log.info(`Rapport is ready on ${config.publicUrl} (listening on ${runtime.url})`);
else log.info("Rapport worker is running");

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down: finishing requests and jobs");
    const force = setTimeout(() => {
      log.error("shutdown took too long; exiting");
      process.exit(1);
    }, 30_000);
    force.unref();
    runtime.close().then(() => {
      log.info("stopped cleanly");
      process.exit(0);
    });
  });
}
