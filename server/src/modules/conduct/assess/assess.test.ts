import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import WebSocket from "ws";
import type { TestClient } from "../../../../test/client.ts";
import {
  customerClient,
  otherWorkspace,
  setUpWorkspace,
  staffClient,
  uniqueEmail,
} from "../../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../../test/harness.ts";
import { sendRaw } from "../../../../test/mail.ts";
import { closeSharedEmbedder } from "../../../platform/text/use-embedder.ts";
import { sweepRepeats } from "../../repeats/sweep.ts";
import { drainAssessments } from "./assess-job.ts";
import { setToneAssessor } from "./tone-seam.ts";

const ABUSIVE = "You are a useless idiot. Fix my speaker now.";
const FRUSTRATED = "I'm furious, this is the third time this update broke my speakers.";
const NEUTRAL = "Thanks, it works.";

let server: TestServer;
let admin: TestClient;
let agent: TestClient;
let agentId: string;
let workspaceId: string;
let smtpPort: number;
const q = (text: string, params: unknown[] = []) => server.runtime.ctx.pool.query(text, params);
const drain = () => drainAssessments(server.runtime.ctx);

before(async () => {
  server = await startTestServer();
  ({ admin, workspaceId } = await setUpWorkspace(server));
  smtpPort = server.runtime.ctx.config.smtpPort;
  const a = await staffClient(server, "agent");
  agent = a.client;
  const members = (await admin.get("/api/v1/members?limit=100")).body.items as Array<{
    id: string;
    email: string;
  }>;
  agentId = members.find((m) => m.email === a.email)?.id ?? "";
});
after(async () => {
  setToneAssessor(null);
  await closeSharedEmbedder();
  await server.close();
});

async function emailCase(subject: string, text: string, from = uniqueEmail("mail")) {
  const raw = [
    `From: "Pat Angry" <${from}>`,
    "To: support@localhost",
    `Subject: ${subject}`,
    `Message-ID: <${Math.random().toString(36).slice(2)}@example.org>`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    text,
  ].join("\r\n");
  await sendRaw(smtpPort, raw);
  const c = await eventually(async () => {
    const res = await admin.get(`/api/v1/cases?status=all&limit=100&q=${encodeURIComponent(subject)}`);
    return res.body.items?.find((x: { subject: string }) => x.subject === subject);
  });
  const messages = (await admin.get(`/api/v1/cases/${c.id}/messages?limit=100`)).body.items;
  return { caseId: c.id as string, customerId: c.customer.id as string, messageId: messages[0].id as string };
}

async function apiCase(subject: string, message: string, extra: Record<string, unknown> = {}) {
  const cu = await admin.post("/api/v1/customers", { name: `Customer ${subject}` });
  assert.equal(cu.status, 201, JSON.stringify(cu.body));
  const res = await admin.post("/api/v1/cases", { customerId: cu.body.id, subject, message, ...extra });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const messages = (await admin.get(`/api/v1/cases/${res.body.id}/messages?limit=100`)).body.items;
  return {
    caseId: res.body.id as string,
    customerId: cu.body.id as string,
    messageId: messages[0].id as string,
    number: res.body.number as number,
  };
}

