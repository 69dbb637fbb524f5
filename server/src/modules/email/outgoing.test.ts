import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import { setUpWorkspace, staffClient, uniqueEmail } from "../../../test/factories.ts";
import { eventually, freePort, startTestServer, type TestServer } from "../../../test/harness.ts";
import { sendRaw, startSink } from "../../../test/mail.ts";

/**
 * Settings → Email → Outgoing mail: an install without SMTP_URL gets its relay from the admin,
 * the password is sealed and never returned, a test message reports the relay's answer, and
 * replies and sign-in links then leave through that relay with the workspace's from and signature.
 */
const PASSWORD = "relay-pass-9f2c";
let server: TestServer;
let admin: TestClient;
let sink: Awaited<ReturnType<typeof startSink>>;
before(async () => {
  sink = await startSink({ auth: { user: "relay-user", pass: PASSWORD } });
  server = await startTestServer(); // no SMTP_URL: the workspace's settings are the only relay
  ({ admin } = await setUpWorkspace(server));
});
after(async () => {
  await server.close();
  await sink.close();
});

const relay = (extra: Record<string, unknown> = {}) => ({
  host: "127.0.0.1",
  port: sink.port,
  security: "none",
  user: "relay-user",
  password: PASSWORD,
  fromName: "Acme Support",
  fromAddress: "help@acme.test",
  signature: "Acme Audio support\nhttps://acme.test/help",
  ...extra,
});

async function customerCase(subject: string) {
  await sendRaw(
    server.runtime.ctx.config.smtpPort,
    `From: Maria Gonzalez <maria@example.com>\r\nTo: support@localhost\r\nSubject: ${subject}\r\nMessage-ID: <${subject.replace(/\W/g, "")}@example.com>\r\n\r\nIt stopped working.\r\n`,
  );
  return eventually(async () =>
    (await admin.get("/api/v1/cases?status=all&limit=100")).body.items.find(
      (c: { subject: string }) => c.subject === subject,
    ),
  );
}

test("only admins read or change outgoing mail", async () => {
  const { client: agent } = await staffClient(server, "agent");
  assert.equal((await agent.get("/api/v1/email/outgoing")).status, 403);
  assert.equal((await agent.request("PUT", "/api/v1/email/outgoing", relay())).status, 403);
  assert.equal((await agent.post("/api/v1/email/outgoing/test", { to: "a@b.test" })).status, 403);
  assert.equal((await new TestClient(server.url).get("/api/v1/email/outgoing")).status, 401);
  const none = await admin.get("/api/v1/email/outgoing");
  assert.equal(none.status, 200);
  assert.equal(none.body.source, "none");
  assert.equal(none.body.relay, null);
});

test("bad settings are refused naming the field", async () => {
  const cases: Array<[Record<string, unknown>, string]> = [
    [relay({ host: "smtp example com" }), "host"],
    [relay({ port: 70000 }), "port"],
    [relay({ security: "ssl" }), "security"],
    [relay({ fromAddress: "not-an-address" }), "fromAddress"],
    [relay({ password: undefined }), "password"], // a user needs a password the first time
    [relay({ host: null }), "host"], // a user without a relay
  ];
  for (const [body, field] of cases) {
    const res = await admin.request("PUT", "/api/v1/email/outgoing", body);
    assert.equal(res.status, 400, `${field}: ${JSON.stringify(res.body)}`);
    assert.equal(res.body.error.field, field);
  }
  const test = await admin.post("/api/v1/email/outgoing/test", { to: "ops@acme.test" });
  assert.equal(test.status, 400, "nothing to test without a relay");
  assert.equal(test.body.error.field, "host");
});

