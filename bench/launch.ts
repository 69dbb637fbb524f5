import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import pino from "pino";
import { startEmbeddedPostgres } from "../server/src/platform/db/embedded.ts";
import { freePort } from "../server/test/harness.ts";

/**
 * What the stand-alone benches (email intake, problem broadcast, help suggestions) share: a
 * fresh database of their own, on `DATABASE_URL` or the bench's embedded PostgreSQL, and a
 * production Rapport (`scripts/start.ts`) on free loopback ports, waited for until healthy.
 */
export const benchRoot = path.resolve(import.meta.dirname, "..");

export async function freshDatabase(name: string, embeddedPort: number) {
  let adminUrl = process.env.DATABASE_URL;
  let stopDb = async () => {};
  if (!adminUrl) {
    const embedded = await startEmbeddedPostgres({
      dataDir: path.join(benchRoot, "bench/.data"),
      port: embeddedPort,
      password: "bench",
      logger: pino({ level: "warn" }),
    });
    adminUrl = embedded.url;
    stopDb = embedded.stop;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { databaseUrl: url.toString(), stopDb };
}

export async function startRapport(opts: {
  databaseUrl: string;
  dataDirName: string;
  env?: Record<string, string>;
}) {
  const port = await freePort();
  const smtpPort = await freePort();
  const server: ChildProcess = spawn(process.execPath, ["scripts/start.ts"], {
    cwd: benchRoot,
    env: {
      ...process.env,
      DATABASE_URL: opts.databaseUrl,
      PORT: String(port),
      SMTP_PORT: String(smtpPort),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      DATA_DIR: path.join(benchRoot, "bench/.data", opts.dataDirName),
      ...opts.env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 600) throw new Error("Rapport did not start");
    await new Promise((r) => setTimeout(r, 300));
  }
  const stop = async () => {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  };
  return { base, port, smtpPort, stop, pid: server.pid };
}
