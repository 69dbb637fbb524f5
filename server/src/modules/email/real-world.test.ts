import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import type { TestClient } from "../../../test/client.ts";
import { setUpWorkspace } from "../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../test/harness.ts";
import { sendRaw } from "../../../test/mail.ts";

/**
 * Mail with the faults real-world senders make (fixtures written for Rapport with the same
 * traits; the non-UTF-8 ones come from fixtures/email/make-real-world.ts), sent through SMTP
 * and checked as an agent sees them through the API.
 */
const FIXTURES = path.resolve(import.meta.dirname, "../../../test/fixtures/email");
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

let server: TestServer;
let admin: TestClient;
let smtpPort: number;
before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
  smtpPort = server.runtime.ctx.config.smtpPort;
});
after(() => server.close());

type Case = { id: string; subject: string; customer: { id: string; name: string } };
type Message = {
  body: string;
  email: { from: string; html: string | null } | null;
  attachments: Array<{ id: string; name: string; contentType: string; cid?: string | null }>;
};
type Event = { kind: string; data: Record<string, unknown> };

const caseWithSubject = (subject: string): Promise<Case> =>
  eventually(async () =>
    (await admin.get("/api/v1/cases?status=all&limit=100")).body.items.find(
      (c: Case) => c.subject === subject,
    ),
  );
const messagesOf = async (caseId: string): Promise<Message[]> =>
  (await admin.get(`/api/v1/cases/${caseId}/messages?limit=100`)).body.items;
const customer = async (id: string) => (await admin.get(`/api/v1/customers/${id}`)).body;
const timelineOf = async (what: "cases" | "customers", id: string): Promise<Event[]> =>
  (await admin.get(`/api/v1/${what}/${id}/timeline?limit=200`)).body.items;
const senderOf = async (caseId: string) =>
  (await timelineOf("cases", caseId)).find((e) => e.kind === "message.added")?.data.sender as
    | { fromHeader: string; fromFallback: string | null }
    | undefined;

/** The processed inbound row of a Message-ID (its status and kind), once processing is done. */
const inbound = (messageId: string) =>
  eventually(async () => {
    const { rows } = await server.runtime.ctx.pool.query(
      "select status, kind, error from inbound_emails where message_id = $1",
      [messageId],
    );
    return rows[0] && rows[0].status !== "received" ? rows[0] : undefined;
  });

/** A customer created by a first mail from `address`, as a bounce would find it. */
async function customerWriting(address: string, subject: string) {
  await sendRaw(
    smtpPort,
    `From: <${address}>\r\nTo: support@localhost\r\nSubject: ${subject}\r\nMessage-ID: <${subject.replace(/\W/g, "")}@example.net>\r\n\r\nHello\r\n`,
  );
  return (await caseWithSubject(subject)).customer.id;
}

describe("charsets that were never declared, or declared wrongly", () => {
  test("an undeclared GB2312 body, with raw GB2312 in Subject and the From name, reads as Chinese", async () => {
    await sendRaw(smtpPort, fixture("gb2312-undeclared.eml"));
    const c = await caseWithSubject("打印机无法连接无线网络");
    assert.equal(c.customer.name, "王小明");
    const [m] = await messagesOf(c.id);
    assert.equal(
      m?.body,
      "您好！\n\n我们上周买的打印机无法连接办公室的无线网络，指示灯一直闪烁。请问应该怎么设置？\n\n谢谢！\n王小明",
    );
  });

  test("raw Shift_JIS in Subject and the From name reads as Japanese", async () => {
    await sendRaw(smtpPort, fixture("shift-jis-headers.eml"));
    const c = await caseWithSubject("プリンターの設定について");
    assert.equal(c.customer.name, "佐藤 花子");
    assert.equal((await messagesOf(c.id))[0]?.body, "プリンターがネットワークに接続できません。");
  });

  test("Shift_JIS inside encoded words labelled ISO-2022-JP reads as Japanese", async () => {
    await sendRaw(smtpPort, fixture("shift-jis-in-iso-2022-jp-word.eml"));
    const c = await caseWithSubject("請求書の再発行について");
    assert.equal(c.customer.name, "鈴木 一郎");
    assert.equal((await messagesOf(c.id))[0]?.body, "先月の請求書を再発行していただけますか。");
  });

  test("valid UTF-8 without a declared charset stays UTF-8", async () => {
    await sendRaw(
      smtpPort,
      Buffer.from(
        "From: Jürgen Groß <juergen@example.de>\r\nTo: support@localhost\r\nSubject: Grüße aus Köln – Störung\r\n" +
          "Message-ID: <utf8-undeclared@example.de>\r\n\r\nDer Lautsprecher knistert. Schöne Grüße, Jürgen\r\n",
      ),
    );
    const c = await caseWithSubject("Grüße aus Köln – Störung");
    assert.equal(c.customer.name, "Jürgen Groß");
    assert.equal((await messagesOf(c.id))[0]?.body, "Der Lautsprecher knistert. Schöne Grüße, Jürgen");
  });
});

