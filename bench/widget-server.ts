import { loadConfig } from "../server/src/platform/config.ts";
import { createLogger } from "../server/src/platform/logger.ts";
import { startRuntime } from "../server/src/runtime.ts";

/**
 * The Rapport process bench/widget.ts measures: the API, realtime and job workers as in
 * production (`npm start`), without the web app's pages (no build needed). Its memory is read
 * from /proc by the bench, apart from the bench's own thousand client sockets.
 */
const config = loadConfig();
const runtime = await startRuntime(config, createLogger(config), { role: "all", web: false });
process.on("SIGTERM", () => {
  void runtime.close().then(() => process.exit(0));
});