test("a reply queued without a relay leaves through the workspace relay once it is set, signed", async () => {
  const c = await customerCase("Amp hums");
  const reply = await admin.post(`/api/v1/cases/${c.id}/messages`, { body: "Try another cable." });
  assert.equal(reply.body.email.deliveryStatus, "queued");
  assert.equal((await admin.get("/api/v1/email/status")).body.relayConfigured, false);
  assert.equal((await new TestClient(server.url).get("/api/v1/public/workspace")).body.emailReady, false);

  const saved = await admin.request("PUT", "/api/v1/email/outgoing", relay());
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  assert.equal(saved.body.source, "workspace");
  assert.equal(saved.body.relay.passwordSet, true);
  assert.ok(!JSON.stringify(saved.body).includes(PASSWORD), "the password is never returned");
  const read = await admin.get("/api/v1/email/outgoing");
  assert.ok(!JSON.stringify(read.body).includes(PASSWORD));
  const stored = await server.runtime.ctx.pool.query("select smtp_password_enc from mail_settings");
  assert.ok(!String(stored.rows[0].smtp_password_enc).includes(PASSWORD), "stored sealed");
  assert.equal((await admin.get("/api/v1/email/status")).body.relayConfigured, true);
  assert.equal((await new TestClient(server.url).get("/api/v1/public/workspace")).body.emailReady, true);

  const out = await eventually(() => sink.received.find((r) => r.mail.subject?.includes("Amp hums")));
  assert.equal(out.user, "relay-user", "signed in to the relay with the unsealed password");
  assert.deepEqual(out.envelopeTo, ["maria@example.com"]);
  assert.equal(out.mail.from?.value[0]?.address, "help@acme.test");
  assert.match(
    out.mail.text ?? "",
    /Try another cable\.\n\n-- \nAcme Audio support\nhttps:\/\/acme.test\/help/,
  );
  await eventually(async () => {
    const msgs = (await admin.get(`/api/v1/cases/${c.id}/messages?limit=100`)).body.items;
    return msgs.at(-1).email.deliveryStatus === "sent" ? true : undefined;
  });
});

test("saving again without the password keeps it; a test message reaches the sink", async () => {
  const kept = await admin.request("PUT", "/api/v1/email/outgoing", relay({ password: undefined }));
  assert.equal(kept.status, 200, JSON.stringify(kept.body));
  assert.equal(kept.body.relay.passwordSet, true);
  const bad = await admin.post("/api/v1/email/outgoing/test", { to: "not an address" });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, "to");
  const res = await admin.post("/api/v1/email/outgoing/test", { to: "Ops@Acme.test" });
  assert.deepEqual(res.body, { sent: true, error: null });
  const got = await eventually(() => sink.received.find((r) => r.envelopeTo.includes("ops@acme.test")));
  assert.equal(got.mail.subject, "Test message from Acme Audio on Rapport");
  assert.equal(got.mail.from?.value[0]?.name, "Acme Support");
});

test("a test through a misconfigured relay reports the relay's refusal in plain words", async () => {
  await admin.request("PUT", "/api/v1/email/outgoing", relay({ password: "wrong-password" }));
  const wrong = await admin.post("/api/v1/email/outgoing/test", { to: "ops@acme.test" });
  assert.equal(wrong.body.sent, false);
  assert.match(wrong.body.error, /refused the user name or password/);
  const closed = await freePort();
  await admin.request("PUT", "/api/v1/email/outgoing", relay({ port: closed }));
  const refused = await admin.post("/api/v1/email/outgoing/test", { to: "ops@acme.test" });
  assert.equal(refused.body.sent, false);
  assert.match(refused.body.error, new RegExp(`Nothing accepted the connection at 127.0.0.1:${closed}`));
  await admin.request("PUT", "/api/v1/email/outgoing", relay()); // back to working for the next test
});

test("a customer's sign-in link goes out through the workspace relay", async () => {
  const email = uniqueEmail("portal");
  const res = await new TestClient(server.url).post("/api/auth/sign-in/magic-link", {
    email,
    callbackURL: "/portal",
  });
  assert.equal(res.status, 200);
  const mail = await eventually(() => sink.received.find((r) => r.envelopeTo.includes(email)));
  assert.match(mail.mail.text ?? "", /magic-link/);
  assert.equal(mail.mail.from?.value[0]?.address, "help@acme.test");
});

test("clearing the relay puts mail back on the environment's default (none here)", async () => {
  const cleared = await admin.request("PUT", "/api/v1/email/outgoing", { host: null, signature: "Thanks!" });
  assert.equal(cleared.status, 200, JSON.stringify(cleared.body));
  assert.equal(cleared.body.source, "none");
  assert.equal(cleared.body.relay, null);
  assert.equal(cleared.body.signature, "Thanks!");
  assert.equal((await admin.get("/api/v1/email/status")).body.relayConfigured, false);
});
