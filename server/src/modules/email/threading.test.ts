import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { TestClient } from "../../../test/client.ts";
import { setUpWorkspace } from "../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../test/harness.ts";
import { sendRaw, startSink } from "../../../test/mail.ts";

let server: TestServer;
let admin: TestClient;
let sink: Awaited<ReturnType<typeof startSink>>;
let smtpPort: number;
before(async () => {
  sink = await startSink();
  server = await startTestServer({ env: { SMTP_URL: sink.url } });
  ({ admin } = await setUpWorkspace(server));
  smtpPort = server.runtime.ctx.config.smtpPort;
});
after(async () => {
  await server.close();
  await sink.close();
});

const mail = (h: Record<string, string>, body = "hello") =>
  `${Object.entries({ From: "Maria Gonzalez <maria@example.com>", To: "support@localhost", ...h })
    .map(([k, v]) => `${k}: ${v}`)
    .join("\r\n")}\r\n\r\n${body}\r\n`;

async function caseBySubject(subject: string) {
  return eventually(async () =>
    (await admin.get(`/api/v1/cases?status=all&limit=100`)).body.items.find(
      (c: { subject: string }) => c.subject === subject,
    ),
  );
}
const messagesOf = async (id: string) =>
  (await admin.get(`/api/v1/cases/${id}/messages?limit=100`)).body.items;

test("an agent's reply leaves with threading headers, and the customer's answer lands in the same case", async () => {
  await sendRaw(
    smtpPort,
    mail({ Subject: "Beam drops out", "Message-ID": "<first@example.com>" }, "Every 20 minutes."),
  );
  const c = await caseBySubject("Beam drops out");
  const reply = await admin.post(`/api/v1/cases/${c.id}/messages`, {
    body: "Please update to 12.5.\n\nDana",
  });
  assert.equal(reply.body.email.deliveryStatus, "queued");

  const out = await eventually(() => sink.received.find((r) => r.mail.subject?.includes("Beam drops out")));
  assert.deepEqual(out.envelopeTo, ["maria@example.com"]);
  assert.equal(out.mail.subject, `Re: Beam drops out [#${c.number}]`);
  assert.equal(out.mail.inReplyTo, "<first@example.com>");
  assert.match(String(out.mail.references), /<first@example.com>/);
  assert.match(out.mail.messageId ?? "", /^<[0-9a-f-]{36}@localhost>$/);
  assert.equal(out.mail.from?.value[0]?.name, "Ada Admin at Acme Audio");
  const replyTo = out.mail.replyTo?.value[0]?.address ?? "";
  assert.match(replyTo, /^support\+[a-z0-9]+@localhost$/);
  assert.ok(out.mail.html && out.mail.text, "text and HTML parts");
  await eventually(async () =>
    (await messagesOf(c.id)).at(-1).email.deliveryStatus === "sent" ? true : undefined,
  );

  // 1. Headers: the customer's mail client answers with In-Reply-To.
  await sendRaw(
    smtpPort,
    mail(
      {
        Subject: "Re: Beam drops out",
        "Message-ID": "<second@example.com>",
        "In-Reply-To": out.mail.messageId ?? "",
      },
      "Updated, still drops.",
    ),
  );
  await eventually(async () => ((await messagesOf(c.id)).length === 3 ? true : undefined));

  // 2. Reply token: headers stripped by some mailer, but it went to support+token@.
  await sendRaw(
    smtpPort,
    mail({ Subject: "no headers here", To: replyTo, "Message-ID": "<third@example.com>" }),
    { to: [replyTo] },
  );
  await eventually(async () => ((await messagesOf(c.id)).length === 4 ? true : undefined));

  // 3. [#n] in the subject from a known participant.
  await sendRaw(smtpPort, mail({ Subject: `About [#${c.number}]`, "Message-ID": "<fourth@example.com>" }));
  await eventually(async () => ((await messagesOf(c.id)).length === 5 ? true : undefined));

  // …but [#n] from a stranger opens a new case instead of joining someone else's.
  await sendRaw(
    smtpPort,
    mail({
      From: "stranger@evil.example",
      Subject: `Hijack [#${c.number}]`,
      "Message-ID": "<fifth@example.com>",
    }),
  );
  const hijack = await caseBySubject(`Hijack`);
  assert.notEqual(hijack.id, c.id);

  // A stranger writing into the known thread (e.g. a colleague on CC) is added, flagged.
  await sendRaw(
    smtpPort,
    mail({
      From: "Colleague <colleague@example.com>",
      Subject: "Re: Beam drops out",
      "Message-ID": "<sixth@example.com>",
      References: "<first@example.com>",
    }),
  );
  const flagged = await eventually(async () =>
    (await messagesOf(c.id)).find(
      (m: { email: { from: string } | null }) => m.email?.from === "colleague@example.com",
    ),
  );
  assert.equal(flagged.email.flagged, "unknown_sender");
  assert.equal((await admin.get(`/api/v1/cases/${c.id}`)).body.status, "open");
});