describe("assessing customers' words off the request path", () => {
  test("an abusive email is assessed by the job; the insult's span is what the agent's view masks", async () => {
    const m = await emailCase("Speaker broken again", ABUSIVE);
    await drain();
    const res = await agent.get(`/api/v1/messages/${m.messageId}/assessment`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.outcome, "abusive");
    assert.equal(res.body.abusive, true);
    assert.equal(res.body.verdict, null);
    assert.ok(res.body.signals.length > 0, "the signals say why");
    assert.ok(!Number.isNaN(Date.parse(res.body.assessedAt)));
    const masked = res.body.maskSpans.map(([s, e]: [number, number]) => ABUSIVE.slice(s, e));
    assert.ok(masked.includes("idiot"), JSON.stringify(masked));
    const list = await agent.get(`/api/v1/cases/${m.caseId}/message-assessments`);
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.body.items.map((i: { messageId: string }) => i.messageId),
      [m.messageId],
    );
    assert.equal(list.body.maskAbuse, true, "masking is on by default");
    // The conversation itself, as staff read it, carries each customer message's assessment.
    const conversation = await agent.get(`/api/v1/cases/${m.caseId}/messages`);
    assert.equal(conversation.status, 200);
    assert.equal(conversation.body.items[0].id, m.messageId);
    assert.equal(conversation.body.items[0].assessment?.outcome, "abusive");
    assert.deepEqual(conversation.body.items[0].assessment?.maskSpans, res.body.maskSpans);
    const { rows } = await q(
      "select customer_id, case_id, model from text_assessments where source_id = $1",
      [m.messageId],
    );
    assert.deepEqual(rows[0]?.customer_id, m.customerId);
    assert.deepEqual(rows[0]?.case_id, m.caseId);
  });

  test("frustration at the product is not abuse, and quoted history is not the customer's words", async () => {
    const f = await apiCase("Update broke speakers", FRUSTRATED);
    const quoted = await emailCase(
      "Follow-up on my order",
      `${NEUTRAL}\n\nOn Mon, 2 Mar 2026 at 10:00, Someone <x@example.org> wrote:\n> you are a useless idiot`,
    );
    await drain();
    const fr = (await agent.get(`/api/v1/messages/${f.messageId}/assessment`)).body;
    assert.equal(fr.outcome, "frustrated");
    assert.equal(fr.abusive, false);
    assert.deepEqual(fr.maskSpans, []);
    assert.equal(
      (await agent.get(`/api/v1/messages/${quoted.messageId}/assessment`)).body.outcome,
      "neutral",
    );
  });

  test("a classifier that throws leaves the message unassessed (outcome null, error kept), not rejected", async () => {
    setToneAssessor(() => {
      throw new Error("model exploded");
    });
    try {
      const m = await apiCase("Classifier down", ABUSIVE);
      await drain();
      const { rows } = await q("select outcome, error from text_assessments where source_id = $1", [
        m.messageId,
      ]);
      assert.equal(rows[0]?.outcome, null);
      assert.match(rows[0]?.error ?? "", /model exploded/);
      assert.equal((await agent.get(`/api/v1/messages/${m.messageId}/assessment`)).status, 404);
      // The message itself is there, untouched.
      const msgs = (await agent.get(`/api/v1/cases/${m.caseId}/messages`)).body.items;
      assert.equal(msgs[0].body, ABUSIVE);
    } finally {
      setToneAssessor(null);
    }
  });

  test("a customer's community post is assessed under the member's customer record", async () => {
    const alice = await customerClient(server, uniqueEmail("alice"));
    const cat = await admin.post("/api/v1/community/categories", { name: "Speakers", visibility: "public" });
    assert.equal(cat.status, 201, JSON.stringify(cat.body));
    const me = await alice.client.get("/api/v1/community/me");
    await q("update community_members set trust_level = 2 where id = $1", [me.body.id ?? me.body.member?.id]);
    const topic = await alice.client.post("/api/v1/community/topics", {
      categoryId: cat.body.id,
      kind: "question",
      title: "Speaker drops off the wifi",
      body: "Moderators here, you are a useless idiot bunch.",
    });
    assert.equal(topic.status, 201, JSON.stringify(topic.body));
    await drain();
    const { rows } = await q(
      `select a.outcome, a.customer_id, cm.customer_id as member_customer
         from text_assessments a join community_posts p on p.id = a.source_id
         join community_members cm on cm.id = p.author_member_id
        where a.source = 'community_post' and p.topic_id = $1`,
      [topic.body.id],
    );
    assert.equal(rows.length, 1);
    assert.equal(rows[0].outcome, "abusive");
    assert.ok(rows[0].customer_id, "the member's customer record");
    assert.equal(rows[0].customer_id, rows[0].member_customer);
  });

  test("a call's note (the customer's words as the agent wrote them down) is assessed too", async () => {
    const call = await admin.post("/api/v1/calls", { from: "+14155550142", to: "100" });
    assert.equal(call.status, 201, JSON.stringify(call.body));
    const end = await admin.post(`/api/v1/calls/${call.body.callId}/end`, {
      durationSeconds: 95,
      note: 'Caller said: "you are a useless idiot, put someone competent on".',
    });
    assert.equal(end.status, 200, JSON.stringify(end.body));
    const quiet = await admin.post("/api/v1/calls", { from: "+14155550143", to: "100" });
    await admin.post(`/api/v1/calls/${quiet.body.callId}/end`, { note: "Reset the router, all good now." });
    await drain();
    const { rows } = await q(
      "select source_id, outcome, customer_id from text_assessments where source = 'call_note' and source_id = any($1::uuid[])",
      [[call.body.callId, quiet.body.callId]],
    );
    const by = new Map(rows.map((r) => [r.source_id, r]));
    assert.equal(by.get(call.body.callId)?.outcome, "abusive");
    assert.ok(by.get(call.body.callId)?.customer_id, "under the caller's customer record");
    assert.equal(by.get(quiet.body.callId)?.outcome, "neutral");
  });
});

