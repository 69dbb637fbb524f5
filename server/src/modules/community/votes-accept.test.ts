import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  answer,
  C,
  ids,
  memberIdOf,
  newCustomer,
  newTopic,
  startWorld,
  type World,
} from "./community.testkit.ts";
import { type CommunityEvent, onCommunityEvent } from "./events.ts";

let w: World;
const events: CommunityEvent[] = [];
let hook: string;
before(async () => {
  w = await startWorld();
  onCommunityEvent(async (_ctx, e) => {
    events.push(e);
  });
  const res = await w.admin.post("/api/v1/webhooks", {
    url: "https://hooks.example.com/community",
    events: ["community.topic_created", "community.answer_accepted"],
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  hook = res.body.id;
});
after(() => w.server.close());

const q = (sql: string, params: unknown[] = []) => w.server.runtime.ctx.pool.query(sql, params);
const deliveries = async (event: string) =>
  (
    await q("select body from webhook_deliveries where endpoint_id = $1 and event_type = $2", [hook, event])
  ).rows.map((r) => JSON.parse(r.body).data);

describe("votes", () => {
  test("up, again (nothing changes), down, take back; own post refused; topic score follows its question", async () => {
    const t = await newTopic(w.alice, w.cats.pub);
    const a = await answer(w.bob, t.id);
    const vote = (client: typeof w.alice, postId: string, value: number) =>
      client.post(`${C}/posts/${postId}/votes`, { value });
    const before = events.length;
    assert.deepEqual((await vote(w.alice, a.id, 1)).body, { score: 1, myVote: 1 });
    assert.deepEqual((await vote(w.alice, a.id, 1)).body, { score: 1, myVote: 1 }, "idempotent");
    assert.deepEqual((await vote(w.agent, a.id, 1)).body, { score: 2, myVote: 1 });
    assert.deepEqual((await vote(w.alice, a.id, -1)).body, { score: 0, myVote: -1 });
    assert.deepEqual((await vote(w.alice, a.id, 0)).body, { score: 1, myVote: 0 });
    const voted = events.slice(before).filter((e) => e.type === "post.voted");
    assert.deepEqual(
      voted.map((e) => (e.type === "post.voted" ? [e.previous, e.value] : null)),
      [
        [0, 1],
        [0, 1],
        [1, -1],
        [-1, 0],
      ],
      "each change announced once, with the vote before and after",
    );
    const own = await vote(w.bob, a.id, 1);
    assert.equal(own.status, 403);
    const bad = await vote(w.alice, a.id, 2);
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "value");
    assert.equal((await w.anon.post(`${C}/posts/${a.id}/votes`, { value: 1 })).status, 401);
    assert.equal((await vote(w.alice, crypto.randomUUID(), 1)).status, 404);

    const page = await w.bob.get(`${C}/topics/${t.id}`);
    assert.equal(page.body.posts[0].myVote, 0);
    const opening = page.body.topic.openingPostId;
    await vote(w.bob, opening, 1);
    await vote(w.agent, opening, -1);
    await vote(w.moderator, opening, 1);
    const after = await w.bob.get(`${C}/topics/${t.id}`);
    assert.equal(after.body.topic.score, 1, "the topic's score is its opening post's");
    assert.equal(after.body.topic.myVote, 1);
    const listed = await w.anon.get(`${C}/topics?sort=votes&categoryId=${w.cats.pub}`);
    assert.equal(listed.body.items.find((x: { id: string }) => x.id === t.id).score, 1);
  });

  test("one vote per member, even when the same vote arrives many times at once", async () => {
    const t = await newTopic(w.alice, w.cats.pub);
    const a = await answer(w.bob, t.id);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => w.agent.post(`${C}/posts/${a.id}/votes`, { value: 1 })),
    );
    assert.ok(results.every((r) => r.status === 200));
    const { rows } = await q("select count(*)::int as n from community_votes where post_id = $1", [a.id]);
    assert.equal(rows[0].n, 1);
    const score = await q("select score from community_posts where id = $1", [a.id]);
    assert.equal(score.rows[0].score, 1);
    // The database itself refuses a second row for the same member and post.
    const agentMember = await q("select member_id from community_votes where post_id = $1", [a.id]);
    await assert.rejects(
      q(
        "insert into community_votes (workspace_id, post_id, member_id, value) select workspace_id, post_id, member_id, 1 from community_votes where post_id = $1",
        [a.id],
      ),
      /duplicate key/,
    );
    assert.ok(agentMember.rows[0].member_id);
  });
});

