import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { TestClient } from "../../../test/client.ts";
import { setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../test/harness.ts";
import { sendRaw, startSink } from "../../../test/mail.ts";

/**
 * Bulk and list mail is held out of the inbox, never dropped: an admin sees it under held
 * mail, can download it, promote it to a case or dismiss it.
 */
let server: TestServer;
let admin: TestClient;
let sink: Awaited<ReturnType<typeof startSink>>;
let smtpPort: number;
before(async () => {
  sink = await startSink();
  server = await startTestServer({ env: { SMTP_URL: sink.url, EMAIL_ACKNOWLEDGEMENT: "true" } });
  ({ admin } = await setUpWorkspace(server));
  smtpPort = server.runtime.ctx.config.smtpPort;
});
after(async () => {
  await server.close();
  await sink.close();
});

const mail = (h: Record<string, string>, body = "hello") =>
  `${Object.entries({ To: "support@localhost", ...h })
    .map(([k, v]) => `${k}: ${v}`)
    .join("\r\n")}\r\n\r\n${body}\r\n`;

async function statusOf(messageId: string) {
  return eventually(async () => {
    const { rows } = await server.runtime.ctx.pool.query(
      "select status, kind from inbound_emails where message_id = $1",
      [messageId],
    );
    return rows[0]?.status === "received" || !rows[0] ? undefined : rows[0];
  });
}
const casesAbout = async (word: string) =>
  (
    (await admin.get("/api/v1/cases?status=all&limit=100")).body.items as Array<{
      id: string;
      subject: string;
    }>
  ).filter((c) => c.subject.includes(word));

type Held = { id: string; subject: string; from: string; reason: string; receivedAt: string };

test("a newsletter and list mail from a robot are held for review; auto-replies and people on a list are not", async () => {
  await sendRaw(
    smtpPort,
    mail(
      {
        From: "Gear Weekly <news@gearweekly.example>",
        Subject: "Gear Weekly: ten new amplifiers",
        "Message-ID": "<weekly-1@gearweekly.example>",
        Precedence: "bulk",
      },
      "This week in gear.",
    ),
  );
  await sendRaw(
    smtpPort,
    mail({
      From: "Shop <no-reply@shop.example>",
      Subject: "Your invoice is ready",
      "Message-ID": "<invoice-1@shop.example>",
      "List-Unsubscribe": "<mailto:unsubscribe@shop.example>",
    }),
  );
  // A person writing through a mailing list (a support address that is a group) is a message.
  await sendRaw(
    smtpPort,
    mail({
      From: "Maria Gonzalez <maria@example.com>",
      Subject: "Turntable speed wobbles",
      "Message-ID": "<wobble-1@example.com>",
      "List-Id": "<support.acme.example>",
    }),
  );
  // A vacation reply with Precedence: bulk stays an auto-reply, as before.
  await sendRaw(
    smtpPort,
    mail({
      From: "Den <den@example.net>",
      Subject: "Out of Office: Re: hello",
      "Message-ID": "<ooo-9@example.net>",
      "Auto-Submitted": "auto-replied",
      Precedence: "bulk",
    }),
  );

  assert.deepEqual(await statusOf("<weekly-1@gearweekly.example>"), { status: "held", kind: "bulk" });
  assert.deepEqual(await statusOf("<invoice-1@shop.example>"), { status: "held", kind: "bulk" });
  assert.deepEqual(await statusOf("<wobble-1@example.com>"), { status: "processed", kind: "message" });
  assert.deepEqual(await statusOf("<ooo-9@example.net>"), { status: "ignored", kind: "auto_reply" });
  assert.equal((await casesAbout("Gear Weekly")).length, 0, "held mail opens no case");

  const first = await admin.get("/api/v1/email/held?limit=1");
  assert.equal(first.status, 200);
  assert.equal(first.body.items.length, 1);
  const second = await admin.get(`/api/v1/email/held?limit=1&cursor=${first.body.nextCursor}`);
  const held: Held[] = [...first.body.items, ...second.body.items];
  assert.equal(second.body.nextCursor, null);
  const [invoice, weekly] = held; // newest first
  assert.equal(invoice?.subject, "Your invoice is ready");
  assert.equal(invoice?.from, "no-reply@shop.example");
  assert.equal(invoice?.reason, "List-Unsubscribe from no-reply@shop.example");
  assert.equal(weekly?.subject, "Gear Weekly: ten new amplifiers");
  assert.equal(weekly?.from, "news@gearweekly.example");
  assert.equal(weekly?.reason, "Precedence: bulk");
  assert.ok(Date.parse(weekly?.receivedAt ?? "") > 0);

  const anonymous = await fetch(`${server.url}/api/v1/email/inbound/${weekly?.id}/raw`);
  assert.equal(anonymous.status, 401, "the raw mail is for admins only");
  const own = await admin.get(`/api/v1/email/inbound/${weekly?.id}/raw`);
  assert.equal(own.status, 200);

  // Promote: it becomes a case like a person's message, without an acknowledgement to a robot.
  const promoted = await admin.post(`/api/v1/email/held/${weekly?.id}/promote`, {});
  assert.equal(promoted.status, 200);
  assert.ok(promoted.body.caseId);
  const c = (await admin.get(`/api/v1/cases/${promoted.body.caseId}`)).body;
  assert.equal(c.subject, "Gear Weekly: ten new amplifiers");
  const messages = (await admin.get(`/api/v1/cases/${c.id}/messages`)).body.items;
  assert.equal(messages[0].body, "This week in gear.");
  assert.equal((await admin.post(`/api/v1/email/held/${weekly?.id}/promote`, {})).status, 404, "only once");

  // Dismiss: gone from the list, the raw mail kept.
  assert.equal((await admin.post(`/api/v1/email/held/${invoice?.id}/dismiss`, {})).status, 200);
  assert.deepEqual((await admin.get("/api/v1/email/held")).body.items, []);
  assert.equal((await admin.get(`/api/v1/email/inbound/${invoice?.id}/raw`)).status, 200);
  assert.equal((await admin.post(`/api/v1/email/held/${invoice?.id}/dismiss`, {})).status, 404);

  // Acknowledgements went to Maria's message only.
  await eventually(() =>
    sink.received.some((r) => r.envelopeTo.includes("maria@example.com")) ? true : undefined,
  );
  assert.ok(!sink.received.some((r) => r.envelopeTo.includes("news@gearweekly.example")));
});

test("held mail is for admins, and bad input is a clear 400", async () => {
  const { client: agent } = await staffClient(server, "agent");
  assert.equal((await agent.get("/api/v1/email/held")).status, 403);
  const id = "00000000-0000-4000-8000-000000000000";
  assert.equal((await agent.post(`/api/v1/email/held/${id}/promote`, {})).status, 403);
  assert.equal((await admin.post(`/api/v1/email/held/${id}/promote`, {})).status, 404);
  const badCursor = await admin.get("/api/v1/email/held?cursor=nonsense");
  assert.equal(badCursor.status, 400);
  assert.equal(badCursor.body.error.field, "cursor");
  const badId = await admin.post("/api/v1/email/held/not-a-uuid/dismiss", {});
  assert.equal(badId.status, 400);
  assert.equal(badId.body.error.field, "id");
});
