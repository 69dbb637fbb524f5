import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import { TestClient } from "../../../test/client.ts";
import { setUpWorkspace, staffClient, uniqueEmail } from "../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../test/harness.ts";
import { sendRaw, startSink } from "../../../test/mail.ts";

/**
 * Telling every affected customer: the owner writes one update and Rapport replies on each
 * linked case through its own channel and thread, signed by the owner, skipping those it
 * must not reach; "fixed" may solve the cases waiting on the problem.
 */
let server: TestServer;
let admin: TestClient;
let agent: TestClient;
let sink: Awaited<ReturnType<typeof startSink>>;
const hooks: Array<{ event: string; data: Record<string, any> }> = [];
const receiver = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    hooks.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
    res.end("ok");
  });
});
before(async () => {
  sink = await startSink();
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  // The receiver lives on loopback, which only an explicit opt-in lets webhooks reach.
  server = await startTestServer({
    env: { SMTP_URL: sink.url, EMAIL_ACKNOWLEDGEMENT: "", WEBHOOK_ALLOW_PRIVATE: "true" },
  });
  ({ admin } = await setUpWorkspace(server));
  ({ client: agent } = await staffClient(server, "agent"));
  const hook = await admin.post("/api/v1/webhooks", {
    url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`,
    events: ["problem.created", "problem.status_changed", "problem.update_sent"],
  });
  assert.equal(hook.status, 201, JSON.stringify(hook.body));
});
after(async () => {
  await server.close();
  await sink.close();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

const db = () => server.runtime.ctx.db;

/** With a relay configured the sign-in link is mailed, so the customer opens it from the sink. */
async function portalCustomer() {
  const email = uniqueEmail("portal");
  const client = new TestClient(server.url);
  await client.post("/api/auth/sign-in/magic-link", { email, callbackURL: "/portal" });
  const mail = await eventually(() => sink.received.find((r) => r.envelopeTo.includes(email)));
  const link = /https?:\/\/\S+/.exec(mail.mail.text ?? "")?.[0] ?? "";
  const url = new URL(link);
  const opened = await client.get(url.pathname + url.search);
  assert.equal(opened.status, 302, "the link signs the customer in");
  return { client };
}

async function emailedCase(address: string, subject: string, messageId: string) {
  const raw = `From: ${address}\r\nTo: support@localhost\r\nSubject: ${subject}\r\nMessage-ID: ${messageId}\r\n\r\nMy speaker shows Error 1013.\r\n`;
  await sendRaw(server.runtime.ctx.config.smtpPort, raw);
  return eventually(async () => {
    const r = await agent.get(`/api/v1/cases?status=all&q=${encodeURIComponent(subject)}`);
    return r.body.items[0] as { id: string; number: number; customerId: string } | undefined;
  });
}

async function apiCase(subject: string) {
  const cu = await agent.post("/api/v1/customers", { name: "Api Person", emails: [uniqueEmail("api")] });
  const c = await agent.post("/api/v1/cases", { customerId: cu.body.id, subject, message: "Error 1013" });
  assert.equal(c.status, 201);
  return c.body as { id: string; number: number; customerId: string };
}

test("one update reaches every linked case in its own thread, signed by the owner, minus the excluded", async () => {
  // The agent writes; the admin owns the problem, so the replies carry the admin's name.
  const members = (await agent.get("/api/v1/members")).body.items as Array<{ id: string; name: string }>;
  const ownerId = members.find((m) => m.name === "Ada Admin")?.id;
  const p = (await agent.post("/api/v1/problems", { title: "Error 1013", ownerId })).body;
  assert.ok(p.id, JSON.stringify(p));

  const emailed = await emailedCase("Kim <kim@example.com>", "Kim 1013", "<kim-1013@example.com>");
  const portal = await portalCustomer();
  const portalCase = (await portal.client.post("/api/v1/cases", { subject: "Portal 1013", message: "1013!" }))
    .body;
  const old = await apiCase("Old closed 1013");
  const bounced = await emailedCase("Bo <bo@example.com>", "Bo 1013", "<bo-1013@example.com>");
  const optedOut = await apiCase("Opted out 1013");
  const ids = [emailed.id, portalCase.id, old.id, bounced.id, optedOut.id];
  assert.equal((await agent.post(`/api/v1/problems/${p.id}/cases`, { caseIds: ids })).status, 200);

  // Closed two months ago; an address that bounced; a customer who asked for no more.
  await sql`update cases set status = 'closed', updated_at = now() - interval '60 days' where id = ${old.id}`.execute(
    db(),
  );
  await sql`update customer_identities set undeliverable = '550 no such user' where value = 'bo@example.com'`.execute(
    db(),
  );
  await sql`insert into problem_opt_outs (workspace_id, problem_id, customer_id)
            select workspace_id, ${p.id}, customer_id from cases where id = ${optedOut.id}`.execute(db());

  const audience = await agent.get(`/api/v1/problems/${p.id}/audience`);
  assert.equal(audience.status, 200);
  assert.equal(audience.body.caseCount, 2);
  assert.equal(audience.body.customerCount, 2);
  const reasons = Object.fromEntries(
    audience.body.excluded.map((e: { caseId: string; reason: string }) => [e.caseId, e.reason]),
  );
  assert.deepEqual(reasons, {
    [old.id]: "closed_long_ago",
    [bounced.id]: "bounced_address",
    [optedOut.id]: "opted_out",
  });

  const body = "A workaround is available: hold the play button for 5 seconds.";
  const sent = await agent.post(`/api/v1/problems/${p.id}/updates`, { body });
  assert.equal(sent.status, 202, JSON.stringify(sent.body));
  assert.equal(sent.body.audienceCount, 2);

  const update = await eventually(async () => {
    const u = (await agent.get(`/api/v1/problems/${p.id}/updates`)).body.items[0];
    return u?.finishedAt ? u : undefined;
  });
  assert.equal(update.sent, 2);
  assert.equal(update.skipped, 3);
  assert.equal(update.pending, 0);
  assert.equal(update.senderName, "Ada Admin");

  for (const id of [emailed.id, portalCase.id]) {
    const messages = (await agent.get(`/api/v1/cases/${id}/messages`)).body.items;
    const replies = messages.filter(
      (m: { kind: string; body: string }) => m.kind === "reply" && m.body === body,
    );
    assert.equal(replies.length, 1, "exactly one reply per case");
    assert.equal(replies[0].author.name, "Ada Admin", "signed by the owner");
  }
  for (const id of [old.id, bounced.id, optedOut.id]) {
    const messages = (await agent.get(`/api/v1/cases/${id}/messages`)).body.items;
    assert.ok(!messages.some((m: { body: string }) => m.body === body), "excluded cases get nothing");
  }
  // Email: in Kim's own thread. Portal: on the request the customer reads.
  const mail = await eventually(() =>
    sink.received.find(
      (r) => r.envelopeTo.includes("kim@example.com") && r.mail.text?.includes("hold the play"),
    ),
  );
  assert.equal(mail.mail.inReplyTo, "<kim-1013@example.com>");
  const portalMessages = await portal.client.get(`/api/v1/cases/${portalCase.id}/messages`);
  assert.ok(portalMessages.body.items.some((m: { body: string }) => m.body === body));

  const events = (await agent.get(`/api/v1/problems/${p.id}/events`)).body.items.map(
    (e: { kind: string }) => e.kind,
  );
  assert.equal(events.filter((k: string) => k === "problem.update_sent").length, 1, "finished once");

  // Webhooks: created, then update_sent once with the counts.
  const created = await eventually(() =>
    hooks.find((h) => h.event === "problem.created" && h.data.problem.id === p.id),
  );
  assert.equal(created.data.problem.title, "Error 1013");
  const done = await eventually(() =>
    hooks.find((h) => h.event === "problem.update_sent" && h.data.problem.id === p.id),
  );
  assert.deepEqual([done.data.update.sent, done.data.update.skipped], [2, 3]);
});

test("on fixed, the cases still waiting are solved, and the customer reopens one by replying", async () => {
  const p = (await agent.post("/api/v1/problems", { title: "Fixed in 12.2" })).body;
  const maria = await portalCustomer();
  const waiting = (await maria.client.post("/api/v1/cases", { subject: "Waiting 1013", message: "1013" }))
    .body;
  const notWaiting = await apiCase("Linked but open");
  await agent.post(`/api/v1/problems/${p.id}/cases`, { caseIds: [waiting.id], wait: true });
  await agent.post(`/api/v1/problems/${p.id}/cases`, { caseIds: [notWaiting.id] });

  const early = await agent.post(`/api/v1/problems/${p.id}/updates`, { body: "Fixed!", solveWaiting: true });
  assert.equal(early.status, 409, "only a fixed problem solves cases");
  assert.equal(early.body.error.field, "solveWaiting");

  await agent.patch(`/api/v1/problems/${p.id}`, { status: "fixed" });
  const changed = await eventually(() =>
    hooks.find((h) => h.event === "problem.status_changed" && h.data.problem.id === p.id),
  );
  assert.deepEqual([changed.data.from, changed.data.to], ["investigating", "fixed"]);
  const preview = await agent.get(`/api/v1/problems/${p.id}/audience`);
  assert.equal(preview.body.waitingCount, 1);
  const sent = await agent.post(`/api/v1/problems/${p.id}/updates`, {
    body: "Firmware 12.2 fixes this.",
    solveWaiting: true,
  });
  assert.equal(sent.status, 202);
  await eventually(async () =>
    (await agent.get(`/api/v1/problems/${p.id}/updates`)).body.items[0]?.finishedAt ? true : undefined,
  );
  assert.equal((await agent.get(`/api/v1/cases/${waiting.id}`)).body.status, "solved");
  assert.equal((await agent.get(`/api/v1/cases/${notWaiting.id}`)).body.status, "open", "only waiting cases");
  const timeline = (await agent.get(`/api/v1/cases/${waiting.id}/timeline`)).body.items;
  assert.ok(
    timeline.some(
      (e: { kind: string; data: { to?: string } }) =>
        e.kind === "case.status_changed" && e.data.to === "solved",
    ),
  );

  const reply = await maria.client.post(`/api/v1/cases/${waiting.id}/messages`, {
    body: "Still broken after 12.2",
  });
  assert.equal(reply.status, 201);
  assert.equal((await agent.get(`/api/v1/cases/${waiting.id}`)).body.status, "open");
});

test("an empty audience finishes at once; a foreign or unknown problem is 404; an empty body is 400", async () => {
  const p = (await agent.post("/api/v1/problems", { title: "Nobody yet" })).body;
  const sent = await agent.post(`/api/v1/problems/${p.id}/updates`, { body: "Hello" });
  assert.equal(sent.body.audienceCount, 0);
  const u = (await agent.get(`/api/v1/problems/${p.id}/updates`)).body.items[0];
  assert.ok(u.finishedAt);
  assert.equal(
    (await agent.post(`/api/v1/problems/${crypto.randomUUID()}/updates`, { body: "x" })).status,
    404,
  );
  const empty = await agent.post(`/api/v1/problems/${p.id}/updates`, { body: "  " });
  assert.equal(empty.status, 400);
  assert.equal(empty.body.error.field, "body");
  assert.equal((await admin.get(`/api/v1/problems/${p.id}/audience`)).status, 200);
});