describe("an agent's verdict", () => {
  test("clearing a wrong flag and confirming abuse: one click each, audited, on the staff timeline", async () => {
    const m = await emailCase("Verdicts please", ABUSIVE);
    await drain();
    const cleared = await agent.post(`/api/v1/messages/${m.messageId}/abuse`, { verdict: "not_abusive" });
    assert.equal(cleared.status, 200, JSON.stringify(cleared.body));
    assert.equal(cleared.body.outcome, "abusive", "the classifier's word is kept beside the person's");
    assert.equal(cleared.body.verdict, "not_abusive");
    assert.equal(cleared.body.abusive, false);
    const confirmed = await agent.post(`/api/v1/messages/${m.messageId}/abuse`, { verdict: "abusive" });
    assert.equal(confirmed.body.verdict, "abusive");
    assert.equal(confirmed.body.abusive, true);
    assert.equal((await agent.get(`/api/v1/messages/${m.messageId}/assessment`)).body.verdict, "abusive");
    const { rows: audits } = await q(
      "select action from audit_log where subject_id = $1 and subject_type = 'message' order by id",
      [m.messageId],
    );
    assert.deepEqual(
      audits.map((a) => a.action),
      ["message.abuse_cleared", "message.abuse_confirmed"],
    );
    const { rows: by } = await q("select verdict_by from text_assessments where source_id = $1", [
      m.messageId,
    ]);
    assert.equal(by[0]?.verdict_by, agentId);
    const timeline = (await agent.get(`/api/v1/cases/${m.caseId}/timeline`)).body.items as Array<{
      kind: string;
      data: { messageId: string };
    }>;
    const kinds = timeline.map((e) => e.kind);
    assert.ok(
      kinds.includes("message.abuse_cleared") && kinds.includes("message.abuse_confirmed"),
      kinds.join(),
    );
  });

  test("a never-assessed message gets its row from the verdict alone", async () => {
    const m = await apiCase("Not yet assessed", "Please call me back.");
    await q("delete from assessment_queue where source_id = $1", [m.messageId]);
    await q("delete from text_assessments where source_id = $1", [m.messageId]);
    assert.equal((await agent.get(`/api/v1/messages/${m.messageId}/assessment`)).status, 404);
    const res = await agent.post(`/api/v1/messages/${m.messageId}/abuse`, { verdict: "abusive" });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.outcome, null);
    assert.equal(res.body.abusive, true);
  });

  test("bad input names the field; a staff reply cannot be marked; unknown ids are 404", async () => {
    const m = await apiCase("Bad verdicts", NEUTRAL);
    for (const body of [{ verdict: "rude" }, {}, { verdict: "abusive", extra: 1 }]) {
      const res = await agent.post(`/api/v1/messages/${m.messageId}/abuse`, body);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.error.field, "extra" in body ? "extra" : "verdict");
    }
    const reply = await agent.post(`/api/v1/cases/${m.caseId}/messages`, {
      kind: "reply",
      body: "Glad to hear!",
    });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    const onReply = await agent.post(`/api/v1/messages/${reply.body.id}/abuse`, { verdict: "abusive" });
    assert.equal(onReply.status, 409);
    // Engineers read cases (and the flags) but do not change them.
    const { client: engineer } = await staffClient(server, "engineer");
    await drain();
    assert.equal((await engineer.get(`/api/v1/messages/${m.messageId}/assessment`)).status, 200);
    assert.equal(
      (await engineer.post(`/api/v1/messages/${m.messageId}/abuse`, { verdict: "abusive" })).status,
      403,
    );
    assert.equal((await engineer.post(`/api/v1/cases/${m.caseId}/hand-to-lead`, {})).status, 403);
    assert.equal(
      (
        await agent.post(`/api/v1/messages/00000000-0000-4000-8000-000000000000/abuse`, {
          verdict: "abusive",
        })
      ).status,
      404,
    );
  });
});

