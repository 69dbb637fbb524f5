import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
export const E2E_DIR = path.join(root, ".tmp", "e2e");

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Builds the web app when the build is missing or older than its sources. */
function buildIfStale() {
  const built = newestMtime(path.join(root, "web/dist/server/entry-server.js"));
  const sources = Math.max(
    ...["web/src", "web/index.html", "web/vite.config.ts", "contracts", "web/widget"].map((p) =>
      newestMtime(path.join(root, p)),
    ),
  );
  if (built >= sources) return;
  const result = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) throw new Error("npm run build failed");
}

/**
 * Waits for the server's health check. Resolves false when the server exited first (for
 * example a port it needs was taken), so the caller can try other ports.
 */
async function waitForHealth(baseURL: string, child: { exitCode: number | null }): Promise<boolean> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    const ok = await fetch(`${baseURL}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

const logTail = (logFile: string) => fs.readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n");

/** Starts a fresh Rapport (new data dir, new embedded PostgreSQL) in production mode. */
export default async function globalSetup() {
  buildIfStale();
  const port = process.env.E2E_PORT ?? "3417";
  const baseURL = `http://localhost:${port}`;
  const taken = await fetch(`${baseURL}/api/health`).then(
    () => true,
    () => false,
  );
  if (taken) throw new Error(`Port ${port} is already in use; set E2E_PORT to a free port`);
  fs.mkdirSync(E2E_DIR, { recursive: true });
  // The embedded PostgreSQL and inbound SMTP ports can be held by some other program (CI once
  // lost a whole browser suite that way, in 5 s): a server that exits before it is healthy is
  // started again on the next ports, a few times, before the suite gives up.
  let pgPort = Number(process.env.E2E_PG_PORT ?? "24417");
  for (let attempt = 1; ; attempt++) {
    const started = await startServer(baseURL, port, pgPort);
    if (started.healthy) {
      // Env vars set here reach the workers (spawned later) and global teardown (same process).
      process.env.E2E_PG_PORT = String(pgPort);
      process.env.E2E_SERVER_PID = String(started.child.pid);
      fs.writeFileSync(path.join(E2E_DIR, "server.pid"), String(started.child.pid));
      process.env.E2E_SERVER_LOG = started.logFile;
      console.log(`Rapport e2e server on ${baseURL}, log: ${started.logFile}`);
      return;
    }
    if (started.child.exitCode === null) started.child.kill("SIGKILL");
    const tail = logTail(started.logFile);
    if (attempt >= 4)
      throw new Error(`Rapport did not become healthy at ${baseURL}. Last log lines:\n${tail}`);
    console.log(
      `Rapport e2e server exited before it was healthy (PostgreSQL port ${pgPort}); trying other ports. Its log ended:\n${tail}`,
    );
    pgPort += 7;
  }
}

/** One attempt: a new data dir and embedded PostgreSQL on pgPort, inbound SMTP on pgPort + 1. */
async function startServer(baseURL: string, port: string, pgPort: number) {
  // Under .tmp/e2e so that scripts/test-all.ts can stop a server (and its PostgreSQL) that a
  // killed or timed-out Playwright left behind.
  const dataDir = fs.mkdtempSync(path.join(E2E_DIR, "run-"));
  // Embedded PostgreSQL runs as the postgres user when we are root; it must be able to write here.
  fs.chmodSync(dataDir, 0o777);
  const logFile = path.join(dataDir, "server.log");
  const log = fs.openSync(logFile, "a");
  const child = spawn(path.join(root, "node_modules/.bin/node"), ["server/src/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: port,
      DATA_DIR: dataDir,
      LOG_FORMAT: "json",
      EMBEDDED_PG_PORT: String(pgPort),
      // Inbound SMTP on a port of its own, so parallel runs never fight over 2525.
      SMTP_PORT: String(pgPort + 1),
      PUBLIC_URL: baseURL,
      NODE_ENV: "production",
      LOGIN_RATE_LIMIT: "500", // every spec signs in from the same address
      // Actions (58, 59) and webhooks call fake servers the specs start on 127.0.0.1.
      WEBHOOK_ALLOW_PRIVATE: "true",
    },
    stdio: ["ignore", log, log],
  });
  fs.closeSync(log);
  const healthy = await waitForHealth(baseURL, child);
  return { healthy, child, logFile };
}
