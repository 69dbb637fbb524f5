import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { TestClient } from "../../../test/client.ts";
import { setUpWorkspace } from "../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../test/harness.ts";
import { sendRaw, startSink } from "../../../test/mail.ts";

let server: TestServer;
let admin: TestClient;
let sink: Awaited<ReturnType<typeof startSink>>;
before(async () => {
  sink = await startSink();
  server = await startTestServer({
    env: {
      SMTP_URL: sink.url,
      EMAIL_ACKNOWLEDGEMENT:
        "We have your request #{{number}} ({{subject}}). A person will answer within one business day.",
      AUTO_MAIL_PER_HOUR: "1",
    },
  });
  ({ admin } = await setUpWorkspace(server));
});
after(async () => {
  await server.close();
  await sink.close();
});

const mail = (from: string, subject: string, id: string, extra = "") =>
  `From: ${from}\r\nTo: support@localhost\r\nSubject: ${subject}\r\nMessage-ID: ${id}\r\n${extra}\r\nHello\r\n`;

test("a new emailed case is acknowledged honestly, threaded, at most once an hour per address", async () => {
  const port = server.runtime.ctx.config.smtpPort;
  await sendRaw(port, mail("Kim <kim@example.com>", "Speaker hum", "<kim-1@example.com>"));
  const ack = await eventually(() => sink.received.find((r) => r.envelopeTo.includes("kim@example.com")));
  assert.match(ack.mail.subject ?? "", /^\[#\d+\] Speaker hum$/);
  assert.match(ack.mail.text ?? "", /within one business day/);
  assert.equal(ack.mail.inReplyTo, "<kim-1@example.com>");
  assert.match(ack.mail.replyTo?.value[0]?.address ?? "", /^support\+\w+@localhost$/);
  assert.equal(ack.mail.headers.get("auto-submitted"), "auto-replied");

  await sendRaw(port, mail("Kim <kim@example.com>", "Second problem", "<kim-2@example.com>"));
  await eventually(async () => (await admin.get("/api/v1/cases?status=all&q=Second")).body.items[0]);
  await new Promise((r) => setTimeout(r, 2500));
  assert.equal(
    sink.received.filter((r) => r.envelopeTo.includes("kim@example.com")).length,
    1,
    "the hourly cap holds",
  );

  // Replying to the acknowledgement threads into the case through the reply token.
  const replyTo = ack.mail.replyTo?.value[0]?.address ?? "";
  await sendRaw(
    port,
    `From: Kim <kim@example.com>\r\nTo: ${replyTo}\r\nSubject: Re: ${ack.mail.subject}\r\nMessage-ID: <kim-3@example.com>\r\nIn-Reply-To: ${ack.mail.messageId}\r\n\r\nMore detail\r\n`,
    { to: [replyTo] },
  );
  const first = (await admin.get("/api/v1/cases?status=all&q=hum")).body.items[0];
  await eventually(async () =>
    (await admin.get(`/api/v1/cases/${first.id}/messages`)).body.items.length === 2 ? true : undefined,
  );
});

test("auto-replies are never acknowledged", async () => {
  const before = sink.received.length;
  await sendRaw(
    server.runtime.ctx.config.smtpPort,
    mail(
      "Robot <robot@example.com>",
      "Automatic reply: away",
      "<robot-1@example.com>",
      "Auto-Submitted: auto-replied\r\n",
    ),
  );
  await new Promise((r) => setTimeout(r, 2500));
  assert.equal(sink.received.length, before);
});