describe("who sees assessments", () => {
  test("customers never see them (403 even on their own message); other workspaces get 404", async () => {
    const maria = await customerClient(server, uniqueEmail("maria"));
    const opened = await maria.client.post("/api/v1/cases", { subject: "Portal rant", message: ABUSIVE });
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    const msgs = (await maria.client.get(`/api/v1/cases/${opened.body.id}/messages`)).body.items;
    const id = msgs[0].id;
    await drain();
    assert.equal((await agent.get(`/api/v1/messages/${id}/assessment`)).body.outcome, "abusive");
    assert.equal((await maria.client.get(`/api/v1/messages/${id}/assessment`)).status, 403);
    assert.equal((await maria.client.get(`/api/v1/cases/${opened.body.id}/message-assessments`)).status, 403);
    assert.equal(
      (await maria.client.post(`/api/v1/messages/${id}/abuse`, { verdict: "not_abusive" })).status,
      403,
    );
    assert.equal((await maria.client.post(`/api/v1/messages/${id}/reveal`, {})).status, 403);
    assert.equal((await maria.client.post(`/api/v1/cases/${opened.body.id}/hand-to-lead`, {})).status, 403);
    assert.equal((await maria.client.get("/api/v1/me/conduct-preferences")).status, 403);
    // The portal's own reads carry no assessment, and the verdict's timeline event is staff only.
    await agent.post(`/api/v1/messages/${id}/abuse`, { verdict: "abusive" });
    assert.equal(JSON.stringify(msgs).includes("assessment"), false);
    const theirs = await maria.client.get(`/api/v1/cases/${opened.body.id}/timeline`);
    assert.equal(theirs.status, 200);
    assert.equal(
      theirs.body.items.some((e: { kind: string }) => e.kind.startsWith("message.abuse")),
      false,
    );
    const ours = (await agent.get(`/api/v1/cases/${opened.body.id}/timeline`)).body.items;
    assert.ok(ours.some((e: { kind: string }) => e.kind === "message.abuse_confirmed"));
    const other = await otherWorkspace(server);
    assert.equal((await other.client.get(`/api/v1/messages/${id}/assessment`)).status, 404);
    assert.equal(
      (await other.client.post(`/api/v1/messages/${id}/abuse`, { verdict: "abusive" })).status,
      404,
    );
    assert.equal((await other.client.get(`/api/v1/cases/${opened.body.id}/message-assessments`)).status, 404);
    assert.equal((await other.client.post(`/api/v1/messages/${id}/reveal`, {})).status, 404);
  });
});

describe("masking", () => {
  test("each agent can turn masking off for themselves; a reveal is recorded in the audit log", async () => {
    assert.deepEqual((await agent.get("/api/v1/me/conduct-preferences")).body, { maskAbuse: true });
    const bad = await agent.put("/api/v1/me/conduct-preferences", { maskAbuse: "no" });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "maskAbuse");
    const off = await agent.put("/api/v1/me/conduct-preferences", { maskAbuse: false });
    assert.deepEqual(off.body, { maskAbuse: false });
    assert.deepEqual((await agent.get("/api/v1/me/conduct-preferences")).body, { maskAbuse: false });
    // Only for this agent: the admin still has it on.
    assert.deepEqual((await admin.get("/api/v1/me/conduct-preferences")).body, { maskAbuse: true });
    const m = await apiCase("Reveal me", ABUSIVE);
    await drain();
    assert.equal((await agent.get(`/api/v1/cases/${m.caseId}/message-assessments`)).body.maskAbuse, false);
    await agent.put("/api/v1/me/conduct-preferences", { maskAbuse: true });

    const revealed = await admin.post(`/api/v1/messages/${m.messageId}/reveal`, {});
    assert.equal(revealed.status, 200, JSON.stringify(revealed.body));
    const { rows } = await q(
      `select a.action, u.email from audit_log a join auth."user" u on u.id = a.actor_user_id
        where a.subject_id = $1 and a.action = 'message.abuse_revealed'`,
      [m.messageId],
    );
    assert.equal(rows.length, 1);
  });
});