describe("accepting answers", () => {
  test("the asker accepts; several may be; solved while any is; accepted answers come first", async () => {
    const t = await newTopic(w.alice, w.cats.pub);
    const first = await answer(w.agent, t.id, "First");
    const second = await answer(w.bob, t.id, "Second");
    const third = await answer(w.moderator, t.id, "Third");
    assert.equal((await w.bob.post(`${C}/posts/${second.id}/accept`)).status, 403, "not the asker");
    const before = events.length;
    assert.deepEqual((await w.alice.post(`${C}/posts/${second.id}/accept`)).body, { accepted: true });
    assert.deepEqual((await w.alice.post(`${C}/posts/${second.id}/accept`)).body, { accepted: true });
    assert.equal(events.slice(before).filter((e) => e.type === "answer.accepted").length, 1, "idempotent");
    let page = await w.anon.get(`${C}/topics/${t.id}`);
    assert.equal(page.body.topic.solved, true);
    assert.deepEqual(ids(page.body.posts), [second.id, first.id, third.id]);
    assert.equal((await w.agent.post(`${C}/posts/${third.id}/accept`)).status, 200, "staff may accept");
    page = await w.anon.get(`${C}/topics/${t.id}`);
    assert.deepEqual(ids(page.body.posts), [second.id, third.id, first.id]);
    assert.deepEqual((await w.alice.delete(`${C}/posts/${second.id}/accept`)).body, { accepted: false });
    assert.equal((await w.anon.get(`${C}/topics/${t.id}`)).body.topic.solved, true, "one is still accepted");
    await w.alice.delete(`${C}/posts/${third.id}/accept`);
    page = await w.anon.get(`${C}/topics/${t.id}`);
    assert.equal(page.body.topic.solved, false);
    assert.equal(events.slice(before).filter((e) => e.type === "answer.unaccepted").length, 2);
    const solvedList = await w.anon.get(`${C}/topics?solved=false&categoryId=${w.cats.pub}`);
    assert.ok(ids(solvedList.body.items).includes(t.id));

    const hooks = await deliveries("community.answer_accepted");
    const mine = hooks.filter((d) => d.topic.id === t.id);
    assert.equal(mine.length, 2, "one per acceptance");
    assert.equal(mine[0].answer.id, second.id);
  });

  test("only answers of questions can be accepted", async () => {
    const d = await newTopic(w.alice, w.cats.pub, { kind: "discussion" });
    const reply = await answer(w.bob, d.id);
    assert.equal((await w.alice.post(`${C}/posts/${reply.id}/accept`)).status, 409);
    const t = await newTopic(w.alice, w.cats.pub);
    const a = await answer(w.bob, t.id);
    const comment = await w.bob.post(`${C}/topics/${t.id}/posts`, { body: "c", parentPostId: a.id });
    assert.equal((await w.alice.post(`${C}/posts/${comment.body.id}/accept`)).status, 409);
    const page = await w.alice.get(`${C}/topics/${t.id}`);
    assert.equal((await w.alice.post(`${C}/posts/${page.body.topic.openingPostId}/accept`)).status, 409);
    assert.equal(page.body.topic.can.accept, true);
  });
});

