import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { after, test } from "node:test";
import pg from "pg";
import { freePort } from "../test/harness.ts";
import { scratchDir, stopTracked, track } from "../test/processes.ts";

/**
 * The real thing, as `npm start` runs it (scripts/start.ts: build the web app if needed, then
 * the server) with no DATABASE_URL, so it creates and owns an embedded PostgreSQL under
 * DATA_DIR, then stops it cleanly on SIGTERM.
 */
const dataDir = scratchDir("rapport-lifecycle-");
after(async () => {
  // On failure or timeout too: a server left running would keep this file, and the suite, alive.
  await stopTracked();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function start(port: number, pgPort: number, smtpPort: number) {
  const child = track(
    spawn(process.execPath, ["scripts/start.ts"], {
      env: {
        ...process.env,
        DATABASE_URL: "",
        DATA_DIR: dataDir,
        PORT: String(port),
        EMBEDDED_PG_PORT: String(pgPort),
        SMTP_PORT: String(smtpPort),
        LOG_FORMAT: "json",
      },
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const until = Date.now() + 240_000; // a first start may build the web app
  while (Date.now() < until) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return { child, output: () => output };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill("SIGKILL");
  throw new Error(`server did not become healthy:\n${output}`);
}

/** initdb's user, with the password Rapport generated in DATA_DIR/secrets.json. */
function superuserClient(pgPort: number) {
  const { pgPassword } = JSON.parse(fs.readFileSync(path.join(dataDir, "secrets.json"), "utf8"));
  return new pg.Client({
    host: "127.0.0.1",
    port: pgPort,
    user: "rapport",
    password: pgPassword,
    database: "rapport",
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on("exit", (code) => resolve(code)));
}

test("first start creates the embedded database; SIGTERM stops everything; the next start reuses the data", async () => {
  const port = await freePort();
  const pgPort = await freePort();
  const smtpPort = await freePort();
  const first = await start(port, pgPort, smtpPort);
  assert.match(first.output(), /creating the embedded PostgreSQL cluster/);
  const pgDir = path.join(dataDir, "pg");
  assert.ok(fs.existsSync(path.join(pgDir, "PG_VERSION")));
  if (process.getuid?.() === 0) {
    const owner = fs.statSync(pgDir).uid;
    assert.notEqual(owner, 0, "as root, the cluster belongs to the postgres user");
  }
  const setup = await fetch(`http://127.0.0.1:${port}/api/v1/setup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      workspaceName: "Persisted",
      name: "P",
      email: "p@persist.test",
      password: "persist-password-1",
    }),
  });
  assert.equal(setup.status, 201);
  // With the web app's server-rendering bundle loaded, as in production, the API document
  // still builds (it once failed on schema ids registered twice).
  assert.equal((await fetch(`http://127.0.0.1:${port}/api/v1/openapi.json`)).status, 200);
  assert.equal((await fetch(`http://127.0.0.1:${port}/api/docs/json`)).status, 200);

  // Issue #23: the app connects as a login that is not a superuser; only the bootstrap (this
  // test, with initdb's user) is. Something an older cluster's superuser made is handed over
  // to that login at the next start.
  const superuser = superuserClient(pgPort);
  await superuser.connect();
  try {
    const { rows } = await superuser.query<{ usename: string; rolsuper: boolean; rolbypassrls: boolean }>(
      `select distinct a.usename, r.rolsuper, r.rolbypassrls from pg_stat_activity a
         join pg_roles r on r.rolname = a.usename
        where a.datname = 'rapport' and a.pid <> pg_backend_pid()`,
    );
    assert.deepEqual(rows, [{ usename: "rapport_server", rolsuper: false, rolbypassrls: false }]);
    const owner = await superuser.query("select tableowner from pg_tables where tablename = 'cases'");
    assert.equal(owner.rows[0].tableowner, "rapport_server");
    await superuser.query("create table legacy_made_by_superuser (id serial primary key)");
    await assert.rejects(
      superuser.query("set role rapport_server; select pg_read_file('PG_VERSION')"),
      /permission denied/,
      "the app's login cannot read the server's files",
    );
  } finally {
    await superuser.end();
  }

  // A request in flight when SIGTERM arrives still gets its answer: half its body is sent,
  // then the signal, then the rest.
  const body = JSON.stringify({
    workspaceName: "Late",
    name: "L",
    email: "l@late.test",
    password: "late-password-1",
  });
  const inFlight = new Promise<number>((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: "/api/v1/setup",
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", reject);
    req.write(body.slice(0, 20));
    setTimeout(() => {
      first.child.kill("SIGTERM");
      setTimeout(() => req.end(body.slice(20)), 300);
    }, 300);
  });
  assert.equal(await inFlight, 409, "answered (setup is already done), not cut off");
  assert.equal(await exited(first.child), 0);
  assert.match(first.output(), /stopped cleanly/);
  assert.ok(!fs.existsSync(path.join(pgDir, "postmaster.pid")), "the embedded PostgreSQL stopped too");

  const second = await start(port, pgPort, smtpPort);
  assert.doesNotMatch(second.output(), /creating the embedded PostgreSQL cluster/);
  const status = await (await fetch(`http://127.0.0.1:${port}/api/v1/setup`)).json();
  assert.deepEqual(status, { setupRequired: false });
  const pub = await (await fetch(`http://127.0.0.1:${port}/api/v1/public/workspace`)).json();
  assert.equal(pub.name, "Persisted");
  const again = superuserClient(pgPort);
  await again.connect();
  try {
    const legacy = await again.query(
      "select tableowner from pg_tables where tablename = 'legacy_made_by_superuser'",
    );
    assert.equal(legacy.rows[0].tableowner, "rapport_server");
  } finally {
    await again.end();
  }
  second.child.kill("SIGINT");
  assert.equal(await exited(second.child), 0);
});
