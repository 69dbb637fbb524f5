import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { TestClient } from "../../../../test/client.ts";
import { setUpWorkspace, staffClient, uniqueEmail } from "../../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../../test/harness.ts";
import { startSink } from "../../../../test/mail.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { feedbackFixture } from "./notify.fixture.ts";
import { DAY_MS, sweepFeedbackNotices } from "./sweep.ts";
import { feedbackUnsubscribeToken } from "./unsubscribe.ts";

/**
 * Feedback notifications (issue #17) through the real SMTP sink: one email per subscriber per
 * idea per day with every pending change folded in, the one-click unsubscribe, the declined
 * idea's explanation, where a merged idea went, and the reply on linked cases when an idea is
 * done. Ideas and subscriptions are written directly and events emitted in the same
 * transaction, as the core does (see notify.fixture.ts).
 */
let server: TestServer;
let workspaceId: string;
let sink: Awaited<ReturnType<typeof startSink>>;
let agent: TestClient;
let adminUserId: string;
let fx: ReturnType<typeof feedbackFixture>;
before(async () => {
  sink = await startSink();
  server = await startTestServer({ env: { SMTP_URL: sink.url, EMAIL_ACKNOWLEDGEMENT: "" } });
  const setup = await setUpWorkspace(server);
  workspaceId = setup.workspaceId;
  ({ client: agent } = await staffClient(server, "agent"));
  adminUserId = (
    await db()
      .selectFrom("auth.user")
      .select("id")
      .where("email", "=", setup.adminEmail)
      .executeTakeFirstOrThrow()
  ).id;
  fx = feedbackFixture(server, workspaceId);
});
after(async () => {
  await server.close();
  await sink.close();
});

const db = () => server.runtime.ctx.db;
const scope = () => new TenantScope(db(), workspaceId);

async function customer(name: string) {
  const email = uniqueEmail(name.toLowerCase());
  const res = await agent.post("/api/v1/customers", { name, emails: [email] });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { id: res.body.id as string, email };
}

const mailTo = (email: string) => sink.received.filter((r) => r.envelopeTo.includes(email));
/** Waits for the nth email to this address (the prompt sweep runs a few seconds after an event). */
const nthMail = (email: string, n: number) =>
  eventually(() => mailTo(email)[n - 1], 30_000).then((m) => ({ ...m, text: m.mail.text ?? "" }));
const header = (m: { mail: { headerLines: ReadonlyArray<{ key: string; line: string }> } }, key: string) =>
  m.mail.headerLines.find((h) => h.key === key)?.line.replace(/^[^:]+:\s*/, "") ?? "";
const quiet = () => new Promise((r) => setTimeout(r, 1_000));

test("two status changes in a day are one email to each subscriber, labelled as the workspace names them, never to the actor", async () => {
  await scope()
    .insertInto("feedback_settings", { status_labels: JSON.stringify({ planned: "Next up" }) })
    .execute();
  const board = await fx.board("Product");
  const idea = await fx.idea(board, "Dark mode for the app");
  const [ann, bob] = await Promise.all([customer("Ann"), customer("Bob")]);
  await fx.subscribe(idea.id, { customerId: ann.id }, "author");
  await fx.subscribe(idea.id, { customerId: bob.id });
  await fx.subscribe(idea.id, { userId: adminUserId }, "manual");

  await fx.setStatus(idea.id, "under_review", adminUserId);
  await fx.setStatus(idea.id, "planned", adminUserId);
  const mail = await nthMail(ann.email, 1);
  assert.equal(mail.mail.subject, "2 updates on “Dark mode for the app”");
  assert.match(mail.text, /Now Under review \(was Open\)\.[\s\S]*Now Next up \(was Under review\)\./);
  assert.match(mail.text, new RegExp(`/feedback/ideas/${idea.number}-idea`));
  const unsubscribe = header(mail, "list-unsubscribe");
  assert.match(unsubscribe, /^<http:\/\/127\.0\.0\.1:\d+\/api\/v1\/feedback\/unsubscribe\?token=[^>]+>$/);
  assert.equal(header(mail, "list-unsubscribe-post"), "List-Unsubscribe=One-Click");
  assert.ok(mail.text.includes(unsubscribe.slice(1, -1)), "the body carries the same link");
  await nthMail(bob.email, 1);

  await sweepFeedbackNotices(server.runtime.ctx); // as an overlapping scheduled run would
  await quiet();
  assert.equal(mailTo(ann.email).length, 1, "one email, sent once");
  assert.equal(mailTo(bob.email).length, 1);
  const adminMail = await db()
    .selectFrom("outbound_mail")
    .innerJoin("auth.user as u", "u.email", "outbound_mail.to_address")
    .select("outbound_mail.id")
    .where("u.id", "=", adminUserId)
    .where("outbound_mail.subject", "like", "%Dark mode%")
    .execute();
  assert.equal(adminMail.length, 0, "the admin who changed the status is not told of it");
});