describe("posting on behalf of a customer", () => {
  test("only a staff API token may, the customer is the author, and an unknown customer is named", async () => {
    const customerId = await newCustomer(w.agent, "Carla Díaz");
    const before = (await deliveries("community.topic_created")).length;
    const t = await newTopic(w.agent, w.cats.pub, { customerId, title: "Asked for Carla by phone" });
    assert.equal(
      t.author && (t.author as { displayName: string }).displayName,
      "Carla D.",
      "first name and initial only",
    );
    assert.equal((t.author as { isStaff: boolean }).isStaff, false);
    const page = await w.anon.get(`${C}/topics/${t.id}`);
    assert.equal(page.body.posts.length, 0);
    const opening = await q("select official, posted_by_user_id from community_posts where id = $1", [
      page.body.topic.openingPostId,
    ]);
    assert.equal(opening.rows[0].official, false, "not official: it is the customer's question");
    assert.ok(opening.rows[0].posted_by_user_id, "who really sent it is recorded");
    const reply = await w.agent.post(`${C}/topics/${t.id}/posts`, { body: "Thanks, found it", customerId });
    assert.equal(reply.status, 201);
    assert.equal(reply.body.author.id, (t.author as { id: string }).id);
    assert.equal((await deliveries("community.topic_created")).length, before + 1);

    const session = await w.admin.post(`${C}/topics`, {
      categoryId: w.cats.pub,
      kind: "question",
      title: "Signed-in admin on behalf",
      body: "x",
      customerId,
    });
    assert.equal(session.status, 403, "a browser session may not");
    assert.equal(session.body.error.field, "customerId");
    const customer = await w.alice.post(`${C}/topics/${t.id}/posts`, { body: "x", customerId });
    assert.equal(customer.status, 403);
    const unknown = await w.agent.post(`${C}/topics/${t.id}/posts`, {
      body: "x",
      customerId: crypto.randomUUID(),
    });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.field, "customerId");
    const intoStaff = await w.agent.post(`${C}/topics`, {
      categoryId: w.cats.staff,
      kind: "question",
      title: "Not for customers",
      body: "x",
      customerId,
    });
    assert.equal(intoStaff.status, 404, "a customer cannot post where they cannot read");
  });
});

describe("the helped count", () => {
  test("counts distinct customers of cases linked after the answer was accepted", async () => {
    const t = await newTopic(w.alice, w.cats.pub);
    const a = await answer(w.bob, t.id);
    const caseOf = async (customerId: string) => {
      const c = await w.agent.post("/api/v1/cases", { customerId, subject: "Same wifi thing", message: "x" });
      assert.equal(c.status, 201);
      return c.body.id as string;
    };
    const early = await newCustomer(w.agent, "Early Bird");
    await w.agent.post(`${C}/topics/${t.id}/links`, { caseId: await caseOf(early) });
    await w.alice.post(`${C}/posts/${a.id}/accept`);
    const later = await newCustomer(w.agent, "Late Comer");
    await w.agent.post(`${C}/topics/${t.id}/links`, { caseId: await caseOf(later) });
    await w.agent.post(`${C}/topics/${t.id}/links`, { caseId: await caseOf(later) });
    const page = await w.anon.get(`${C}/topics/${t.id}`);
    assert.equal(page.body.posts[0].helpedCount, 1);
    assert.equal(page.body.topic.caseCount, 3);

    const bobId = await memberIdOf(w.bob);
    const { rows } = await q("select customer_id from community_members where id = $1", [bobId]);
    const record = await w.agent.get(`${C}/customers/${rows[0].customer_id}/record`);
    assert.equal(record.status, 200, JSON.stringify(record.body));
    assert.equal(record.body.member.id, bobId);
    assert.ok(record.body.acceptedAnswers >= 1);
    assert.ok(record.body.helpedCount >= 1);
    assert.equal((await w.alice.get(`${C}/customers/${rows[0].customer_id}/record`)).status, 403);
    const unknown = await w.agent.get(`${C}/customers/${crypto.randomUUID()}/record`);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.field, "customerId");
    const none = await w.agent.get(`${C}/customers/${early}/record`);
    assert.equal(none.body.member, null);
  });
});