describe("frustration is not a penalty", () => {
  test("with the option on, the first frustrated message raises the open case one step, by the system", async () => {
    const off = await apiCase("Option off", FRUSTRATED);
    await drain();
    assert.equal((await agent.get(`/api/v1/cases/${off.caseId}`)).body.priority, "normal", "off by default");

    await q(
      `insert into conduct_settings (workspace_id, frustration_raises_priority) values ($1, true)
       on conflict (workspace_id) do update set frustration_raises_priority = true`,
      [workspaceId],
    );
    try {
      const tom = await customerClient(server, uniqueEmail("tom"));
      const opened = await tom.client.post("/api/v1/cases", {
        subject: "Third time broken",
        message: FRUSTRATED,
      });
      assert.equal(opened.status, 201, JSON.stringify(opened.body));
      const c = { caseId: opened.body.id as string, customerId: opened.body.customer.id as string };
      const calm = await apiCase("Calm question", NEUTRAL);
      await drain();
      assert.equal((await agent.get(`/api/v1/cases/${c.caseId}`)).body.priority, "high");
      assert.equal((await agent.get(`/api/v1/cases/${calm.caseId}`)).body.priority, "normal");
      const timeline = (await agent.get(`/api/v1/cases/${c.caseId}/timeline`)).body.items as Array<{
        kind: string;
        actor: { id: string | null; name: string } | null;
        data: { from: string; to: string };
      }>;
      const raised = timeline.find((e) => e.kind === "case.priority_changed");
      assert.deepEqual(raised?.data, { from: "normal", to: "high" });
      assert.equal(raised?.actor?.id ?? null, null, "done by the system, not a person");
      // A second angry message does not keep climbing to urgent on tone alone.
      const more = await tom.client.post(`/api/v1/cases/${c.caseId}/messages`, {
        body: "This is unacceptable, I'm furious.",
      });
      assert.equal(more.status, 201, JSON.stringify(more.body));
      await drain();
      const second = await agent.get(`/api/v1/messages/${more.body.id}/assessment`);
      assert.equal(second.body.outcome, "frustrated");
      assert.equal((await agent.get(`/api/v1/cases/${c.caseId}`)).body.priority, "high");
      // It counts toward the at-risk score as a reason of its own.
      await sweepRepeats(server.runtime.ctx, { workspaceId });
      const risk = await agent.get(`/api/v1/customers/${c.customerId}/risk`);
      assert.equal(risk.status, 200, JSON.stringify(risk.body));
      const reason = risk.body.reasons.find((r: { kind: string }) => r.kind === "frustrated");
      assert.ok(reason, JSON.stringify(risk.body.reasons));
      assert.ok(
        reason.points > 0 && reason.points < 50,
        "a small weight: alone it never makes a customer at risk",
      );
    } finally {
      await q("update conduct_settings set frustration_raises_priority = false where workspace_id = $1", [
        workspaceId,
      ]);
    }
  });
});

describe("hand to a lead", () => {
  test("goes to the team's least loaded lead in one step, on the timeline, with a notice to the lead", async () => {
    const lead = await staffClient(server, "agent");
    const members = (await admin.get("/api/v1/members?limit=100")).body.items as Array<{
      id: string;
      email: string;
      userId?: string;
    }>;
    const leadId = members.find((m) => m.email === lead.email)?.id ?? "";
    const team = await admin.post("/api/v1/teams", { name: "Speakers desk", memberIds: [agentId, leadId] });
    assert.equal(team.status, 201, JSON.stringify(team.body));
    const teamId = team.body.items.find((t: { name: string }) => t.name === "Speakers desk").id;
    await q("update team_members set is_lead = true where team_id = $1 and membership_id = $2", [
      teamId,
      leadId,
    ]);
    const c = await apiCase("Rather not continue", ABUSIVE, { assigneeId: agentId, teamId });
    const res = await agent.post(`/api/v1/cases/${c.caseId}/hand-to-lead`, {});
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.assigneeId, leadId);
    assert.equal((await agent.get(`/api/v1/cases/${c.caseId}`)).body.assignee?.id ?? null, leadId);
    const kinds = (
      (await agent.get(`/api/v1/cases/${c.caseId}/timeline`)).body.items as Array<{ kind: string }>
    ).map((e) => e.kind);
    assert.ok(kinds.includes("case.handed_to_lead") && kinds.includes("case.assigned"), kinds.join());
    const bell = await eventually(async () => {
      const n = (await lead.client.get("/api/v1/notifications?limit=20")).body.items as Array<{
        title: string;
      }>;
      return n?.find((x) => x.title.includes(`#${c.number}`));
    });
    assert.match(bell.title, /handed you case/);
  });

  test("a case with no team goes to an admin; 409 when nobody but the caller could take it", async () => {
    const c = await apiCase("No team here", NEUTRAL, { assigneeId: agentId });
    const res = await agent.post(`/api/v1/cases/${c.caseId}/hand-to-lead`, {});
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.assigneeName, "Ada Admin");
    const again = await admin.post(`/api/v1/cases/${c.caseId}/hand-to-lead`, {});
    assert.equal(again.status, 409, JSON.stringify(again.body));
  });
});

