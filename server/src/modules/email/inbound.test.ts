import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
// The page folds quoted history with this; the corpus checks it on real clients' mail.
import { foldText } from "../../../../web/src/features/email/foldText.ts";
import type { TestClient } from "../../../test/client.ts";
import { setUpWorkspace } from "../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../test/harness.ts";
import { sendRaw, smtpClient } from "../../../test/mail.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../../../test/fixtures/email");
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

let server: TestServer;
let admin: TestClient;
let smtpPort: number;
before(async () => {
  server = await startTestServer({ env: { MAX_MESSAGE_BYTES: String(16 * 1024 * 1024) } });
  ({ admin } = await setUpWorkspace(server));
  smtpPort = server.runtime.ctx.config.smtpPort;
});
after(() => server.close());

async function caseWithSubject(subject: string) {
  return eventually(async () => {
    const res = await admin.get(`/api/v1/cases?status=all&limit=100&q=${encodeURIComponent(subject)}`);
    return res.body.items.find((c: { subject: string }) => c.subject === subject);
  });
}
const messagesOf = async (caseId: string) =>
  (await admin.get(`/api/v1/cases/${caseId}/messages?limit=100`)).body.items;

describe("SMTP intake", () => {
  test("a real SMTP client's mail becomes a case from a new customer named by the display name", async () => {
    const info = await smtpClient(smtpPort).sendMail({
      from: '"Sam Lee" <sam.lee@example.org>',
      to: "support@localhost",
      subject: "Guest network question",
      text: "Is there a guest Wi-Fi option on the NetHub?",
    });
    assert.match(info.response, /^250/);
    const c = await caseWithSubject("Guest network question");
    assert.equal(c.channel, "email");
    assert.equal(c.customer.name, "Sam Lee");
    const [m] = await messagesOf(c.id);
    assert.equal(m.body, "Is there a guest Wi-Fi option on the NetHub?");
    assert.equal(m.email.from, "sam.lee@example.org");
    const raw = await fetch(`${server.url}/api/v1/messages/${m.id}/raw`, {
      headers: { cookie: admin.cookieHeader() },
    });
    assert.equal(raw.status, 200);
    assert.match(await raw.text(), /Subject: Guest network question/);
  });

  test("other recipients are refused with 550: Rapport is not a relay", async () => {
    await assert.rejects(
      sendRaw(smtpPort, "Subject: x\r\n\r\nhi", { to: ["someone@elsewhere.example"] }),
      (err: Error & { responseCode?: number }) => err.responseCode === 550,
    );
  });

  test("oversize mail is refused with 552", async () => {
    const big = `Subject: big\r\nMessage-ID: <big@example.com>\r\n\r\n${"x".repeat(17 * 1024 * 1024)}`;
    await assert.rejects(
      sendRaw(smtpPort, big),
      (err: Error & { responseCode?: number }) => err.responseCode === 552,
    );
  });

  test("the same Message-ID delivered twice (SMTP, then the API) yields one message", async () => {
    const raw = fixture("gmail-new.eml");
    await sendRaw(smtpPort, raw);
    await sendRaw(smtpPort, raw);
    const token = (await admin.post("/api/v1/tokens", { name: "mail provider" })).body.token;
    const viaApi = await fetch(`${server.url}/api/v1/inbound/email`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "message/rfc822" },
      body: raw,
    });
    assert.equal(viaApi.status, 202);
    assert.equal((await viaApi.json()).duplicate, true);
    const c = await caseWithSubject("My speakers show Error 1013");
    await new Promise((r) => setTimeout(r, 500));
    assert.equal((await messagesOf(c.id)).length, 1);
    const { rows } = await server.runtime.ctx.pool.query(
      "select count(*)::int as n from inbound_emails where message_id = '<caf=gmail-1a2b3c4d5e@mail.gmail.com>'",
    );
    assert.equal(rows[0].n, 1);
  });
});