describe("senders without a usable From", () => {
  test("no From: Reply-To stands in, and the timeline says so", async () => {
    await sendRaw(smtpPort, fixture("no-from-reply-to.eml"));
    const c = await caseWithSubject("Speaker pairing code lost");
    assert.equal(c.customer.name, "Olivia Park");
    assert.equal((await messagesOf(c.id))[0]?.email?.from, "olivia.park@example.org");
    assert.equal((await senderOf(c.id))?.fromFallback, "reply-to");
  });

  test("two From headers, the first junk: the second one is the sender", async () => {
    await sendRaw(smtpPort, fixture("two-from-first-junk.eml"));
    const c = await caseWithSubject("Warranty extension");
    assert.equal(c.customer.name, "Tomás Ruiz");
    const who = await customer(c.customer.id);
    assert.deepEqual(
      who.identities.map((i: { value: string }) => i.value),
      ["tomas.ruiz@example.es"],
    );
    assert.deepEqual(await senderOf(c.id), { fromHeader: "undisclosed-sender", fromFallback: "second-from" });
  });

  test('"我" <> with a Return-Path: the address comes from Return-Path, the name from From', async () => {
    await sendRaw(smtpPort, fixture("empty-address-return-path.eml"));
    const c = await caseWithSubject("退款申请");
    assert.equal(c.customer.name, "我");
    assert.equal((await messagesOf(c.id))[0]?.email?.from, "zhang.wo@example.cn");
    assert.deepEqual(await senderOf(c.id), { fromHeader: '"我" <>', fromFallback: "return-path" });
  });
});

describe("From headers that split wrongly", () => {
  test("an unquoted comma in the name: one company, and the raw header is kept", async () => {
    await sendRaw(smtpPort, fixture("comma-in-name.eml"));
    const c = await caseWithSubject("Distributor enquiry for the Beam");
    assert.equal(c.customer.name, "Yangzhou ABC Lighting Equipment, LTD");
    assert.equal((await messagesOf(c.id))[0]?.email?.from, "sales@yzabc.example");
    assert.deepEqual(await senderOf(c.id), {
      fromHeader: "Yangzhou ABC Lighting Equipment, LTD <sales@yzabc.example>",
      fromFallback: null,
    });
  });

  test("stray words before the address: the address at the end is the sender", async () => {
    await sendRaw(smtpPort, fixture("stray-words-from.eml"));
    const c = await caseWithSubject("Question from the website form");
    assert.match(c.customer.name, /Karen Miles$/);
    assert.equal((await messagesOf(c.id))[0]?.email?.from, "karen.miles@example.com");
  });
});

describe("delivery reports", () => {
  test("a MAILER-DAEMON bounce without an address is a bounce, not a failure", async () => {
    const customerId = await customerWriting("gone.customer@example.net", "Gone customer first mail");
    await sendRaw(smtpPort, fixture("mailer-daemon-no-address.eml"), { from: "" });
    assert.deepEqual(await inbound("<daemon-1@mx.example.net>"), {
      status: "ignored",
      kind: "bounce",
      error: null,
    });
    const who = await customer(customerId);
    assert.match(who.identities[0].undeliverable, /mailbox unavailable/);
    assert.ok((await timelineOf("customers", customerId)).some((e) => e.kind === "email.bounced"));
  });

  test("a delay notice (Action: delayed, 4.4.7) is recorded and leaves the address deliverable", async () => {
    const customerId = await customerWriting("slow.customer@example.net", "Slow customer first mail");
    await sendRaw(smtpPort, fixture("delay-dsn.eml"), { from: "" });
    await inbound("<delay-1@mx.example.net>");
    const events = await eventually(async () => {
      const items = await timelineOf("customers", customerId);
      return items.some((e) => e.kind === "email.delayed") ? items : undefined;
    });
    const delayed = events.find((e) => e.kind === "email.delayed");
    assert.equal(delayed?.data.address, "slow.customer@example.net");
    assert.match(String(delayed?.data.reason), /timed out/);
    assert.ok(!events.some((e) => e.kind === "email.bounced"), "a delay is not a bounce");
    assert.equal((await customer(customerId)).identities[0].undeliverable, null);
  });
});

describe("attachments", () => {
  test("text/html parts after the body of multipart/mixed are files, not more body", async () => {
    await sendRaw(smtpPort, fixture("html-parts-in-mixed.eml"));
    const c = await caseWithSubject("Order summary and invoice attached");
    const [m] = await messagesOf(c.id);
    assert.equal(m?.body, "The order summary and the invoice are attached. The invoice total is wrong.");
    assert.doesNotMatch(m?.email?.html ?? "", /Order 7781|Invoice 7781/);
    assert.deepEqual(
      m?.attachments.map((a) => [a.name, a.contentType]),
      [
        ["part-2.html", "text/html"],
        ["invoice-7781.html", "text/html"],
      ],
    );
  });

  test("inline images without a file name are named after their Content-ID and type", async () => {
    await sendRaw(smtpPort, fixture("inline-image-cid.eml"));
    const c = await caseWithSubject("Screenshot of the app error");
    const [m] = await messagesOf(c.id);
    assert.deepEqual(
      m?.attachments.map((a) => [a.name, a.contentType, a.cid]),
      [
        ["image001.png", "image/png", "image001.png@01DB3D2A.1F2E3D40"],
        ["ii_m3k9x2.gif", "image/gif", "ii_m3k9x2"],
      ],
    );
  });
});