describe("the evaluation set's export", () => {
  test("admins get JSON lines of text, outcome, verdict and signals, paged by cursor; agents may not", async () => {
    await drain();
    assert.equal((await agent.get("/api/v1/conduct/assessments/export")).status, 403);
    const res = await fetch(`${server.url}/api/v1/conduct/assessments/export?limit=2`, {
      headers: { cookie: admin.cookieHeader() },
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /ndjson/);
    const cursor = res.headers.get("x-next-cursor");
    assert.ok(cursor, "more than two assessed texts: a next page");
    const first = (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.equal(first.length, 2);
    for (const line of first) {
      assert.equal(typeof line.text, "string");
      assert.ok("outcome" in line && "verdict" in line && Array.isArray(line.signals));
    }
    const all: Array<{ text: string; verdict: string | null }> = [...first];
    let next: string | null = cursor;
    while (next) {
      const page: Response = await fetch(
        `${server.url}/api/v1/conduct/assessments/export?limit=50&cursor=${next}`,
        {
          headers: { cookie: admin.cookieHeader() },
        },
      );
      const body = (await page.text()).trim();
      if (body) all.push(...body.split("\n").map((l: string) => JSON.parse(l)));
      next = page.headers.get("x-next-cursor");
    }
    assert.ok(all.some((l) => l.text.includes("useless idiot") && l.verdict === "abusive"));
    assert.ok(all.some((l) => l.verdict === "not_abusive") || all.some((l) => l.verdict === "abusive"));
    const bad = await admin.get("/api/v1/conduct/assessments/export?cursor=abc");
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "cursor");
  });
});

describe("frustration feeds problem detection", () => {
  test("an emerging error signature counts the cases whose customers wrote in frustration", async () => {
    const angry = [
      "I'm furious, Error 7031 on update again, the third time this week.",
      "Error 7031 after the update. This is unacceptable.",
    ];
    const calm = [
      "Error 7031 shows on the display.",
      "Update stops with error 7031.",
      "E7031 after updating.",
    ];
    for (const [i, text] of [...angry, ...calm].entries()) await apiCase(`Speaker update ${i} 7031`, text);
    await drain();
    const res = await agent.get("/api/v1/problems/emerging");
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const item = res.body.items.find((e: { key: string }) => e.key === "signature:code:7031");
    assert.ok(item, JSON.stringify(res.body.items.map((e: { key: string }) => e.key)));
    assert.equal(item.caseCount, 5);
    assert.equal(item.frustratedCount, 2);
  });
});

describe("live updates", () => {
  test("an open case page hears case.message_assessed with the outcome when the job assesses a message", async () => {
    const ws = new WebSocket(`${server.url.replace("http", "ws")}/api/v1/realtime`, {
      headers: { cookie: admin.cookieHeader(), origin: server.url },
    });
    const events: Array<Record<string, unknown>> = [];
    ws.on("message", (data) => events.push(JSON.parse(data.toString())));
    try {
      await eventually(async () => events.find((e) => e.type === "hello"));
      const m = await apiCase("Live flag", ABUSIVE);
      await drain();
      const heard = await eventually(async () =>
        events.find((e) => e.type === "case.message_assessed" && e.messageId === m.messageId),
      );
      assert.deepEqual(heard, {
        type: "case.message_assessed",
        caseId: m.caseId,
        messageId: m.messageId,
        outcome: "abusive",
      });
    } finally {
      ws.close();
    }
  });
});