describe("content", () => {
  test("charsets and encodings: Gmail quoted-printable, ISO-2022-JP, windows-1252, RFC 2047 words", async () => {
    for (const f of ["iso-2022-jp.eml", "windows-1252-qp.eml"]) await sendRaw(smtpPort, fixture(f));
    const jp = await caseWithSubject("スピーカーが動作しません");
    assert.equal(jp.customer.name, "山田 太郎");
    assert.equal((await messagesOf(jp.id))[0].body, "エラー1013が表示されます。");
    const fr = await caseWithSubject("Problème de son – caisson");
    assert.equal(fr.customer.name, "Renée Dupônt");
    assert.equal((await messagesOf(fr.id))[0].body, "Le caisson de basse grésille – « très fort ».");
    const gmail = await caseWithSubject("My speakers show Error 1013");
    const m = (await messagesOf(gmail.id))[0];
    assert.match(m.body, /Café Wi-Fi works fine/);
    assert.doesNotMatch(m.email.html, /<script|\ssrc="https:/);
    assert.match(
      m.email.html,
      /data-remote-src="https:\/\/tracker\.example\/pixel\.gif"/,
      "remote images wait until an agent asks",
    );
  });

  test("HTML-only mail gets a text body and loses its scripts and javascript: links", async () => {
    await sendRaw(smtpPort, fixture("html-only.eml"));
    const c = await caseWithSubject("HTML only");
    const m = (await messagesOf(c.id))[0];
    assert.match(m.body, /The Beam drops out/);
    assert.doesNotMatch(m.email.html, /javascript:|onclick/);
  });

  test("attachments are stored and typed by their content; a calendar invite keeps its .ics", async () => {
    const png = Buffer.from(
      "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da6364f8cf00000201010020a8f9c30000000049454e44ae426082",
      "hex",
    );
    await smtpClient(smtpPort).sendMail({
      from: "Photo Person <photo@example.com>",
      to: "support@localhost",
      subject: "Photo of the error",
      text: "See attached",
      attachments: [{ filename: "screen.dat", content: png, contentType: "application/octet-stream" }],
    });
    const c = await caseWithSubject("Photo of the error");
    const att = (await messagesOf(c.id))[0].attachments[0];
    assert.equal(att.contentType, "image/png", "sniffed from the bytes, not the sender's label");
    const download = await fetch(`${server.url}/api/v1/attachments/${att.id}`, {
      headers: { cookie: admin.cookieHeader() },
    });
    assert.deepEqual(Buffer.from(await download.arrayBuffer()), png);
    await sendRaw(smtpPort, fixture("calendar-invite.eml"));
    const invite = await caseWithSubject("Meeting: firmware walkthrough");
    assert.equal((await messagesOf(invite.id))[0].attachments[0].name, "invite.ics");
  });

  test("a 10 MB attachment arrives whole", async () => {
    const big = Buffer.alloc(10 * 1024 * 1024, 7);
    await smtpClient(smtpPort).sendMail({
      from: "big@example.com",
      to: "support@localhost",
      subject: "Big log",
      text: "log attached",
      attachments: [{ filename: "big.log", content: big }],
    });
    const c = await caseWithSubject("Big log");
    assert.equal((await messagesOf(c.id))[0].attachments[0].size, big.length);
  });

  test("malformed headers do not lose the message", async () => {
    await sendRaw(smtpPort, fixture("malformed-headers.eml"));
    const found = await eventually(async () => {
      const res = await admin.get("/api/v1/search?q=broken");
      return res.body.customers.length > 0 ? res.body.customers[0] : undefined;
    });
    const cases = await admin.get(`/api/v1/cases?customer=${found.id}&status=all`);
    assert.equal(
      (await messagesOf(cases.body.items[0].id))[0].body,
      "Body survives even when headers are broken.",
    );
  });
});

type Message = {
  id: string;
  body: string;
  email: { from: string; html: string | null; flagged: string | null };
  attachments: Array<{ id: string; name: string; contentType: string; size: number; cid?: string | null }>;
};

/** What the agent sees unfolded (the new text) and what is folded away (the quoted history). */
function folded(body: string) {
  const parts = foldText(body);
  return {
    text: parts
      .filter((p) => p.kind === "text")
      .map((p) => p.text)
      .join("\n"),
    quote: parts
      .filter((p) => p.kind === "quote")
      .map((p) => p.text)
      .join("\n"),
  };
}

async function download(id: string) {
  const res = await fetch(`${server.url}/api/v1/attachments/${id}`, {
    headers: { cookie: admin.cookieHeader() },
  });
  assert.equal(res.status, 200);
  return Buffer.from(await res.arrayBuffer());
}

/** Waits until the case has `count` messages and returns them. */
async function messagesWhen(caseId: string, count: number): Promise<Message[]> {
  return eventually(async () => {
    const items: Message[] = await messagesOf(caseId);
    return items.length >= count ? items : undefined;
  });
}

describe("corpus: replies and forwards from real mail clients", () => {
  test("Gmail: a reply threads by References and folds its quote; a forward opens a new case", async () => {
    await sendRaw(smtpPort, fixture("gmail-new.eml"));
    const original = await caseWithSubject("My speakers show Error 1013");
    await sendRaw(smtpPort, fixture("gmail-reply.eml"));
    const [, reply] = await messagesWhen(original.id, 2);
    assert.ok(reply);
    assert.equal(reply.email.from, "maria.gonzalez@gmail.com");
    const body = folded(reply.body);
    assert.equal(body.text, "The update to 12.5 fixed it, both speakers are fine now. Thank you!");
    assert.match(
      body.quote,
      /^On Sat, Nov 21, 2026 at 10:02\sAM Ada Admin at Acme Audio <\nsupport\+a1b2c3@localhost> wrote:/,
    );
    assert.match(body.quote, /> Please update to 12\.5/, "the quote is kept, only folded");
    assert.match(reply.email.html ?? "", /<blockquote>[\s\S]*Please update to 12\.5/);

    await sendRaw(smtpPort, fixture("gmail-forward.eml"));
    const fwd = await caseWithSubject("Fwd: Your Acme order 55120 has shipped");
    assert.notEqual(fwd.id, original.id, "a forward of a new problem is a new case");
    assert.equal(fwd.customer.id, original.customer.id, "from the customer Maria already is");
    const [m] = await messagesWhen(fwd.id, 1);
    const fwdBody = folded(m?.body ?? "");
    assert.match(fwdBody.text, /tracking link leads nowhere/);
    assert.match(fwdBody.quote, /^-+ Forwarded message -+\nFrom: Acme Store/);
    assert.match(m?.email.html ?? "", /<div data-quote="history">[\s\S]*order 55120/);
  });

  test("Outlook: a reply with Thread-Index, a signature logo and a From:/Sent: block threads and folds", async () => {
    await sendRaw(smtpPort, fixture("outlook-new.eml"));
    const original = await caseWithSubject("Subwoofer will not pair with the Arc");
    assert.equal(original.customer.name, "Kowalski, Jan");
    const [first] = await messagesWhen(original.id, 1);
    assert.match(first?.body ?? "", /^Hello,\n\nOur new Sub Mini will not pair/);
    assert.equal(first?.email.from, "jan.kowalski@contoso.example", "addresses compare in lower case");

    await sendRaw(smtpPort, fixture("outlook-reply.eml"));
    const [, reply] = await messagesWhen(original.id, 2);
    assert.ok(reply);
    const body = folded(reply.body);
    assert.match(
      body.text,
      /^Thanks Ada – holding the button for five seconds did it\./,
      "windows-1252 dash",
    );
    assert.doesNotMatch(body.text, /____|From:|Hold the pair button/);
    assert.match(body.quote, /^_{32}\nFrom: Ada Admin at Acme Audio[\s\S]*Sent: [\s\S]*Hold the pair button/);
    assert.match(
      reply.email.html ?? "",
      /<div dir="ltr" data-quote="history">[\s\S]*Sent:/,
      "Outlook's divRplyFwdMsg is marked as history for the page to fold",
    );
    const [logo] = reply.attachments;
    assert.equal(logo?.name, "image001.png");
    assert.equal(logo?.contentType, "image/png");
    assert.equal(logo?.cid, "image001.png@01DB3C1A.5E6F7A80");
    assert.match(reply.email.html ?? "", /data-cid="image001\.png@01DB3C1A\.5E6F7A80"/);
  });

  test("Outlook: forwards inline (with a PDF) and as an attached message each open a new case", async () => {
    await sendRaw(smtpPort, fixture("outlook-new.eml"));
    const subwoofer = await caseWithSubject("Subwoofer will not pair with the Arc");
    await sendRaw(smtpPort, fixture("outlook-forward.eml"));
    const invoice = await caseWithSubject("FW: Invoice 4471");
    assert.equal(invoice.customer.id, subwoofer.customer.id);
    const [m] = await messagesWhen(invoice.id, 1);
    assert.ok(m);
    const body = folded(m.body);
    assert.match(body.text, /we ordered 10\. Could you send a corrected invoice\?\n\nJan$/);
    assert.match(body.quote, /^_{32}\nFrom: Acme Billing <billing@acme\.example>\nSent:/);
    assert.deepEqual(
      m.attachments.map((a) => [a.name, a.contentType]),
      [["Invoice-4471.pdf", "application/pdf"]],
    );
    assert.match((await download(m.attachments[0]?.id ?? "")).toString("latin1"), /^%PDF-1\.4[\s\S]*%%EOF/);

    await sendRaw(smtpPort, fixture("outlook-forward-attached.eml"));
    const red = await caseWithSubject("FW: Era 100 in reception shows a red light");
    assert.notEqual(
      red.id,
      subwoofer.id,
      "the attached message's own In-Reply-To does not thread the forward into another case",
    );
    const [att] = await messagesWhen(red.id, 1);
    assert.equal(
      att?.body,
      "Forwarding the note from our office manager (attached). Is this a hardware fault?\n\nJan",
    );
    const original = att?.attachments[0];
    assert.equal(original?.name, "Era 100 in reception shows a red light.eml");
    assert.equal(original?.contentType, "message/rfc822");
    assert.match((await download(original?.id ?? "")).toString("utf8"), /steady red light/);
  });

  test("Apple Mail: a reply with a cite blockquote and an inline screenshot threads; a forward opens a case", async () => {
    // Sent back to back, so both are usually applied in one batch: the reply still comes second.
    await sendRaw(smtpPort, fixture("apple-new.eml"));
    await sendRaw(smtpPort, fixture("apple-reply.eml"));
    const original = await caseWithSubject("Era 100 keeps dropping off Wi-Fi");
    assert.equal(original.customer.name, "Marco Rossi");
    const [first, reply] = await messagesWhen(original.id, 2);
    assert.match(first?.body ?? "", /^Hi,\n\nmy Era 100 disappears/, "the original first");
    assert.ok(reply);
    const body = folded(reply.body);
    assert.equal(
      body.text,
      "It dropped again at 23:40 yesterday. The router is a FRITZ!Box 7590, screenshot of its log attached.\n\nMarco",
    );
    assert.match(body.quote, /^> On 21 Nov 2026, at 18:12, Ada Admin .* wrote:\n> \n> Which router/);
    assert.match(reply.email.html ?? "", /<blockquote><div>On 21 Nov 2026, at 18:12/);
    assert.match(reply.email.html ?? "", /FRITZ!Box 7590[\s\S]*Marco/, "both HTML parts around the image");
    assert.deepEqual(
      reply.attachments.map((a) => [a.name, a.contentType, a.size]),
      [["router-log.png", "image/png", 69]],
    );

    await sendRaw(smtpPort, fixture("apple-forward.eml"));
    const fwd = await caseWithSubject("Fwd: Your Acme Audio warranty registration");
    assert.notEqual(fwd.id, original.id);
    assert.equal(fwd.customer.id, original.customer.id);
    const [m] = await messagesWhen(fwd.id, 1);
    const fwdBody = folded(m?.body ?? "");
    assert.match(fwdBody.text, /not covered, but I bought it in October 2026\. What went wrong\?\n\nMarco$/);
    assert.match(fwdBody.quote, /^> Begin forwarded message:[\s\S]*serial RX-4471-0099/);
  });
});

describe("noise", () => {
  test("auto-replies are recorded and never become messages or cases", async () => {
    await sendRaw(smtpPort, fixture("auto-reply.eml"));
    const row = await eventually(async () => {
      const { rows } = await server.runtime.ctx.pool.query(
        "select status, kind from inbound_emails where message_id = '<ooo-0001@example.net>'",
      );
      return rows[0]?.status === "received" ? undefined : rows[0];
    });
    assert.deepEqual(row, { status: "ignored", kind: "auto_reply" });
    const search = await admin.get("/api/v1/cases?status=all&q=Out%20of%20Office");
    assert.equal(search.body.items.length, 0);
  });

  test("the inbound API needs a token and a raw message", async () => {
    const anon = await fetch(`${server.url}/api/v1/inbound/email`, {
      method: "POST",
      headers: { "content-type": "message/rfc822" },
      body: "Subject: x\r\n\r\ny",
    });
    assert.equal(anon.status, 401);
    const token = (await admin.post("/api/v1/tokens", { name: "p" })).body.token;
    const json = await fetch(`${server.url}/api/v1/inbound/email`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: "{}",
    });
    assert.equal(json.status, 400);
    assert.equal((await json.json()).error.field, "content-type");
  });
});