test("the next email about an idea waits until 24 hours after the last one, then carries what waited", async () => {
  const board = await fx.board("Mobile");
  const idea = await fx.idea(board, "Offline mode");
  const cat = await customer("Cat");
  await fx.subscribe(idea.id, { customerId: cat.id });

  await fx.setStatus(idea.id, "planned", adminUserId);
  const first = await nthMail(cat.email, 1);
  assert.equal(first.mail.subject, "“Offline mode” is now Next up");
  const sentAt = Date.now();

  await fx.setStatus(idea.id, "in_progress", adminUserId);
  assert.equal((await sweepFeedbackNotices(server.runtime.ctx)).emails, 0, "not again today");
  const nearlyADay = new Date(sentAt + DAY_MS - 3_600_000);
  assert.equal((await sweepFeedbackNotices(server.runtime.ctx, nearlyADay)).emails, 0, "not after 23 hours");
  await quiet();
  assert.equal(mailTo(cat.email).length, 1);

  const nextDay = new Date(sentAt + DAY_MS + 60_000);
  assert.equal((await sweepFeedbackNotices(server.runtime.ctx, nextDay)).emails, 1);
  const second = await nthMail(cat.email, 2);
  assert.equal(second.mail.subject, "“Offline mode” is now In progress");
  assert.doesNotMatch(second.text, /Next up \(was Open\)/, "what was sent is not sent again");
});

test("a declined idea's email carries the explanation; a merged idea's tells its subscribers where it went", async () => {
  const board = await fx.board("Billing");
  const idea = await fx.idea(board, "Pay by cheque");
  const dee = await customer("Dee");
  await fx.subscribe(idea.id, { customerId: dee.id });
  const why =
    "Cheques take weeks to clear and we cannot confirm them automatically.\nBank transfer works in every country we serve.";
  await fx.setStatus(idea.id, "declined", adminUserId, why);
  const declined = await nthMail(dee.email, 1);
  assert.equal(declined.mail.subject, "“Pay by cheque” is now Declined");
  assert.match(
    declined.text,
    /Why we decided this:\n {2}Cheques take weeks to clear[^\n]*\n {2}Bank transfer works/,
  );

  const original = await fx.idea(board, "Invoices in PDF");
  const duplicate = await fx.idea(board, "PDF invoices please");
  const [eve, fay] = await Promise.all([customer("Eve"), customer("Fay")]);
  await fx.subscribe(original.id, { customerId: eve.id }, "author");
  await fx.subscribe(duplicate.id, { customerId: fay.id }, "author");
  await fx.merge(duplicate.id, original.id, adminUserId);
  const merged = await nthMail(fay.email, 1);
  assert.equal(merged.mail.subject, "“PDF invoices please” was merged into “Invoices in PDF”");
  assert.match(merged.text, /“PDF invoices please”, which you followed, was merged into this idea/);
  assert.match(merged.text, new RegExp(`/feedback/ideas/${original.number}-idea`), "links to where it went");
  await quiet();
  assert.equal(mailTo(eve.email).length, 0, "the original's own subscribers are not told of a merge");

  // The original's news now reaches the moved subscriber too, and the official answer with it.
  await fx.officialComment(original.id, adminUserId, "We are building this **now**.");
  const answer = await nthMail(eve.email, 1);
  assert.equal(answer.mail.subject, "Official answer on “Invoices in PDF”");
  assert.match(answer.text, /Official answer from Ada Admin:\n {2}We are building this \*\*now\*\*\./);
});

