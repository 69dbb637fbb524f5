import assert from "node:assert/strict";
import { after, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import { customerClient, setUpWorkspace, uniqueEmail } from "../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../test/harness.ts";
import { startSink } from "../../../test/mail.ts";

/**
 * Sign-in links (and the rest of the mail Rapport writes itself) take the agent replies' road:
 * the outbox table, the `email.send` job with retries, admins' failed deliveries, the banner.
 */
const servers: TestServer[] = [];
const closers: Array<() => Promise<void>> = [];
after(async () => {
  for (const s of servers) await s.close();
  for (const c of closers) await c();
});

async function requestLink(server: TestServer, email: string) {
  const res = await new TestClient(server.url).post("/api/auth/sign-in/magic-link", {
    email,
    callbackURL: "/portal",
  });
  assert.equal(res.status, 200);
}
const outboxRow = (server: TestServer, email: string) =>
  server.runtime.ctx.pool
    .query("select kind, status, error, body from outbound_mail where to_address = $1", [email])
    .then((r) => r.rows[0]);

test("without a relay a sign-in link waits in the outbox, counts in the banner, and is still logged", async () => {
  const server = await startTestServer();
  servers.push(server);
  const { admin } = await setUpWorkspace(server);
  const before = (await admin.get("/api/v1/email/status")).body.outboxWaiting;
  const { email } = await customerClient(server); // reads the link from the log and signs in
  const row = await outboxRow(server, email);
  assert.equal(row.kind, "sign_in_link");
  assert.equal(row.status, "queued");
  const status = await admin.get("/api/v1/email/status");
  assert.equal(status.body.relayConfigured, false);
  assert.equal(status.body.outboxWaiting, before + 1, "the banner counts it");
});

test("with a relay the link is delivered by the email.send job and its secret leaves the database", async () => {
  const sink = await startSink();
  closers.push(sink.close);
  const server = await startTestServer({ env: { SMTP_URL: sink.url } });
  servers.push(server);
  await setUpWorkspace(server);
  const email = uniqueEmail("linked");
  await requestLink(server, email);
  const mail = await eventually(() => sink.received.find((r) => r.envelopeTo.includes(email)));
  assert.equal(mail.mail.subject, "Your sign-in link for Acme Audio");
  const link = /https?:\/\/\S+/.exec(mail.mail.text ?? "")?.[0] ?? "";
  assert.match(link, /magic-link/);
  assert.equal(mail.mail.headers.get("auto-submitted"), undefined, "a person asked for it");
  const row = await eventually(async () => {
    const r = await outboxRow(server, email);
    return r?.status === "sent" ? r : undefined;
  });
  assert.doesNotMatch(row.body, /https?:/, "the one-time link is not kept after sending");
  const opened = await new TestClient(server.url).get(new URL(link).pathname + new URL(link).search);
  assert.equal(opened.status, 302, "the mailed link signs in");
});

test("a relay that refuses shows the sign-in link among the failed deliveries and retries it", async () => {
  // Port 1 on loopback: nothing ever listens there, so connecting is refused at once. (A port
  // that was free a moment ago may meanwhile belong to another test's server, and then the
  // relay would hang waiting for a greeting instead of refusing.)
  const server = await startTestServer({ env: { SMTP_URL: "smtp://127.0.0.1:1" } });
  servers.push(server);
  const { admin } = await setUpWorkspace(server);
  const email = uniqueEmail("unlucky");
  await requestLink(server, email);
  const failed = await eventually(async () => {
    const items = (await admin.get("/api/v1/email/health")).body.failedOutbound;
    return items.find((f: { to: string }) => f.to === email);
  });
  assert.equal(failed.kind, "sign_in_link");
  assert.equal(failed.caseId, null);
  assert.match(failed.error, /ECONNREFUSED|connect/i);
  // The failure is recorded by the job before pg-boss marks the job for retry.
  const state = await eventually(async () => {
    const { rows } = await server.runtime.ctx.pool.query(
      "select state from pgboss.job where name = 'email.send' and data->>'outboundMailId' is not null",
    );
    return rows[0]?.state === "active" ? undefined : rows[0]?.state;
  });
  assert.equal(state, "retry", "pg-boss will try again with backoff");
});
