import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { TestClient } from "../../../../test/client.ts";
import { otherWorkspace, setUpWorkspace, staffClient } from "../../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../../test/harness.ts";
import { sendRaw, startSink } from "../../../../test/mail.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { isSuspended } from "../../surveys/rules.ts";
import { pinConductClock } from "../history/decay.ts";
import { abusiveCustomer, firstMessageId, flag, newCustomer, openCase } from "./conduct.testkit.ts";

const DAY = 86_400_000;
let server: TestServer;
let sink: Awaited<ReturnType<typeof startSink>>;
let admin: TestClient;
let agent: TestClient;
let lead: TestClient;
let workspaceId: string;
let adminId: string;
let agentId: string;
let leadId: string;
let seniorId: string;
const q = async (text: string, params: unknown[] = []) =>
  (await server.runtime.ctx.pool.query(text, params)).rows;

before(async () => {
  sink = await startSink();
  server = await startTestServer({
    env: { SMTP_URL: sink.url, WEBHOOK_ALLOW_PRIVATE: "true", AUTO_MAIL_PER_HOUR: "5" },
  });
  let adminEmail: string;
  ({ admin, workspaceId, adminEmail } = await setUpWorkspace(server));
  const a = await staffClient(server, "agent");
  const l = await staffClient(server, "agent");
  const s = await staffClient(server, "agent");
  agent = a.client;
  lead = l.client;
  const members = (await admin.get("/api/v1/members?limit=100")).body.items as Array<{
    id: string;
    email: string;
  }>;
  const idOf = (email: string) => members.find((m) => m.email === email)?.id ?? "";
  adminId = idOf(adminEmail);
  agentId = idOf(a.email);
  leadId = idOf(l.email);
  seniorId = idOf(s.email);
  const team = await admin.post("/api/v1/teams", {
    name: "Care",
    memberIds: [agentId, leadId, seniorId],
    leadIds: [leadId],
  });
  assert.equal(team.status, 201, JSON.stringify(team.body));
  const hook = await admin.post("/api/v1/webhooks", {
    url: "http://127.0.0.1:9/hooks",
    events: ["conduct.step_taken", "conduct.appeal_received"],
  });
  assert.equal(hook.status, 201, JSON.stringify(hook.body));
});
after(async () => {
  pinConductClock(null);
  await server.close();
  await sink.close();
});

/** A customer signed in by the magic link the sink received (a relay is configured, so it is not logged). */
async function signedInCustomer() {
  const email = `portal-${Date.now()}@example.com`;
  const client = new TestClient(server.url);
  const res = await client.post("/api/auth/sign-in/magic-link", { email, callbackURL: "/portal" });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const mail = await eventually(() => sink.received.find((r) => r.envelopeTo.includes(email)));
  const link = new URL(/https?:\/\/\S+/.exec(mail.mail.text ?? "")?.[0] ?? "");
  assert.equal((await client.get(link.pathname + link.search)).status, 302);
  return client;
}

const deliveries = async (event: string) =>
  (await q("select body from webhook_deliveries where event_type = $1", [event])).map(
    (r) => JSON.parse(r.body).data,
  );

describe("settings", () => {
  test("defaults; admins change them (audited); bad values name the field; agents may not", async () => {
    assert.deepEqual((await admin.get("/api/v1/conduct/settings")).body, {
      halfLifeDays: 90,
      reviewThreshold: 2,
      frustrationRaisesPriority: false,
    });
    for (const [body, field] of [
      [{ halfLifeDays: 0, reviewThreshold: 2, frustrationRaisesPriority: false }, "halfLifeDays"],
      [{ halfLifeDays: 90, reviewThreshold: 0, frustrationRaisesPriority: false }, "reviewThreshold"],
      [{ halfLifeDays: 90, reviewThreshold: 2 }, "frustrationRaisesPriority"],
    ] as const) {
      const res = await admin.put("/api/v1/conduct/settings", body);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.error.field, field);
    }
    const body = { halfLifeDays: 30, reviewThreshold: 1.5, frustrationRaisesPriority: true };
    assert.equal((await agent.put("/api/v1/conduct/settings", body)).status, 403);
    assert.equal((await lead.put("/api/v1/conduct/settings", body)).status, 403, "leads read, admins change");
    const res = await admin.put("/api/v1/conduct/settings", body);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual((await lead.get("/api/v1/conduct/settings")).body, body);
    const audited = await q("select data from audit_log where action = 'conduct.settings_changed'");
    assert.equal(audited.length, 1);
    assert.equal(audited[0].data.from.halfLifeDays, 90);
    const back = await admin.put("/api/v1/conduct/settings", {
      halfLifeDays: 90,
      reviewThreshold: 2,
      frustrationRaisesPriority: false,
    });
    assert.equal(back.status, 200);
  });
});