test("one-click unsubscribe ends that subscription without a session; forged tokens are refused and hostile titles stay text", async () => {
  const board = await fx.board("Apps");
  const hostile = "Dark mode\r\nBcc: victim@example.test\r\n\r\n<script>alert(1)</script>";
  const idea = await fx.idea(board, hostile);
  const gus = await customer("Gus");
  const sub = await fx.subscribe(idea.id, { customerId: gus.id });
  await fx.setStatus(idea.id, "planned", adminUserId);
  const mail = await nthMail(gus.email, 1);
  assert.ok(!/[\r\n]/.test(mail.mail.subject ?? ""), "the subject is one line");
  assert.match(
    mail.mail.subject ?? "",
    /^“Dark mode Bcc: victim@example\.test <script>alert\(1\)<\/script>” is now/,
  );
  assert.ok(!mail.mail.headerLines.some((h) => h.key === "bcc"), "no header was injected");
  assert.ok(!mail.text.includes("\nBcc:"), "nor a line in the body");
  await quiet();
  assert.equal(mailTo("victim@example.test").length, 0);

  const link = new URL(header(mail, "list-unsubscribe").slice(1, -1));
  const token = link.searchParams.get("token") ?? "";
  const stranger = new TestClient(server.url, { origin: null });
  const form = { "content-type": "application/x-www-form-urlencoded" };
  const tampered = `${token.slice(0, -2)}${token.endsWith("A") ? "B" : "A"}`;
  for (const bad of [
    tampered,
    `${workspaceId}.${randomUUID()}.${token.split(".")[2]}`,
    "",
    "x".repeat(1000),
  ]) {
    const page = await stranger.get(`${link.pathname}?token=${encodeURIComponent(bad)}`);
    assert.equal(page.status, 400, `GET with ${bad.slice(0, 20)}`);
    assert.match(String(page.body), /This link does not work/);
    const post = await stranger.post(
      `${link.pathname}?token=${encodeURIComponent(bad)}`,
      "List-Unsubscribe=One-Click",
      form,
    );
    assert.equal(post.status, 400);
    assert.doesNotMatch(String(post.body), /Dark mode|Acme/, "nothing about the idea or the workspace leaks");
  }
  // Genuinely signed, but for a subscription that does not exist: 404, and still nothing named.
  const ghost = feedbackUnsubscribeToken(server.runtime.ctx.secret, workspaceId, randomUUID());
  const gone = await stranger.post(`${link.pathname}?token=${encodeURIComponent(ghost)}`, "", form);
  assert.equal(gone.status, 404);
  const still = await scope()
    .selectFrom("feedback_subscriptions")
    .select("unsubscribed_at")
    .where("id", "=", sub)
    .executeTakeFirstOrThrow();
  assert.equal(still.unsubscribed_at, null, "refused tokens changed nothing");

  const confirm = await stranger.get(link.pathname + link.search);
  assert.equal(confirm.status, 200);
  assert.match(String(confirm.body), /<form method="post"/);
  assert.ok(
    String(confirm.body).includes("&#60;script&#62;alert(1)&#60;/script&#62;"),
    "the title is escaped",
  );
  assert.ok(!String(confirm.body).includes("<script>"));
  const afterGet = await scope()
    .selectFrom("feedback_subscriptions")
    .select("unsubscribed_at")
    .where("id", "=", sub)
    .executeTakeFirstOrThrow();
  assert.equal(afterGet.unsubscribed_at, null, "opening the link (as mail scanners do) unsubscribes nobody");

  for (let i = 0; i < 2; i++) {
    const done = await stranger.post(link.pathname + link.search, "List-Unsubscribe=One-Click", form);
    assert.equal(done.status, 200, "one-click, and again: the same answer");
    assert.match(String(done.body), /You are unsubscribed/);
  }
  const ended = await scope()
    .selectFrom("feedback_subscriptions")
    .select("unsubscribed_at")
    .where("id", "=", sub)
    .executeTakeFirstOrThrow();
  assert.ok(ended.unsubscribed_at);

  await fx.setStatus(idea.id, "in_progress", adminUserId);
  await sweepFeedbackNotices(server.runtime.ctx, new Date(Date.now() + 2 * DAY_MS));
  await quiet();
  assert.equal(mailTo(gus.email).length, 1, "no more email about that idea");
});

