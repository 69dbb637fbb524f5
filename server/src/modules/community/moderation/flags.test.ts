import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TestClient } from "../../../../test/client.ts";
import { customerClient, setUpWorkspace, staffClient } from "../../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../../test/harness.ts";
import { type CommunityEvent, onCommunityEvent } from "../events.ts";
import type { Member } from "../members.ts";
import { answer, category, memberFor, scopeOf, topic } from "./test-fixtures.ts";

let server: TestServer;
let ws: string;
let agent: TestClient;
let agentMember: Member;
const people: Array<{ client: TestClient; member: Member }> = [];
let publicCat: string;
const events: CommunityEvent[] = [];

before(async () => {
  server = await startTestServer({ env: { LOGIN_RATE_LIMIT: "200" } });
  ({ workspaceId: ws } = await setUpWorkspace(server));
  const a = await staffClient(server, "agent");
  agent = a.client;
  agentMember = await memberFor(server, ws, a.email);
  // people[0] writes; the others flag at trust 0, 1, 2, 3.
  for (const trust of [1, 0, 1, 2, 3, 0]) {
    const c = await customerClient(server);
    people.push({ client: c.client, member: await memberFor(server, ws, c.email, { trust }) });
  }
  publicCat = await category(server, ws);
  onCommunityEvent(async (_ctx, e) => {
    events.push(e);
  });
});
after(() => server.close());

const person = (i: number) => people[i] as { client: TestClient; member: Member };

async function newAnswer(authorId = person(0).member.id) {
  const t = await topic(server, ws, agentMember.id, { categoryId: publicCat });
  const postId = await answer(server, ws, t.topicId, authorId, { body: "Buy cheap speakers at my shop" });
  return { ...t, postId };
}

