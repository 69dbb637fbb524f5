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

async function waitForHealth(baseURL: string, child: { exitCode: number | null }, logFile: string) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const ok = await fetch(`${baseURL}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  const tail = fs.readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n");
  throw new Error(`Rapport did not become healthy at ${baseURL}. Last log lines:\n${tail}`);
}

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
  // Under .tmp/e2e so that scripts/test-all.ts can stop a server (and its PostgreSQL) that a
  // killed or timed-out Playwright left behind.
  fs.mkdirSync(E2E_DIR, { recursive: true });
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
      EMBEDDED_PG_PORT: process.env.E2E_PG_PORT ?? "54417",
      // Inbound SMTP on a port of its own, so parallel runs never fight over 2525.
      SMTP_PORT: String(Number(process.env.E2E_PG_PORT ?? "54417") + 1),
      PUBLIC_URL: baseURL,
      NODE_ENV: "production",
      LOGIN_RATE_LIMIT: "500", // every spec signs in from the same address
      // Actions (58, 59) and webhooks call fake servers the specs start on 127.0.0.1.
      WEBHOOK_ALLOW_PRIVATE: "true",
    },
    stdio: ["ignore", log, log],
  });
  await waitForHealth(baseURL, child, logFile);

  // Env vars set here reach the workers (spawned later) and global teardown (same process).
  process.env.E2E_SERVER_PID = String(child.pid);
  fs.writeFileSync(path.join(E2E_DIR, "server.pid"), String(child.pid));
  process.env.E2E_SERVER_LOG = logFile;
  console.log(`Rapport e2e server on ${baseURL}, log: ${logFile}`);
}