describe("history, decayed score and the review queue", () => {
  test("the score decays with the half-life; cleared and unconfirmed flags show but weigh nothing", async () => {
    const now = new Date();
    const customerId = await newCustomer(admin, "Dale Decay");
    const mk = async (subject: string, o: { confirmedAt?: Date; cleared?: boolean }) => {
      const c = await openCase(admin, customerId, subject, `${subject}: you idiot`);
      return flag(server, {
        workspaceId,
        customerId,
        caseId: c.id,
        messageId: await firstMessageId(server, c.id),
        ...o,
      });
    };
    await mk("Today", { confirmedAt: now });
    await mk("Ninety days ago", { confirmedAt: new Date(now.getTime() - 90 * DAY) });
    await mk("A hundred and eighty", { confirmedAt: new Date(now.getTime() - 180 * DAY) });
    await mk("Cleared", { cleared: true });
    await mk("Unconfirmed", {});
    pinConductClock(now);
    const res = await admin.get(`/api/v1/customers/${customerId}/conduct`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.score, 1.75, "1 + 1/2 + 1/4");
    assert.equal(res.body.flags.length, 5);
    const byStatus = (s: string) => res.body.flags.filter((f: { status: string }) => f.status === s);
    assert.equal(byStatus("confirmed").length, 3);
    assert.equal(byStatus("cleared")[0].weight, 0);
    assert.equal(byStatus("unconfirmed")[0].weight, 0);
    assert.match(byStatus("cleared")[0].excerpt, /Cleared: you idiot/);
    assert.equal(byStatus("confirmed")[0].signals[0].kind, "insult");
    assert.ok(
      !(await admin.get("/api/v1/conduct/review-queue")).body.items.some(
        (i: { customerId: string }) => i.customerId === customerId,
      ),
      "1.75 is under the threshold of 2",
    );
    // A second abusive message today crosses it; ninety days on, it has faded again.
    await mk("Again today", { confirmedAt: now });
    const queue = (await lead.get("/api/v1/conduct/review-queue")).body;
    const item = queue.items.find((i: { customerId: string }) => i.customerId === customerId);
    assert.equal(item.score, 2.75);
    assert.equal(item.confirmedFlags, 4);
    assert.equal(item.stepInForce, null);
    assert.equal(item.evidence.length, 3);
    pinConductClock(new Date(now.getTime() + 90 * DAY));
    assert.equal((await admin.get(`/api/v1/customers/${customerId}/conduct`)).body.score, 1.375);
    assert.ok(
      !(await admin.get("/api/v1/conduct/review-queue")).body.items.some(
        (i: { customerId: string }) => i.customerId === customerId,
      ),
    );
    pinConductClock(null);
  });

  test("the context shows how we may have failed them: SLA breaches, repeat contacts, negative surveys", async () => {
    const { customerId, cases } = await abusiveCustomer(server, admin, workspaceId, "Fran Failed", 3);
    await q("update cases set sla_breached_at = now() where id = $1", [cases[0]]);
    await q(
      "insert into repeat_contacts (case_id, workspace_id, customer_id, previous_case_id, reason) values ($1, $2, $3, $4, 'reopen')",
      [cases[1], workspaceId, customerId, cases[0]],
    );
    const res = await admin.get(`/api/v1/customers/${customerId}/conduct`);
    assert.equal(res.body.context.slaBreaches, 1);
    assert.equal(res.body.context.repeatContacts, 1);
    assert.match(
      res.body.context.summary,
      /We may have failed this customer: 1 repeat contact\(s\), 1 SLA breach/,
    );
    const item = (await admin.get("/api/v1/conduct/review-queue")).body.items.find(
      (i: { customerId: string }) => i.customerId === customerId,
    );
    assert.deepEqual(item.context, {
      openProblems: 0,
      repeatContacts: 1,
      slaBreaches: 1,
      negativeSurveys: 0,
    });
  });

  test("only managers see histories, the queue, appeals and reports; other workspaces get 404", async () => {
    const { customerId } = await abusiveCustomer(server, admin, workspaceId, "Perm Checked", 1);
    for (const path of [
      `/api/v1/customers/${customerId}/conduct`,
      "/api/v1/conduct/review-queue",
      "/api/v1/conduct/appeals",
      "/api/v1/conduct/reports",
    ]) {
      assert.equal((await agent.get(path)).status, 403, path);
      assert.equal((await lead.get(path)).status, 200, path);
    }
    const customer = await signedInCustomer();
    assert.equal((await customer.get(`/api/v1/customers/${customerId}/conduct`)).status, 403);
    const other = await otherWorkspace(server);
    assert.equal((await other.client.get(`/api/v1/customers/${customerId}/conduct`)).status, 404);
    const step = await other.client.post(`/api/v1/customers/${customerId}/conduct/steps`, {
      kind: "warning",
      reason: "x",
      evidence: ["1"],
    });
    assert.equal(step.status, 404);
    assert.equal(
      (
        await agent.post(`/api/v1/customers/${customerId}/conduct/steps`, {
          kind: "warning",
          reason: "x",
          evidence: ["1"],
        })
      ).status,
      403,
    );
  });
});

