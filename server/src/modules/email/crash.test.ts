import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import { after, test } from "node:test";
import nodemailer from "nodemailer";
import pg from "pg";
import { createTestDatabase, dropTestDatabase, freePort } from "../../../test/harness.ts";
import { scratchDir, stopTracked, track } from "../../../test/processes.ts";

/**
 * Durability under kill -9: a burst of mail over SMTP, the server killed partway through,
 * restarted; every message that got a 250 must be in a case exactly once.
 */
const TOTAL = 1000;
const dataDir = scratchDir("rapport-crash-");
let databaseUrl: string;
after(async () => {
  await stopTracked();
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (databaseUrl) await dropTestDatabase(databaseUrl);
});

async function startServer(env: Record<string, string>): Promise<ChildProcess> {
  const child = track(
    spawn(process.execPath, ["scripts/start.ts"], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "ignore", "pipe"],
    }),
  );
  let err = "";
  child.stderr?.on("data", (d) => (err += d));
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (
      await fetch(`http://127.0.0.1:${env.PORT}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return child;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`server did not start: ${err}`);
}

test("no accepted message is lost or applied twice when the server is killed mid-burst", {
  timeout: 300_000,
}, async () => {
  databaseUrl = await createTestDatabase();
  const env = {
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    SMTP_PORT: String(await freePort()),
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    AUTH_SECRET: "crash-test-secret-long-enough-to-be-used-ok",
  };
  let child = await startServer(env);
  const setup = await fetch(`http://127.0.0.1:${env.PORT}/api/v1/setup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      workspaceName: "Crash Co",
      name: "A",
      email: "a@crash.test",
      password: "crash-password-1",
    }),
  });
  assert.equal(setup.status, 201);

  const accepted = new Set<string>();
  let killed = false;
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: Number(env.SMTP_PORT),
    pool: true,
    maxConnections: 8,
    ignoreTLS: true,
  });
  const sends = Array.from({ length: TOTAL }, async (_, i) => {
    const id = `<burst-${i}@crash.test>`;
    try {
      const info = await transport.sendMail({
        from: `Customer ${i % 50} <c${i % 50}@crash.test>`,
        to: "support@localhost",
        subject: `Burst ${i}`,
        text: `Message ${i}`,
        messageId: id,
      });
      if (/^250/.test(info.response)) accepted.add(id);
      if (accepted.size === Math.floor(TOTAL / 3) && !killed) {
        killed = true;
        child.kill("SIGKILL");
      }
    } catch {
      // refused or cut off by the kill: not accepted, so it may or may not exist
    }
  });
  await Promise.all(sends);
  transport.close();
  assert.ok(killed, "the server was killed during the burst");
  assert.ok(accepted.size >= Math.floor(TOTAL / 3), `accepted ${accepted.size}`);
  await new Promise<void>((r) => (child.exitCode !== null ? r() : child.once("exit", () => r())));

  child = await startServer(env);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const deadline = Date.now() + 180_000;
    for (;;) {
      const { rows } = await db.query(
        "select count(*)::int as n from inbound_emails where status = 'received'",
      );
      if (rows[0].n === 0) break;
      assert.ok(Date.now() < deadline, "processing did not finish");
      await new Promise((r) => setTimeout(r, 250));
    }
    const { rows } = await db.query(
      "select email_message_id as id, count(*)::int as n from messages where email_message_id like '<burst-%' group by 1",
    );
    const counts = new Map(rows.map((r) => [r.id as string, r.n as number]));
    for (const id of accepted) assert.equal(counts.get(id), 1, `${id} must be present exactly once`);
    for (const [id, n] of counts) assert.equal(n, 1, `${id} applied ${n} times`);
    const failed = await db.query("select count(*)::int as n from inbound_emails where status = 'failed'");
    assert.equal(failed.rows[0].n, 0);
  } finally {
    await db.end();
    child.kill("SIGTERM");
    await new Promise<void>((r) => (child.exitCode !== null ? r() : child.once("exit", () => r())));
  }
});
