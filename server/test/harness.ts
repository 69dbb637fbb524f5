import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import pg from "pg";
import pino from "pino";
import { loadConfig } from "../src/platform/config.ts";
import { releasePooled, testDatabaseEnv } from "../src/platform/db/direct.testkit.ts";
import { type Runtime, startRuntime } from "../src/runtime.ts";

/**
 * A real Rapport process-in-a-test: its own fresh database cloned from the migrated template,
 * listening on a free loopback port, with every log line captured for assertions
 * (e.g. reading a sign-in link). Tests talk to it over HTTP only.
 */
export type TestServer = {
  url: string;
  runtime: Runtime;
  databaseUrl: string;
  logs: Array<Record<string, unknown>>;
  close: () => Promise<void>;
};

export async function createTestDatabase(): Promise<string> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL;
  const template = process.env.TEST_TEMPLATE_DB;
  if (!adminUrl || !template) throw new Error("run server tests with `npm run test:server`");
  const name = `rapport_t_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function dropTestDatabase(url: string): Promise<void> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL as string;
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // The closed server's connections may still be on their way out (a pool ends its sockets
  // after its promise resolves). Dropping "with (force)" terminates whatever is left, and a
  // connection terminated that way surfaces in the test file as an uncaught error, so wait
  // (briefly, bounded) until they are gone.
  await releasePooled(name);
  for (let waited = 0; waited < 5_000; waited += 50) {
    const { rows } = await admin.query("select count(*)::int as n from pg_stat_activity where datname = $1", [
      name,
    ]);
    if (rows[0].n === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function startTestServer(
  opts: {
    env?: Record<string, string>;
    databaseUrl?: string;
    role?: "all" | "web" | "worker";
    /** Serve the built web app (web/dist must exist: `npm run build`). */
    web?: boolean;
  } = {},
): Promise<TestServer> {
  const databaseUrl = opts.databaseUrl ?? (await createTestDatabase());
  // A free port can be taken by another test file between freePort() and listen(): startRuntime
  // undoes everything when listen fails, so a fresh pair of ports is simply tried again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnFreePorts(databaseUrl, opts);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EADDRINUSE" || attempt === 3) throw err;
    }
  }
}

async function startOnFreePorts(
  databaseUrl: string,
  opts: Parameters<typeof startTestServer>[0] & {},
): Promise<TestServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-test-"));
  const config = loadConfig({
    // DATABASE_URL, or the pooler and DATABASE_DIRECT_URL when the suite runs through PgBouncer.
    ...testDatabaseEnv(databaseUrl),
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    AUTH_SECRET: "test-secret-that-is-long-enough-to-be-accepted",
    LOG_FORMAT: "json",
    DB_POOL_MAX: "5",
    NODE_ENV: "test",
    SMTP_PORT: String(await freePort()),
    // Every test server would otherwise embed its cases each minute; detection catches up on read.
    DETECTION_SWEEP: "false",
    // The suite can be run with the request fence lowered, to compare (DB_REQUEST_FENCE=off).
    ...(process.env.DB_REQUEST_FENCE ? { DB_REQUEST_FENCE: process.env.DB_REQUEST_FENCE } : {}),
    ...opts.env,
  });
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of chunk.toString().split("\n")) if (line) logs.push(JSON.parse(line));
      done();
    },
  });
  const log = pino({ level: "info" }, sink);
  const runtime = await startRuntime(config, log, {
    role: opts.role ?? "all",
    web: opts.web ? { dev: false } : false,
  }).catch((err) => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  });
  return {
    url: `http://127.0.0.1:${port}`,
    runtime,
    databaseUrl,
    logs,
    close: async () => {
      await runtime.close();
      if (!opts.databaseUrl) await dropTestDatabase(databaseUrl);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `probe` returns a value (for things that happen in a background job). */
export async function eventually<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  ms = 10_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error("timed out waiting for the expected outcome");
    await new Promise((r) => setTimeout(r, 50));
  }
}