test("when an idea is done, each linked case gets one reply on its own thread, recorded on its timeline", async () => {
  const board = await fx.board("Speakers");
  const idea = await fx.idea(board, "Stereo pairing of two speakers");
  const hal = await customer("Hal");
  const opened = await agent.post("/api/v1/cases", {
    customerId: hal.id,
    subject: "Can I pair two speakers?",
    message: "I would love stereo pairing.",
  });
  assert.equal(opened.status, 201, JSON.stringify(opened.body));
  const caseId = opened.body.id as string;
  await fx.linkCase(idea.id, caseId, hal.id);
  // Ivy asked too, then unsubscribed from the idea: her case is not written to.
  const ivy = await customer("Ivy");
  const ivyCase = await agent.post("/api/v1/cases", {
    customerId: ivy.id,
    subject: "Stereo?",
    message: "Two speakers?",
  });
  assert.equal(ivyCase.status, 201);
  await fx.linkCase(idea.id, ivyCase.body.id, ivy.id);
  const ivySub = await fx.subscribe(idea.id, { customerId: ivy.id }, "case");
  await scope()
    .updateTable("feedback_subscriptions")
    .set({ unsubscribed_at: new Date() })
    .where("id", "=", ivySub)
    .execute();

  await fx.setStatus(idea.id, "done", adminUserId, "Pair them in Settings → Speakers → Stereo pair.");
  const reply = await nthMail(hal.email, 1);
  assert.match(
    reply.mail.subject ?? "",
    /Can I pair two speakers\?/,
    "it threads on the case, not as a new email",
  );
  assert.match(
    reply.text,
    /Good news: “Stereo pairing of two speakers”, which you asked us about here, is now done\./,
  );
  assert.match(reply.text, /Settings → Speakers → Stereo pair/);

  const messages = (await agent.get(`/api/v1/cases/${caseId}/messages`)).body.items as Array<{
    kind: string;
    body: string;
    author: { name: string };
  }>;
  const told = messages.filter((m) => m.kind === "reply" && m.body.startsWith("Good news"));
  assert.equal(told.length, 1);
  assert.equal(told[0]?.author.name, "Ada Admin", "signed by who marked it done");
  const timeline = (await agent.get(`/api/v1/cases/${caseId}/timeline`)).body.items as Array<{
    kind: string;
    data: { ideaId?: string };
  }>;
  assert.equal(timeline.filter((e) => e.kind === "idea.done_told" && e.data.ideaId === idea.id).length, 1);

  // Back to in progress and done again, plus overlapping sweeps: still one reply.
  await fx.setStatus(idea.id, "in_progress", adminUserId);
  await fx.setStatus(idea.id, "done", adminUserId);
  await Promise.all([sweepFeedbackNotices(server.runtime.ctx), sweepFeedbackNotices(server.runtime.ctx)]);
  await quiet();
  const again = (await agent.get(`/api/v1/cases/${caseId}/messages`)).body.items as Array<{ body: string }>;
  assert.equal(again.filter((m) => m.body.startsWith("Good news")).length, 1, "told once");
  assert.equal(mailTo(hal.email).length, 1);
  const ivyMessages = (await agent.get(`/api/v1/cases/${ivyCase.body.id}/messages`)).body.items as Array<{
    body: string;
  }>;
  assert.equal(ivyMessages.filter((m) => m.body.startsWith("Good news")).length, 0, "unsubscribed: not told");
  assert.equal(mailTo(ivy.email).length, 0);
});
