import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import { setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../test/harness.ts";
import { startSink } from "../../../test/mail.ts";

let server: TestServer;
let admin: TestClient;
let agent: TestClient;
let sink: Awaited<ReturnType<typeof startSink>>;
before(async () => {
  sink = await startSink();
  server = await startTestServer({ env: { SMTP_URL: sink.url } });
  ({ admin } = await setUpWorkspace(server));
  agent = (await staffClient(server, "agent")).client;
});
after(async () => {
  await server.close();
  await sink.close();
});

async function openCase(subject: string, email: string) {
  const customer = await admin.post("/api/v1/customers", { name: "Maria Gonzalez", emails: [email] });
  const c = await admin.post("/api/v1/cases", { customerId: customer.body.id, subject, message: "Help" });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  return c.body as { id: string; number: number };
}
const mailAbout = (subject: string, prefix = "Re: ") =>
  eventually(() => sink.received.find((r) => r.mail.subject?.startsWith(`${prefix}${subject}`)));

/** A customer signs in through the link in the mail the sink received (a relay is configured). */
async function customerSession(email: string) {
  const client = new TestClient(server.url);
  await client.post("/api/auth/sign-in/magic-link", { email, callbackURL: "/portal" });
  const mail = await eventually(() => sink.received.find((r) => r.envelopeTo.includes(email)));
  const link = new URL(String(mail.mail.text).match(/https?:\/\/\S+/)?.[0] ?? "");
  const opened = await client.get(link.pathname + link.search);
  assert.equal(opened.status, 302);
  return client;
}

test("a reply with CC and BCC reaches all three, BCC stays out of the headers, and the case remembers them", async () => {
  const c = await openCase("Beam drops out", "maria@example.com");
  const res = await agent.post(`/api/v1/cases/${c.id}/messages`, {
    body: "Please update.",
    cc: ["Partner@Example.com"],
    bcc: ["boss@example.org"],
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.deepEqual(res.body.email.cc, ["partner@example.com"]);

  const out = await mailAbout("Beam drops out");
  assert.deepEqual([...out.envelopeTo].sort(), [
    "boss@example.org",
    "maria@example.com",
    "partner@example.com",
  ]);
  assert.match(out.raw.toString(), /^Cc: partner@example\.com/m);
  assert.doesNotMatch(out.raw.toString(), /boss@example\.org/, "a blind copy is not in the headers");

  const remembered = await agent.get(`/api/v1/cases/${c.id}/reply-defaults`);
  assert.deepEqual(remembered.body, { cc: ["partner@example.com"], bcc: ["boss@example.org"] });

  // The next reply without cc/bcc goes to the same people; giving an empty list drops them.
  await agent.post(`/api/v1/cases/${c.id}/messages`, { body: "Did it help?" });
  const second = await eventually(() => sink.received.find((r) => r.mail.text?.includes("Did it help?")));
  assert.equal(second.envelopeTo.length, 3);
  await agent.post(`/api/v1/cases/${c.id}/messages`, { body: "Closing.", cc: [], bcc: [] });
  const third = await eventually(() => sink.received.find((r) => r.mail.text?.includes("Closing.")));
  assert.deepEqual(third.envelopeTo, ["maria@example.com"]);
  assert.deepEqual((await agent.get(`/api/v1/cases/${c.id}/reply-defaults`)).body, { cc: [], bcc: [] });
});

test("copies on a note or a bad address are refused naming the field", async () => {
  const c = await openCase("Copies refused", "copies@example.com");
  const note = await agent.post(`/api/v1/cases/${c.id}/messages`, {
    body: "x",
    kind: "note",
    cc: ["a@example.com"],
  });
  assert.equal(note.status, 400);
  assert.equal(note.body.error.field, "cc");
  const bad = await agent.post(`/api/v1/cases/${c.id}/messages`, { body: "x", bcc: ["not an address"] });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, "bcc.0");
});

test("markdown becomes a sanitised HTML part, and the text part is the markdown", async () => {
  const c = await openCase("Markdown reply", "md@example.com");
  const body =
    "**Update** to [12.5](https://example.com/fw) and [click](javascript:alert(1)) or [old](ftp://example.com/fw)\n\n<b>raw</b>";
  await agent.post(`/api/v1/cases/${c.id}/messages`, { body });
  const out = await mailAbout("Markdown reply");
  const html = String(out.mail.html);
  assert.match(html, /<strong>Update<\/strong>/);
  assert.match(html, /<a href="https:\/\/example.com\/fw"/);
  assert.doesNotMatch(html, /href="javascript:/i, "a javascript: link is not a link");
  assert.doesNotMatch(html, /href="ftp:/i, "the email rules keep only http, https, mailto and cid links");
  assert.doesNotMatch(html, /<b>/, "raw HTML in markdown stays text");
  assert.equal(out.mail.text?.trim(), body);
  const stored = (await agent.get(`/api/v1/cases/${c.id}/messages`)).body.items.at(-1);
  assert.equal(stored.body, body, "the stored message keeps the markdown");
});

test("the agent's signature is appended to email replies, never to notes or the stored body", async () => {
  const { client: dana } = await staffClient(server, "agent");
  assert.deepEqual((await dana.get("/api/v1/me/signature")).body, { body: "" });
  const put = await dana.put("/api/v1/me/signature", { body: "Dana · *Acme Audio support*" });
  assert.equal(put.status, 200);
  assert.equal((await dana.get("/api/v1/me/signature")).body.body, "Dana · *Acme Audio support*");
  assert.equal((await agent.get("/api/v1/me/signature")).body.body, "", "signatures are per agent");

  const c = await openCase("Signed reply", "signed@example.com");
  await dana.post(`/api/v1/cases/${c.id}/messages`, { body: "Internal: call back", kind: "note" });
  await dana.post(`/api/v1/cases/${c.id}/messages`, { body: "Thanks for waiting." });
  const out = await mailAbout("Signed reply");
  assert.match(String(out.mail.text), /Thanks for waiting\.\n\n-- \nDana · \*Acme Audio support\*$/);
  assert.match(String(out.mail.html), /<em>Acme Audio support<\/em>/);
  const messages = (await dana.get(`/api/v1/cases/${c.id}/messages`)).body.items;
  assert.ok(!JSON.stringify(messages).includes("Acme Audio support"), "nothing stored carries it");
  assert.ok(!sink.received.some((r) => r.mail.text?.includes("Internal: call back")), "notes are not mailed");

  const tooLong = await dana.put("/api/v1/me/signature", { body: "x".repeat(5001) });
  assert.equal(tooLong.status, 400);
  assert.equal(tooLong.body.error.field, "body");
});

test("forwarding sends the message with its attachments outside and is internal on the timeline", async () => {
  const customer = await customerSession("fwd-customer@example.com");
  const opened = await customer.post("/api/v1/cases", { subject: "Crackling", message: "It crackles." });
  const caseId = opened.body.id;
  const withFile = await customer.post(`/api/v1/cases/${caseId}/messages`, {
    body: "Here is a recording.",
    attachments: [
      { name: "noise.txt", contentType: "text/plain", dataBase64: Buffer.from("krr").toString("base64") },
    ],
  });
  assert.equal(withFile.status, 201, JSON.stringify(withFile.body));

  const res = await agent.post(`/api/v1/cases/${caseId}/messages/${withFile.body.id}/forward`, {
    to: "Vendor@Example.net",
    note: "Can you hear this?",
  });
  assert.equal(res.status, 202, JSON.stringify(res.body));
  const out = await mailAbout("Crackling", "Fwd: ");
  assert.deepEqual(out.envelopeTo, ["vendor@example.net"]);
  assert.match(
    String(out.mail.text),
    /Can you hear this\?[\s\S]*Forwarded message[\s\S]*Here is a recording\./,
  );
  assert.deepEqual(
    out.mail.attachments.map((a) => [a.filename, a.content.toString()]),
    [["noise.txt", "krr"]],
  );

  const staffTimeline = (await agent.get(`/api/v1/cases/${caseId}/timeline?limit=200`)).body.items;
  const event = staffTimeline.find((e: { kind: string }) => e.kind === "message.forwarded");
  assert.deepEqual(event?.data, {
    messageId: withFile.body.id,
    to: "vendor@example.net",
    note: "Can you hear this?",
  });
  const theirs = await customer.get(`/api/v1/cases/${caseId}/timeline?limit=200`);
  assert.equal(theirs.status, 200);
  assert.ok(!JSON.stringify(theirs.body).includes("vendor@example.net"), "customers never see a forward");

  const byCustomer = await customer.post(`/api/v1/cases/${caseId}/messages/${withFile.body.id}/forward`, {
    to: "x@example.net",
  });
  assert.ok([403, 404].includes(byCustomer.status));
  const missing = await agent.post(`/api/v1/cases/${caseId}/messages/${crypto.randomUUID()}/forward`, {
    to: "x@example.net",
  });
  assert.equal(missing.status, 404);
});