async function postRow(id: string) {
  return scopeOf(server, ws)
    .selectFrom("community_posts")
    .select(["hidden", "hidden_reason"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

async function auditOf(subjectId: string) {
  const { rows } = await server.runtime.ctx.pool.query(
    "select actor_user_id, action, data from audit_log where subject_id = $1 order by id",
    [subjectId],
  );
  return rows as Array<{ actor_user_id: string; action: string; data: Record<string, any> }>;
}

describe("flags", () => {
  test("flags weigh by the flagger's trust and hide the post once they reach the threshold", async () => {
    const { postId } = await newAnswer();
    const f1 = await person(1).client.post("/api/v1/community/flags", { postId, reason: "spam" });
    assert.equal(f1.status, 201, JSON.stringify(f1.body));
    assert.equal(f1.body.weight, 1, "trust 0 weighs 1");
    assert.equal(f1.body.postHidden, false);
    const f2 = await person(3).client.post("/api/v1/community/flags", {
      postId,
      reason: "spam",
      note: "a shop",
    });
    assert.equal(f2.body.weight, 2, "trust 2 weighs 2");
    assert.equal(f2.body.postHidden, false, "3 of 5: still visible");
    assert.equal((await postRow(postId)).hidden, false);
    const f3 = await person(4).client.post("/api/v1/community/flags", { postId, reason: "offensive" });
    assert.equal(f3.body.weight, 3, "trust 3 weighs 3");
    assert.equal(f3.body.postHidden, true, "6 of 5: hidden pending review");
    assert.deepEqual(await postRow(postId), { hidden: true, hidden_reason: "flags" });
    assert.ok(events.some((e) => e.type === "post.hidden" && e.postId === postId && e.reason === "flags"));
    // A hidden post is out of sight for other readers: they cannot flag what they cannot read.
    const late = await person(5).client.post("/api/v1/community/flags", { postId, reason: "spam" });
    assert.equal(late.status, 404);
  });

  test("flagging one's own post is refused; flagging twice answers the first flag and adds no weight", async () => {
    const { postId } = await newAnswer();
    const own = await person(0).client.post("/api/v1/community/flags", { postId, reason: "spam" });
    assert.equal(own.status, 403);
    const first = await person(2).client.post("/api/v1/community/flags", { postId, reason: "spam" });
    assert.equal(first.status, 201);
    const again = await person(2).client.post("/api/v1/community/flags", { postId, reason: "offensive" });
    assert.equal(again.status, 200);
    assert.equal(again.body.id, first.body.id);
    assert.equal(again.body.reason, "spam", "the first flag stands");
    const { rows } = await server.runtime.ctx.pool.query(
      "select count(*)::int as n from community_flags where post_id = $1",
      [postId],
    );
    assert.equal(rows[0].n, 1);
  });

  test("a staff member's flag hides at once, whatever the threshold", async () => {
    await scopeOf(server, ws)
      .insertInto("community_settings", { settings: JSON.stringify({ flagHideThreshold: 50 }) })
      .onConflict((oc) =>
        oc.column("workspace_id").doUpdateSet({ settings: JSON.stringify({ flagHideThreshold: 50 }) }),
      )
      .execute();
    try {
      const { postId } = await newAnswer();
      const f = await agent.post("/api/v1/community/flags", { postId, reason: "off_topic" });
      assert.equal(f.status, 201);
      assert.equal(f.body.weight, 5);
      assert.equal(f.body.postHidden, true);
    } finally {
      await scopeOf(server, ws).deleteFrom("community_settings").execute();
    }
  });

  test("the workspace's flagHideThreshold decides how much weight hides a post", async () => {
    await scopeOf(server, ws)
      .insertInto("community_settings", { settings: JSON.stringify({ flagHideThreshold: 2 }) })
      .execute();
    try {
      const { postId } = await newAnswer();
      const f = await person(3).client.post("/api/v1/community/flags", { postId, reason: "other" });
      assert.equal(f.body.postHidden, true, "one trust-2 flag reaches a threshold of 2");
    } finally {
      await scopeOf(server, ws).deleteFrom("community_settings").execute();
    }
  });

  test("a post a customer may not read cannot be flagged by them: 404, as for no post at all", async () => {
    const staffCat = await category(server, ws, "staff" as "public");
    const t = await topic(server, ws, agentMember.id, { categoryId: staffCat });
    const res = await person(1).client.post("/api/v1/community/flags", {
      postId: t.openingPostId,
      reason: "spam",
    });
    assert.equal(res.status, 404);
    const none = await person(1).client.post("/api/v1/community/flags", {
      postId: "00000000-0000-4000-8000-000000000000",
      reason: "spam",
    });
    assert.equal(none.status, 404);
    assert.equal(none.body.error.field, "postId");
  });

  test("bad input is a 400 naming the field", async () => {
    const { postId } = await newAnswer();
    const c = person(1).client;
    const badReason = await c.post("/api/v1/community/flags", { postId, reason: "rude" });
    assert.equal(badReason.status, 400);
    assert.equal(badReason.body.error.field, "reason");
    const badId = await c.post("/api/v1/community/flags", { postId: "nope", reason: "spam" });
    assert.equal(badId.body.error.field, "postId");
    const extra = await c.post("/api/v1/community/flags", { postId, reason: "spam", weight: 100 });
    assert.equal(extra.status, 400);
    assert.equal(extra.body.error.field, "weight");
    const longNote = await c.post("/api/v1/community/flags", {
      postId,
      reason: "spam",
      note: "x".repeat(1001),
    });
    assert.equal(longNote.body.error.field, "note");
    const badDecision = await agent.post(`/api/v1/community/flags/review/${postId}`, { decision: "maybe" });
    assert.equal(badDecision.body.error.field, "decision");
    const badStatus = await agent.get("/api/v1/community/flags?status=pending");
    assert.equal(badStatus.body.error.field, "status");
  });
});

describe("the review queue", () => {
  test("shows flagged posts grouped, with the topic, the author's standing and every flag", async () => {
    const { postId, topicId, number } = await newAnswer();
    await person(1).client.post("/api/v1/community/flags", {
      postId,
      reason: "spam",
      note: "<script>x</script>",
    });
    await person(2).client.post("/api/v1/community/flags", { postId, reason: "off_topic" });
    const q = await agent.get("/api/v1/community/flags?status=open&limit=100");
    assert.equal(q.status, 200, JSON.stringify(q.body));
    const item = q.body.items.find((i: any) => i.post.id === postId);
    assert.ok(item, "the flagged post is in the queue");
    assert.equal(q.body.items.filter((i: any) => i.post.id === postId).length, 1, "one entry per post");
    assert.equal(item.topic.id, topicId);
    assert.match(item.topic.url, new RegExp(`^/community/t/${number}-`));
    assert.equal(item.author.id, person(0).member.id);
    assert.equal(item.author.trustLevel, 1);
    assert.equal(typeof item.author.accountAgeDays, "number");
    assert.equal(item.flags.length, 2);
    assert.deepEqual(item.flags.map((f: any) => f.weight).sort(), [1, 1]);
    assert.equal(item.totalWeight, 2);
    assert.equal(item.flags[0].note, "<script>x</script>", "notes are data, escaped by whoever shows them");
    assert.ok(item.flags[0].flagger.displayName);
    assert.deepEqual(item.spamReasons, []);
  });

  test("customers may not see the queue nor decide: 403", async () => {
    const { postId } = await newAnswer();
    await person(1).client.post("/api/v1/community/flags", { postId, reason: "spam" });
    assert.equal((await person(2).client.get("/api/v1/community/flags")).status, 403);
    const decide = await person(2).client.post(`/api/v1/community/flags/review/${postId}`, {
      decision: "disagree",
    });
    assert.equal(decide.status, 403);
  });

  test("agree on spam keeps it hidden, penalises the author for 14 days and is audited", async () => {
    const spammer = person(5).member;
    const { postId } = await newAnswer(spammer.id);
    await person(4).client.post("/api/v1/community/flags", { postId, reason: "spam" });
    await person(3).client.post("/api/v1/community/flags", { postId, reason: "spam" });
    assert.equal((await postRow(postId)).hidden, true);
    const res = await agent.post(`/api/v1/community/flags/review/${postId}`, {
      decision: "agree",
      note: "shop link",
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body, { postId, decision: "agree", spam: true, hidden: true, flagsClosed: 2 });
    assert.deepEqual(await postRow(postId), { hidden: true, hidden_reason: "flags" });
    assert.ok(
      events.some(
        (e) => e.type === "post.spam_confirmed" && e.postId === postId && e.authorMemberId === spammer.id,
      ),
    );
    const m = await scopeOf(server, ws)
      .selectFrom("community_members")
      .select("penalty_until")
      .where("id", "=", spammer.id)
      .executeTakeFirstOrThrow();
    const days = ((m.penalty_until?.getTime() ?? 0) - Date.now()) / 86_400_000;
    assert.ok(days > 13.9 && days <= 14, `penalty for ${days} days`);
    const entries = await auditOf(postId);
    assert.equal(entries.length, 1);
    assert.equal(entries[0]?.action, "community.flags.agreed");
    assert.ok(entries[0]?.actor_user_id, "who");
    assert.equal(entries[0]?.data.note, "shop link", "why");
    assert.equal(entries[0]?.data.flags.length, 2, "what was decided on");
    // Decided: out of the open queue, in the agreed one; the author's record shows it next time.
    const open = await agent.get("/api/v1/community/flags?status=open&limit=100");
    assert.ok(!open.body.items.some((i: any) => i.post.id === postId));
    const agreed = await agent.get("/api/v1/community/flags?status=agreed&limit=100");
    assert.ok(agreed.body.items.some((i: any) => i.post.id === postId));
    const next = await newAnswer(spammer.id);
    await person(1).client.post("/api/v1/community/flags", { postId: next.postId, reason: "other" });
    const q = await agent.get("/api/v1/community/flags?status=open&limit=100");
    const item = q.body.items.find((i: any) => i.post.id === next.postId);
    assert.equal(item.author.confirmedSpam, 1);
    assert.ok(item.author.penaltyUntil);
    // A second review has nothing left to decide.
    const again = await agent.post(`/api/v1/community/flags/review/${postId}`, { decision: "disagree" });
    assert.equal(again.status, 409);
  });

  test("disagree restores the post and ignore leaves it as it is; both audited", async () => {
    const a = await newAnswer();
    for (const i of [2, 3, 4])
      await person(i).client.post("/api/v1/community/flags", { postId: a.postId, reason: "offensive" });
    assert.equal((await postRow(a.postId)).hidden, true);
    const d = await agent.post(`/api/v1/community/flags/review/${a.postId}`, { decision: "disagree" });
    assert.equal(d.status, 200);
    assert.equal(d.body.hidden, false);
    assert.deepEqual(await postRow(a.postId), { hidden: false, hidden_reason: null });
    assert.ok(events.some((e) => e.type === "post.restored" && e.postId === a.postId));
    assert.deepEqual(
      (await auditOf(a.postId)).map((e) => e.action),
      ["community.flags.disagreed"],
    );

    const b = await newAnswer();
    await person(1).client.post("/api/v1/community/flags", { postId: b.postId, reason: "off_topic" });
    const ig = await agent.post(`/api/v1/community/flags/review/${b.postId}`, { decision: "ignore" });
    assert.deepEqual(ig.body, {
      postId: b.postId,
      decision: "ignore",
      spam: false,
      hidden: false,
      flagsClosed: 1,
    });
    assert.equal((await postRow(b.postId)).hidden, false);
    assert.deepEqual(
      (await auditOf(b.postId)).map((e) => e.action),
      ["community.flags.ignored"],
    );
  });
});
