import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import pino from "pino";
import { startEmbeddedPostgres } from "../server/src/platform/db/embedded.ts";
import { freePort } from "../server/test/harness.ts";

/**
 * What the benches share: a PostgreSQL (`DATABASE_URL`'s server, or an embedded cluster kept
 * under bench/.data), a database of their own on it, a production Rapport (`scripts/start.ts`)
 * on free loopback ports waited for until healthy, and its first-run setup. `launchBench` does
 * all of it for a bench that wants a fresh workspace; bench/run.ts, which keeps its dataset
 * between runs, uses the parts.
 */
export const benchRoot = path.resolve(import.meta.dirname, "..");
const benchData = path.join(benchRoot, "bench/.data");

/** The admin URL of `DATABASE_URL`'s server, or of an embedded cluster in `dataDir` on `port`. */
export async function startDatabaseServer(port: number, dataDir = benchData) {
  if (process.env.DATABASE_URL) return { adminUrl: process.env.DATABASE_URL, stopDb: async () => {} };
  const embedded = await startEmbeddedPostgres({
    dataDir,
    port,
    password: "bench",
    logger: pino({ level: "warn" }),
  });
  return { adminUrl: embedded.superuserUrl, stopDb: embedded.stop };
}

/** Database `name` on the server of `adminUrl`: made anew when `fresh`, else kept if it exists. */
export async function openDatabase(adminUrl: string, name: string, opts: { fresh: boolean }) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  if (opts.fresh) await admin.query(`drop database if exists ${name} with (force)`);
  const existed = (await admin.query("select 1 from pg_database where datname = $1", [name])).rowCount === 1;
  if (!existed) await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { databaseUrl: url.toString(), existed };
}

/** An empty database `name`, on `DATABASE_URL`'s server or the bench's embedded one. */
export async function freshDatabase(name: string, embeddedPort: number) {
  const { adminUrl, stopDb } = await startDatabaseServer(embeddedPort);
  const { databaseUrl } = await openDatabase(adminUrl, name, { fresh: true });
  return { databaseUrl, stopDb };
}

/**
 * A production Rapport on `databaseUrl`, answering /api/health. `dataDirName` is under
 * bench/.data unless absolute; `args` are scripts/start.ts's (e.g. `--web`).
 */
export async function startRapport(opts: {
  databaseUrl: string;
  dataDirName: string;
  env?: Record<string, string>;
  args?: string[];
}) {
  const port = await freePort();
  const smtpPort = await freePort();
  const server: ChildProcess = spawn(process.execPath, ["scripts/start.ts", ...(opts.args ?? [])], {
    cwd: benchRoot,
    env: {
      ...process.env,
      DATABASE_URL: opts.databaseUrl,
      PORT: String(port),
      SMTP_PORT: String(smtpPort),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      DATA_DIR: path.resolve(benchData, opts.dataDirName),
      ...opts.env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited(server)) return;
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  };
  try {
    await waitHealthy(server, base);
  } catch (err) {
    await stop();
    throw err;
  }
  return { base, port, smtpPort, stop, pid: server.pid };
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

async function waitHealthy(child: ChildProcess, base: string) {
  const until = Date.now() + 180_000;
  while (Date.now() < until) {
    const healthy = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) return;
    if (exited(child)) throw new Error("Rapport exited during start-up");
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error("Rapport did not become healthy");
}

export type Owner = { workspaceName: string; name: string; email: string; password: string };
const DEFAULT_OWNER: Owner = {
  workspaceName: "Acme Audio",
  name: "A",
  email: "a@bench.example",
  password: "bench-password-1",
};

/** First-run setup (workspace and its admin) on a fresh Rapport; the workspace's id. */
export async function setupWorkspace(base: string, owner: Partial<Owner> = {}): Promise<string> {
  const setup = await fetch(`${base}/api/v1/setup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...DEFAULT_OWNER, ...owner }),
  });
  if (!setup.ok) throw new Error(`setup answered ${setup.status}: ${await setup.text()}`);
  return ((await setup.json()) as { workspace: { id: string } }).workspace.id;
}

/**
 * A fresh database `database`, a production Rapport on it with its data in bench/.data/
 * `dataDirName`, and a workspace set up (`owner` overrides the default admin). `stop()` ends
 * Rapport, then the embedded PostgreSQL.
 */
export async function launchBench(opts: {
  database: string;
  embeddedPort: number;
  dataDirName: string;
  env?: Record<string, string>;
  owner?: Partial<Owner>;
}) {
  const { databaseUrl, stopDb } = await freshDatabase(opts.database, opts.embeddedPort);
  const rapport = await startRapport({
    databaseUrl,
    dataDirName: opts.dataDirName,
    ...(opts.env ? { env: opts.env } : {}),
  }).catch(async (err) => {
    await stopDb();
    throw err;
  });
  const stop = async () => {
    await rapport.stop();
    await stopDb();
  };
  const workspaceId = await setupWorkspace(rapport.base, opts.owner).catch(async (err) => {
    await stop();
    throw err;
  });
  return { ...rapport, databaseUrl, workspaceId, stop };
}