test("a bounce marks the address undeliverable, shows the reason on the case, and is never answered", async () => {
  await sendRaw(
    smtpPort,
    mail({ From: "Den <den@example.net>", Subject: "Router swap", "Message-ID": "<den-1@example.net>" }),
  );
  const c = await caseBySubject("Router swap");
  await admin.post(`/api/v1/cases/${c.id}/messages`, { body: "Could you send a diagnostic?" });
  const out = await eventually(() => sink.received.find((r) => r.mail.subject?.includes("Router swap")));
  const sentBefore = sink.received.length;
  const bounce = [
    "From: Mail Delivery Subsystem <mailer-daemon@mx.example.net>",
    "To: support@localhost",
    "Subject: Delivery Status Notification (Failure)",
    "Message-ID: <bounce-1@mx.example.net>",
    "Auto-Submitted: auto-replied",
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
    "",
    "--b",
    "Content-Type: text/plain",
    "",
    "Your message could not be delivered.",
    "--b",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mx.example.net",
    "",
    "Final-Recipient: rfc822; den@example.net",
    "Action: failed",
    "Status: 5.1.1",
    "Diagnostic-Code: smtp; 550 5.1.1 The email account does not exist",
    "--b",
    "Content-Type: text/rfc822-headers",
    "",
    `Message-ID: ${out.mail.messageId}`,
    "Subject: Re: Router swap",
    "--b--",
    "",
  ].join("\r\n");
  await sendRaw(smtpPort, bounce, { from: "" });
  const event = await eventually(async () =>
    (await admin.get(`/api/v1/cases/${c.id}/timeline`)).body.items.find(
      (e: { kind: string }) => e.kind === "email.bounced",
    ),
  );
  assert.match(event.data.reason, /does not exist/);
  const customer = await admin.get(`/api/v1/customers/${c.customer.id}`);
  assert.match(customer.body.identities[0].undeliverable, /does not exist/);
  assert.equal(
    (await admin.get(`/api/v1/cases/${c.id}/messages`)).body.items.length,
    2,
    "the bounce is not a message",
  );
  const next = await admin.post(`/api/v1/cases/${c.id}/messages`, { body: "Trying again" });
  assert.equal(next.body.email, null, "no mail goes to an undeliverable address");
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(sink.received.length, sentBefore, "nothing was sent in answer to the bounce");
});

test("admins see mail health: addresses, failed parses with a retry, the outbox", async () => {
  const health = await admin.get("/api/v1/email/health");
  assert.equal(health.status, 200);
  assert.equal(health.body.relayConfigured, true);
  assert.equal(health.body.addresses[0].address, "support@localhost");
  assert.ok(health.body.addresses[0].lastReceivedAt);
  await sendRaw(smtpPort, "Subject: no sender at all\r\nMessage-ID: <nofrom@example.com>\r\n\r\nbody\r\n");
  const failed = await eventually(
    async () => (await admin.get("/api/v1/email/health")).body.failedInbound[0],
  );
  assert.match(failed.error, /From/);
  const raw = await fetch(`${server.url}/api/v1/email/inbound/${failed.id}/raw`, {
    headers: { cookie: admin.cookieHeader() },
  });
  assert.match(await raw.text(), /no sender at all/);
  assert.equal((await admin.post(`/api/v1/email/inbound/${failed.id}/retry`, {})).status, 202);
});