describe("the ladder", () => {
  test("a warning: evidence must be this customer's; the notice is emailed on the evidence's case with an appeal link; audited, on the staff timeline, webhook", async () => {
    const email = "wes.warned@example.com";
    const { customerId, evidence, cases } = await abusiveCustomer(
      server,
      admin,
      workspaceId,
      "Wes Warned",
      3,
      new Date(),
      email,
    );
    const stranger = await abusiveCustomer(server, admin, workspaceId, "Someone Else", 1);
    const foreign = await lead.post(`/api/v1/customers/${customerId}/conduct/steps`, {
      kind: "warning",
      reason: "Insults to agents",
      evidence: [evidence[0], stranger.evidence[0]],
    });
    assert.equal(foreign.status, 400, JSON.stringify(foreign.body));
    assert.equal(foreign.body.error.field, "evidence");
    const none = await lead.post(`/api/v1/customers/${customerId}/conduct/steps`, {
      kind: "warning",
      reason: "x",
      evidence: [],
    });
    assert.equal(none.body.error.field, "evidence");
    const noRestriction = await lead.post(`/api/v1/customers/${customerId}/conduct/steps`, {
      kind: "restricted",
      reason: "x",
      evidence,
    });
    assert.equal(noRestriction.body.error.field, "restrictions");
    const badKind = await lead.post(`/api/v1/customers/${customerId}/conduct/steps`, {
      kind: "banned",
      reason: "x",
      evidence,
    });
    assert.equal(badKind.body.error.field, "kind");
    assert.equal(
      (await q("select count(*)::int as n from conduct_steps where customer_id = $1", [customerId]))[0].n,
      0,
    );

    const res = await lead.post(`/api/v1/customers/${customerId}/conduct/steps`, {
      kind: "warning",
      reason: "Two insults to Dana in one week",
      evidence,
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.decidedBy.id, leadId);
    assert.equal(res.body.inForce, true);
    assert.match(res.body.appealUrl, /\/conduct\/appeal\/[A-Za-z0-9_-]{32}$/);
    assert.ok(cases.includes(res.body.noticeCaseId), "sent on the case the evidence came from");
    const [reply] = await q("select body, kind from messages where case_id = $1 and kind = 'reply'", [
      res.body.noticeCaseId,
    ]);
    assert.match(reply.body, /^Dear Wes Warned,/);
    assert.ok(reply.body.includes(res.body.appealUrl));
    const mail = await eventually(() => sink.received.find((r) => r.envelopeTo.includes(email)));
    assert.ok((mail.mail.text ?? "").includes(res.body.appealUrl), "the customer receives it by email");
    const token = res.body.appealUrl.split("/").pop();
    const [stored] = await q("select appeal_token_hash from conduct_steps where id = $1", [res.body.id]);
    assert.notEqual(stored.appeal_token_hash, token, "only the hash is stored");
    assert.equal(stored.appeal_token_hash.length, 64);
    assert.equal(
      (
        await q(
          "select count(*)::int as n from audit_log where action = 'conduct.step_taken' and subject_id = $1",
          [customerId],
        )
      )[0].n,
      1,
    );
    const events = (await admin.get(`/api/v1/customers/${customerId}/timeline`)).body.items.map(
      (e: { kind: string }) => e.kind,
    );
    assert.ok(events.includes("conduct.step_taken"));
    assert.ok(
      (await deliveries("conduct.step_taken")).some((d) => d.stepId === res.body.id && d.kind === "warning"),
    );
    // The queue shows the step that already answers the score.
    const queue = (await admin.get("/api/v1/conduct/review-queue")).body;
    const item = queue.items.find((i: { customerId: string }) => i.customerId === customerId);
    assert.equal(item?.stepInForce?.kind, "warning", JSON.stringify(queue));
  });

  test("a step expires; a manager steps down (audited, the customer told); twice is 409", async () => {
    const { customerId, evidence } = await abusiveCustomer(
      server,
      admin,
      workspaceId,
      "Eve Expiring",
      1,
      new Date(),
      "eve@example.com",
    );
    const res = await admin.post(`/api/v1/customers/${customerId}/conduct/steps`, {
      kind: "restricted",
      reason: "Threats",
      evidence,
      expiresInDays: 7,
      restrictions: { channels: ["email"] },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.match(res.body.notice, /please contact us by email/);
    assert.equal((await agent.get(`/api/v1/customers/${customerId}/conduct/notice`)).body.kind, "restricted");
    pinConductClock(new Date(Date.now() + 8 * DAY));
    assert.equal(
      (await agent.get(`/api/v1/customers/${customerId}/conduct/notice`)).body.kind,
      null,
      "expired",
    );
    assert.equal(
      (await admin.post(`/api/v1/conduct/steps/${res.body.id}/lift`, { reason: "x" })).status,
      409,
    );
    pinConductClock(null);
    const lift = await admin.post(`/api/v1/conduct/steps/${res.body.id}/lift`, {
      reason: "Apologised on the phone",
    });
    assert.equal(lift.status, 200, JSON.stringify(lift.body));
    assert.equal(lift.body.inForce, false);
    assert.equal(lift.body.liftReason, "Apologised on the phone");
    assert.equal((await agent.get(`/api/v1/customers/${customerId}/conduct/notice`)).body.kind, null);
    const replies = await q(
      "select body from messages where case_id = $1 and kind = 'reply' order by created_at",
      [res.body.noticeCaseId],
    );
    assert.equal(replies.length, 2);
    assert.match(replies[1].body, /no longer applies/);
    assert.equal(
      (await admin.post(`/api/v1/conduct/steps/${res.body.id}/lift`, { reason: "again" })).status,
      409,
    );
    assert.equal(
      (await agent.post(`/api/v1/conduct/steps/${res.body.id}/lift`, { reason: "x" })).status,
      403,
    );
    assert.equal(
      (await q("select count(*)::int as n from audit_log where action = 'conduct.step_lifted'"))[0].n,
      1,
    );
  });

  test("restricted: new cases go to the named senior agent; a contact on another channel is kept and answered politely; agents see only the banner facts", async () => {
    const email = "rae.restricted@example.com";
    const { customerId, evidence } = await abusiveCustomer(
      server,
      admin,
      workspaceId,
      "Rae Restricted",
      1,
      new Date(),
      email,
    );
    const bad = await admin.post(`/api/v1/customers/${customerId}/conduct/steps`, {
      kind: "restricted",
      reason: "x",
      evidence,
      restrictions: { channels: ["email"], agentMembershipId: "00000000-0000-4000-8000-000000000000" },
    });
    assert.equal(bad.body.error.field, "restrictions.agentMembershipId");
    const res = await admin.post(`/api/v1/customers/${customerId}/conduct/steps`, {
      kind: "restricted",
      reason: "Insults on the phone line",
      evidence,
      expiresInDays: 30,
      restrictions: { channels: ["email"], agentMembershipId: seniorId },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const banner = (await agent.get(`/api/v1/customers/${customerId}/conduct/notice`)).body;
    assert.deepEqual(Object.keys(banner).sort(), ["agentName", "channels", "expiresAt", "kind"]);
    assert.equal(banner.kind, "restricted");
    assert.deepEqual(banner.channels, ["email"]);
    assert.equal(banner.agentName, "Test agent");
    const phone = await agent.post("/api/v1/cases", {
      customerId,
      subject: "Called again",
      message: "Phone note",
      channel: "phone",
    });
    assert.equal(phone.status, 201, JSON.stringify(phone.body));
    assert.equal(phone.body.assignee?.id, seniorId);
    const [row] = await q("select assignee_id, tags from cases where id = $1", [phone.body.id]);
    assert.equal(row.assignee_id, seniorId);
    assert.ok(row.tags.includes("conduct-restricted"));
    const auto = await eventually(() =>
      sink.received.find(
        (r) => r.envelopeTo.includes(email) && /we have received it and kept it/.test(r.mail.text ?? ""),
      ),
    );
    assert.match(auto.mail.text ?? "", /please contact us by email/);
    // A contact on the allowed channel needs no auto-reply, but still goes to the senior agent.
    const mailCase = await agent.post("/api/v1/cases", {
      customerId,
      subject: "By mail",
      message: "Hello",
      channel: "email",
    });
    assert.equal(mailCase.body.assignee?.id, seniorId);
  });

  test("suspended: their email is accepted and stored, routed to the deciding manager, tagged, auto-replied; surveys skip them", async () => {
    const email = "sam.suspended@example.com";
    const { customerId, evidence } = await abusiveCustomer(
      server,
      admin,
      workspaceId,
      "Sam Suspended",
      3,
      new Date(),
      email,
    );
    const res = await lead.post(`/api/v1/customers/${customerId}/conduct/steps`, {
      kind: "suspended",
      reason: "Repeated threats after a warning",
      evidence,
      expiresInDays: 60,
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    // The cases they already had open went to the manager too, not only the new ones.
    const stillOpen = await q(
      "select assignee_id, tags from cases where customer_id = $1 and status not in ('solved', 'closed')",
      [customerId],
    );
    assert.ok(stillOpen.length > 0);
    for (const c of stillOpen) {
      assert.equal(c.assignee_id, leadId, "an open case of a suspended customer is the manager's");
      assert.ok(c.tags.includes("conduct-suspended"));
    }
    const scope = new TenantScope(server.runtime.ctx.db, workspaceId);
    assert.equal(await isSuspended(scope, customerId), true, "surveys ask this and skip them");
    const other = await newCustomer(admin, "Ordinary Olive");
    assert.equal(await isSuspended(scope, other), false);

    await sendRaw(
      server.runtime.ctx.config.smtpPort,
      `From: Sam <${email}>\r\nTo: support@localhost\r\nSubject: Where is my refund\r\nMessage-ID: <sam-1@example.com>\r\n\r\nI want my refund now.\r\n`,
    );
    const [created] = await eventually(async () => {
      const rows = await q(
        "select c.id, c.assignee_id, c.tags, c.channel from cases c where c.customer_id = $1 and c.subject = 'Where is my refund'",
        [customerId],
      );
      return rows.length ? rows : undefined;
    });
    assert.equal(created.assignee_id, leadId, "to the manager who decided, not an agent");
    assert.ok(created.tags.includes("conduct-suspended"));
    const [msg] = await q("select body from messages where case_id = $1 and kind = 'customer'", [created.id]);
    assert.match(msg.body, /I want my refund now/, "never lost");
    const auto = await eventually(() =>
      sink.received.find((r) => r.envelopeTo.includes(email) && /suspended for now/.test(r.mail.text ?? "")),
    );
    assert.equal(auto.mail.headers.get("auto-submitted"), "auto-replied");
    const events = await q(
      "select data from timeline_events where case_id = $1 and kind = 'conduct.case_routed'",
      [created.id],
    );
    assert.equal(events.length, 1);
  });

  test("ended: the final message carries their data export, and their contacts reach a manager", async () => {
    const email = "ned.ended@example.com";
    const { customerId, evidence } = await abusiveCustomer(
      server,
      admin,
      workspaceId,
      "Ned Ended",
      2,
      new Date(),
      email,
    );
    const res = await admin.post(`/api/v1/customers/${customerId}/conduct/steps`, {
      kind: "ended",
      reason: "Sexual harassment of two agents",
      evidence,
      notice: "Dear {{name}}, we are ending our support relationship.",
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.match(res.body.notice, /^Dear Ned Ended, we are ending/, "the manager's edited text");
    const [reply] = await q("select attachments from messages where case_id = $1 and kind = 'reply'", [
      res.body.noticeCaseId,
    ]);
    const file = reply.attachments[0];
    assert.equal(file.name, "your-data.json");
    const data = JSON.parse((await server.runtime.ctx.files.read(file.key)).toString("utf8"));
    assert.equal(data.profile.name, "Ned Ended");
    assert.equal(data.cases.length, 2);
    assert.ok(data.identities.some((i: { value: string }) => i.value === email));
    assert.ok(data.messages.some((m: { body: string }) => /useless idiot/.test(m.body)));
    const mail = await eventually(() => sink.received.find((r) => r.envelopeTo.includes(email)));
    assert.equal(mail.mail.attachments[0]?.filename, "your-data.json");
    const c = await agent.post("/api/v1/cases", {
      customerId,
      subject: "Hello?",
      message: "Anyone?",
      channel: "web",
    });
    assert.equal(c.body.assignee?.id, adminId);
    assert.equal(await isSuspended(new TenantScope(server.runtime.ctx.db, workspaceId), customerId), true);
  });

  test("merging customers moves their flags, steps and appeals", async () => {
    const a = await abusiveCustomer(server, admin, workspaceId, "Merge Survivor", 1);
    const b = await abusiveCustomer(server, admin, workspaceId, "Merge Duplicate", 1);
    const step = await admin.post(`/api/v1/customers/${b.customerId}/conduct/steps`, {
      kind: "warning",
      reason: "x",
      evidence: b.evidence,
    });
    assert.equal(step.status, 201);
    const merged = await admin.post(`/api/v1/customers/${a.customerId}/merge`, { duplicateId: b.customerId });
    assert.ok([200, 201].includes(merged.status), JSON.stringify(merged.body));
    const res = await admin.get(`/api/v1/customers/${a.customerId}/conduct`);
    assert.equal(res.body.flags.length, 2);
    assert.equal(res.body.steps.length, 1);
  });
});

describe("appeals", () => {
  test("the customer appeals by the link; a different manager gets it and decides; the decider may not; overturned lifts the step", async () => {
    const email = "apu.appeal@example.com";
    const { customerId, evidence } = await abusiveCustomer(
      server,
      admin,
      workspaceId,
      "Apu Appeal",
      2,
      new Date(),
      email,
    );
    const step = await admin.post(`/api/v1/customers/${customerId}/conduct/steps`, {
      kind: "warning",
      reason: "Insults",
      evidence,
    });
    const path = new URL(step.body.appealUrl).pathname;
    const page = await fetch(server.url + path);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<form method="post"/);
    assert.match(html, /Dear Apu Appeal/);
    assert.equal((await fetch(`${server.url}/conduct/appeal/${"x".repeat(32)}`)).status, 404);
    const post = (body: string, headers: Record<string, string> = { "sec-fetch-site": "same-origin" }) =>
      fetch(server.url + path, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
        body: new URLSearchParams({ body }).toString(),
      });
    assert.equal((await post("x", { "sec-fetch-site": "cross-site" })).status, 403, "no cross-site posts");
    assert.equal((await post("   ")).status, 400);
    assert.equal((await post("y".repeat(4001))).status, 400);
    const sent = await post("I was quoting the agent, not insulting them.");
    assert.equal(sent.status, 201);
    assert.equal((await post("again")).status, 409, "one appeal per step");

    const appeals = (await lead.get("/api/v1/conduct/appeals")).body.items;
    const appeal = appeals.find((a: { customerId: string }) => a.customerId === customerId);
    assert.equal(appeal.deciderId, adminId);
    assert.notEqual(appeal.assigneeId, adminId, "a manager other than the one who decided");
    assert.equal(appeal.assigneeId, leadId);
    const notes = await q(
      `select n.kind from staff_notifications n join memberships m on m.user_id = n.recipient_user_id
        where m.id = $1 and n.kind = 'conduct.appeal_received'`,
      [leadId],
    );
    assert.equal(notes.length, 1, "the assignee is notified");
    assert.ok((await deliveries("conduct.appeal_received")).some((d) => d.appealId === appeal.id));

    const decision = { outcome: "overturned", response: "You are right; we have withdrawn the warning." };
    assert.equal(
      (await admin.post(`/api/v1/conduct/appeals/${appeal.id}/decision`, decision)).status,
      403,
      "never the decider",
    );
    assert.equal((await agent.post(`/api/v1/conduct/appeals/${appeal.id}/decision`, decision)).status, 403);
    const bad = await lead.post(`/api/v1/conduct/appeals/${appeal.id}/decision`, {
      outcome: "maybe",
      response: "x",
    });
    assert.equal(bad.body.error.field, "outcome");
    const done = await lead.post(`/api/v1/conduct/appeals/${appeal.id}/decision`, decision);
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.outcome, "overturned");
    const history = (await admin.get(`/api/v1/customers/${customerId}/conduct`)).body;
    assert.equal(history.steps[0].inForce, false);
    assert.match(history.steps[0].liftReason, /Appeal overturned/);
    const replies = await q(
      "select body from messages where case_id = $1 and kind = 'reply' order by created_at",
      [step.body.noticeCaseId],
    );
    assert.equal(replies[replies.length - 1].body, decision.response, "the customer is told");
    assert.equal((await lead.post(`/api/v1/conduct/appeals/${appeal.id}/decision`, decision)).status, 409);
    const audits = await q("select action from audit_log where subject_id = $1 order by id", [customerId]);
    assert.deepEqual(
      audits.map((a) => a.action).filter((a) => a.startsWith("conduct.")),
      ["conduct.step_taken", "conduct.appeal_received", "conduct.step_lifted", "conduct.appeal_decided"],
      "the whole ladder is in the audit log",
    );
  });
});

describe("appeals with a single manager", () => {
  test("with no other manager the appeal stays unassigned, and the decider still may not decide it", async () => {
    const other = await otherWorkspace(server);
    const ws = (
      await q(
        'select m.workspace_id from memberships m join auth."user" u on u.id = m.user_id where u.email = $1',
        [other.email],
      )
    )[0].workspace_id;
    const customerId = await newCustomer(other.client, "Solo Appellant");
    const c = await openCase(other.client, customerId, "Solo", "you idiot");
    const evidence = [
      await flag(server, {
        workspaceId: ws,
        customerId,
        caseId: c.id,
        messageId: await firstMessageId(server, c.id),
        confirmedAt: new Date(),
      }),
    ];
    const step = await other.client.post(`/api/v1/customers/${customerId}/conduct/steps`, {
      kind: "warning",
      reason: "x",
      evidence,
    });
    assert.equal(step.status, 201, JSON.stringify(step.body));
    // The first workspace's managers cannot see or decide it.
    assert.equal((await admin.get(`/api/v1/customers/${customerId}/conduct`)).status, 404);
    const sent = await fetch(server.url + new URL(step.body.appealUrl).pathname, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "same-origin" },
      body: "body=Please+look+again",
    });
    assert.equal(sent.status, 201);
    const [appeal] = (await other.client.get("/api/v1/conduct/appeals")).body.items;
    assert.equal(appeal.assigneeId, null);
    assert.equal(
      (
        await other.client.post(`/api/v1/conduct/appeals/${appeal.id}/decision`, {
          outcome: "overturned",
          response: "ok",
        })
      ).status,
      403,
    );
    assert.equal(
      (
        await admin.post(`/api/v1/conduct/appeals/${appeal.id}/decision`, {
          outcome: "overturned",
          response: "ok",
        })
      ).status,
      404,
      "another workspace's appeal is not found",
    );
  });
});

describe("reports", () => {
  test("flags by month and outcome, time to decision, agents most exposed", async () => {
    const res = await lead.get("/api/v1/conduct/reports");
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const month = new Date().toISOString().slice(0, 7);
    const m = res.body.months.find((x: { month: string }) => x.month === month);
    assert.ok(m.confirmed > 10);
    assert.ok(m.cleared >= 1);
    assert.ok(m.unconfirmed >= 1);
    assert.equal(m.flagged, m.confirmed + m.cleared + m.unconfirmed);
    assert.ok(res.body.decisions >= 5);
    assert.ok(res.body.averageHoursToDecision !== null && res.body.averageHoursToDecision < 1);
    // Abuse on cases assigned to an agent counts toward their exposure.
    const customerId = await newCustomer(admin, "Exposer");
    const c = await openCase(admin, customerId, "Rude", "you idiot", { assigneeId: agentId });
    await flag(server, {
      workspaceId,
      customerId,
      caseId: c.id,
      messageId: await firstMessageId(server, c.id),
      confirmedAt: new Date(),
    });
    const after = (await lead.get("/api/v1/conduct/reports")).body;
    assert.deepEqual(
      after.agentsExposed.find((a: { membershipId: string }) => a.membershipId === agentId)?.abusiveMessages,
      1,
    );
    assert.equal((await lead.get("/api/v1/conduct/reports?from=nope")).body.error.field, "from");
  });
});
