import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import hoodiecrow from "hoodiecrow-imap";
import type { TestClient } from "../../../test/client.ts";
import { setUpWorkspace } from "../../../test/factories.ts";
import { eventually, freePort, startTestServer, type TestServer } from "../../../test/harness.ts";
import { sendRaw } from "../../../test/mail.ts";

/** A real IMAP peer on loopback (hoodiecrow) holding a team's existing mailbox. */
let server: TestServer;
let admin: TestClient;
let imap: { close: (cb?: () => void) => void };
let imapPort: number;
const shared =
  "From: Sam <sam@example.org>\r\nTo: support@localhost\r\nSubject: Via both routes\r\nMessage-ID: <both-1@example.org>\r\n\r\nSent to the mailbox and forwarded by SMTP.\r\n";
before(async () => {
  imapPort = await freePort();
  const s = hoodiecrow({
    plugins: ["ENABLE", "UIDPLUS"],
    users: { team: { password: "mailbox-pass" } },
    storage: {
      INBOX: {
        messages: [
          {
            raw: "From: Lee <lee@example.org>\r\nTo: help@acme.example\r\nSubject: Only in the mailbox\r\nMessage-ID: <imap-only-1@example.org>\r\n\r\nHello from IMAP.\r\n",
            flags: [],
          },
          { raw: shared, flags: [] },
          {
            raw: "From: Old <old@example.org>\r\nSubject: Already read\r\nMessage-ID: <seen-1@example.org>\r\n\r\nx\r\n",
            flags: ["\\Seen"],
          },
        ],
      },
    },
  });
  await new Promise<void>((r) => s.listen(imapPort, "127.0.0.1", r));
  imap = s;
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
});
after(async () => {
  await server.close();
  imap.close();
});

test("a polled mailbox feeds the same intake: new mail becomes cases, mail also sent by SMTP is kept once", async () => {
  await sendRaw(server.runtime.ctx.config.smtpPort, shared);
  const health = await admin.get("/api/v1/email/health");
  const address = health.body.addresses[0];
  const configured = await admin.request("PUT", `/api/v1/email/addresses/${address.id}/imap`, {
    host: "127.0.0.1",
    port: imapPort,
    secure: false,
    user: "team",
    password: "mailbox-pass",
  });
  assert.equal(configured.status, 204);
  const { rows } = await server.runtime.ctx.pool.query(
    "select imap_password_enc from support_addresses where id = $1",
    [address.id],
  );
  assert.ok(!String(rows[0].imap_password_enc).includes("mailbox-pass"), "the password is stored sealed");

  const polled = await admin.post(`/api/v1/email/addresses/${address.id}/poll`, {});
  assert.deepEqual(
    polled.body,
    { fetched: 2, stored: 1, error: null },
    "the \\Seen message is skipped; the SMTP copy is a duplicate",
  );
  const only = await eventually(
    async () => (await admin.get("/api/v1/cases?status=all&q=Only")).body.items[0],
  );
  assert.equal(only.subject, "Only in the mailbox");
  const both = (await admin.get("/api/v1/cases?status=all&q=routes")).body.items;
  assert.equal(both.length, 1);
  assert.equal((await admin.get(`/api/v1/cases/${both[0].id}/messages`)).body.items.length, 1);

  const again = await admin.post(`/api/v1/email/addresses/${address.id}/poll`, {});
  assert.deepEqual(again.body, { fetched: 0, stored: 0, error: null }, "fetched mail was flagged \\Seen");
  const after = await admin.get("/api/v1/email/health");
  assert.ok(after.body.addresses[0].imap.lastPolledAt);
  assert.equal(after.body.addresses[0].imap.lastError, null);
});

test("a wrong password is reported on the address, not thrown at anyone", async () => {
  const address = (await admin.get("/api/v1/email/health")).body.addresses[0];
  await admin.request("PUT", `/api/v1/email/addresses/${address.id}/imap`, {
    host: "127.0.0.1",
    port: imapPort,
    secure: false,
    user: "team",
    password: "wrong",
  });
  const polled = await admin.post(`/api/v1/email/addresses/${address.id}/poll`, {});
  assert.equal(polled.body.fetched, 0);
  assert.ok(polled.body.error, "the poll says why it failed");
  const health = await admin.get("/api/v1/email/health");
  assert.ok(health.body.addresses[0].imap.lastError);
  const bad = await admin.request("PUT", `/api/v1/email/addresses/${address.id}/imap`, {
    host: "",
    user: "x",
    password: "y",
  });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, "host");
});

test("settings: the password is kept when left out, the mailbox is chosen, and a paused mailbox is not polled", async () => {
  const { id } = (await admin.post("/api/v1/email/addresses", { address: "orders@acme.example" })).body;
  const first = await admin.request("PUT", `/api/v1/email/addresses/${id}/imap`, {
    host: "127.0.0.1",
    port: imapPort,
    secure: false,
    user: "team",
  });
  assert.equal(first.status, 400, "a new mailbox needs its password");
  assert.equal(first.body.error.field, "password");

  const put = (body: object) => admin.request("PUT", `/api/v1/email/addresses/${id}/imap`, body);
  const base = { host: "127.0.0.1", port: imapPort, secure: false, user: "team" };
  assert.equal((await put({ ...base, password: "mailbox-pass", mailbox: "Archive" })).status, 204);
  const addressOf = async () =>
    (await admin.get("/api/v1/email/health")).body.addresses.find((a: { id: string }) => a.id === id);
  const polledMissing = await admin.post(`/api/v1/email/addresses/${id}/poll`, {});
  assert.equal(polledMissing.body.fetched, 0);
  assert.ok(polledMissing.body.error);
  assert.ok((await addressOf()).imap.lastError, "a mailbox that does not exist is reported");

  // Edit without the password: the sealed one stays and still works.
  assert.equal((await put({ ...base, mailbox: "INBOX" })).status, 204);
  const polled = await admin.post(`/api/v1/email/addresses/${id}/poll`, {});
  assert.equal(polled.status, 200);
  const ok = (await addressOf()).imap;
  assert.equal(ok.lastError, null, "the kept password still signs in");
  assert.equal(ok.mailbox, "INBOX");
  assert.equal(ok.enabled, true);
  assert.equal(ok.lastFetched, polled.body.fetched);
  assert.equal(ok.lastStored, polled.body.stored);
  assert.equal(JSON.stringify(ok).includes("mailbox-pass"), false, "the password is never shown");

  assert.equal((await put({ ...base, enabled: false })).status, 204);
  const paused = await addressOf();
  assert.equal(paused.imap.enabled, false, "paused, settings kept");
  assert.equal(paused.imap.host, "127.0.0.1");
  const { rows } = await server.runtime.ctx.pool.query(
    "select count(*)::int as n from support_addresses where imap_host is not null and imap_enabled",
  );
  const before = (await addressOf()).imap.lastPolledAt;
  const { pollAllMailboxes } = await import("./imap.ts");
  await pollAllMailboxes(server.runtime.ctx);
  assert.equal((await addressOf()).imap.lastPolledAt, before, "the schedule skips a paused mailbox");
  assert.equal(rows[0].n, 1, "only the other address is polled on schedule");

  assert.equal((await admin.request("DELETE", `/api/v1/email/addresses/${id}/imap`)).status, 204);
  assert.equal((await addressOf()).imap, null);
});
