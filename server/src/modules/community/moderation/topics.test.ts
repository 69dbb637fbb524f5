import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TestClient } from "../../../../test/client.ts";
import { customerClient, otherWorkspace, setUpWorkspace, staffClient } from "../../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../../test/harness.ts";
import { type CommunityEvent, onCommunityEvent } from "../events.ts";
import type { Member } from "../members.ts";
import { answer, category, memberFor, scopeOf, topic } from "./test-fixtures.ts";

let server: TestServer;
let ws: string;
let agent: TestClient;
let moderator: TestClient;
let customer: TestClient;
let other: TestClient;
let staff: Member;
let asker: Member;
let helper: Member;
let catA: string;
let catB: string;
const events: CommunityEvent[] = [];

before(async () => {
  server = await startTestServer();
  ({ workspaceId: ws } = await setUpWorkspace(server));
  const a = await staffClient(server, "agent");
  agent = a.client;
  staff = await memberFor(server, ws, a.email);
  ({ client: moderator } = await staffClient(server, "moderator"));
  const c = await customerClient(server);
  customer = c.client;
  asker = await memberFor(server, ws, c.email, { trust: 1 });
  const h = await staffClient(server, "engineer");
  helper = await memberFor(server, ws, h.email);
  ({ client: other } = await otherWorkspace(server));
  catA = await category(server, ws);
  catB = await category(server, ws);
  onCommunityEvent(async (_ctx, e) => {
    events.push(e);
  });
});
after(() => server.close());

async function auditActions(subjectId: string) {
  const { rows } = await server.runtime.ctx.pool.query(
    "select action, data, actor_user_id from audit_log where subject_id = $1 order by id",
    [subjectId],
  );
  return rows as Array<{ action: string; data: Record<string, any>; actor_user_id: string | null }>;
}

async function postsOf(topicId: string) {
  return scopeOf(server, ws)
    .selectFrom("community_posts")
    .select(["id", "kind", "accepted", "score", "parent_post_id"])
    .where("topic_id", "=", topicId)
    .orderBy("created_at")
    .execute();
}

async function topicRow(id: string) {
  return scopeOf(server, ws)
    .selectFrom("community_topics")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

describe("staff topic actions", () => {
  test("edit the title, move, close and pin a topic; each change is audited with before and after", async () => {
    const t = await topic(server, ws, asker.id, { categoryId: catA, title: "speaker broke" });
    const res = await agent.patch(`/api/v1/community/topics/${t.topicId}/moderation`, {
      title: "Play:5 shows Error 1013 after the 12.1 update",
      categoryId: catB,
      status: "closed",
      pinned: true,
      reason: "clearer title, right category",
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.title, "Play:5 shows Error 1013 after the 12.1 update");
    assert.equal(res.body.url, `/community/t/${t.number}-play-5-shows-error-1013-after-the-12-1-update`);
    assert.equal(res.body.categoryId, catB);
    assert.equal(res.body.status, "closed");
    assert.equal(res.body.pinned, true);
    const [entry, ...rest] = await auditActions(t.topicId);
    assert.equal(rest.length, 0);
    assert.equal(entry?.action, "community.topic.moderated");
    assert.ok(entry?.actor_user_id);
    assert.deepEqual(entry?.data.changes.categoryId, [catA, catB]);
    assert.deepEqual(entry?.data.changes.status, ["open", "closed"]);
    assert.deepEqual(entry?.data.changes.pinned, [false, true]);
    assert.equal(entry?.data.reason, "clearer title, right category");
    // Reopening is a change of its own; repeating the same values writes nothing.
    const reopen = await moderator.patch(`/api/v1/community/topics/${t.topicId}/moderation`, {
      status: "open",
    });
    assert.equal(reopen.body.status, "open");
    await moderator.patch(`/api/v1/community/topics/${t.topicId}/moderation`, {
      status: "open",
      pinned: true,
    });
    assert.equal((await auditActions(t.topicId)).length, 2);
  });

  test("bad input names the field; an unknown category or topic is 404", async () => {
    const t = await topic(server, ws, asker.id, { categoryId: catA });
    const url = `/api/v1/community/topics/${t.topicId}/moderation`;
    const short = await agent.patch(url, { title: "abc" });
    assert.equal(short.status, 400);
    assert.equal(short.body.error.field, "title");
    const status = await agent.patch(url, { status: "archived" });
    assert.equal(status.body.error.field, "status");
    const empty = await agent.patch(url, {});
    assert.equal(empty.status, 400);
    const cat = await agent.patch(url, { categoryId: "00000000-0000-4000-8000-000000000000" });
    assert.equal(cat.status, 404);
    assert.equal(cat.body.error.field, "categoryId");
    const none = await agent.patch(
      "/api/v1/community/topics/00000000-0000-4000-8000-000000000000/moderation",
      {
        pinned: true,
      },
    );
    assert.equal(none.status, 404);
    const split = await agent.post(`/api/v1/community/topics/${t.topicId}/split`, {
      postIds: [],
      title: "A new question",
    });
    assert.equal(split.body.error.field, "postIds");
    const merge = await agent.post(`/api/v1/community/topics/${t.topicId}/merge`, { intoTopicId: t.topicId });
    assert.equal(merge.status, 400);
    assert.equal(merge.body.error.field, "intoTopicId");
  });

  test("customers cannot moderate (403) and another workspace's staff cannot find the topic (404)", async () => {
    const t = await topic(server, ws, asker.id, { categoryId: catA });
    const a = await answer(server, ws, t.topicId, helper.id);
    for (const [method, path, body] of [
      ["PATCH", `/api/v1/community/topics/${t.topicId}/moderation`, { pinned: true }],
      ["POST", `/api/v1/community/topics/${t.topicId}/merge`, { intoTopicId: t.topicId }],
      ["POST", `/api/v1/community/topics/${t.topicId}/split`, { postIds: [a], title: "Split off" }],
      ["PATCH", `/api/v1/community/posts/${a}/moderation`, { body: "edited" }],
      ["POST", `/api/v1/community/posts/${a}/hide`, {}],
      ["POST", `/api/v1/community/posts/${a}/restore`, {}],
    ] as const) {
      const res = await customer.request(method, path, body);
      assert.equal(res.status, 403, `${method} ${path}`);
      const foreign = await other.request(method, path, body);
      assert.equal(
        foreign.status,
        path.endsWith("/merge") ? 400 : 404,
        `${method} ${path} from another workspace`,
      );
    }
    assert.equal((await topicRow(t.topicId)).pinned, false);
  });

  test("merge moves every post with its votes and accepts; the old topic points at the new one", async () => {
    const target = await topic(server, ws, asker.id, { categoryId: catA, title: "Error 1013 on Play:5" });
    const source = await topic(server, ws, helper.id, { categoryId: catA, title: "1013 error again" });
    const kept = await answer(server, ws, target.topicId, helper.id);
    const accepted = await answer(server, ws, source.topicId, staff.id, { accepted: true, score: 4 });
    const comment = await answer(server, ws, source.topicId, asker.id, { parentPostId: accepted });
    await scopeOf(server, ws)
      .insertInto("community_votes", { post_id: accepted, member_id: asker.id, value: 1 })
      .execute();
    const res = await agent.post(`/api/v1/community/topics/${source.topicId}/merge`, {
      intoTopicId: target.topicId,
      reason: "duplicate",
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.id, target.topicId);
    assert.equal(res.body.answerCount, 3, "its own answer, the old question and the old answer");
    assert.equal(res.body.solved, true);
    const posts = await postsOf(target.topicId);
    assert.deepEqual(
      posts.map((p) => p.id).sort(),
      [target.openingPostId, kept, source.openingPostId, accepted, comment].sort(),
    );
    assert.equal(posts.find((p) => p.id === source.openingPostId)?.kind, "answer");
    const moved = posts.find((p) => p.id === accepted);
    assert.deepEqual([moved?.accepted, moved?.score], [true, 4]);
    assert.equal(posts.find((p) => p.id === comment)?.parent_post_id, accepted);
    const votes = await scopeOf(server, ws)
      .selectFrom("community_votes")
      .select("value")
      .where("post_id", "=", accepted)
      .execute();
    assert.equal(votes.length, 1, "votes stay with their post");
    const old = await topicRow(source.topicId);
    assert.equal(old.merged_into_id, target.topicId);
    assert.equal(old.status, "closed");
    assert.equal(old.answer_count, 0);
    const [entry] = await auditActions(source.topicId);
    assert.equal(entry?.action, "community.topic.merged");
    assert.equal(entry?.data.intoTopicId, target.topicId);
    assert.equal(entry?.data.movedPosts, 3);
    assert.equal(entry?.data.reason, "duplicate");
    const again = await agent.post(`/api/v1/community/topics/${source.topicId}/merge`, {
      intoTopicId: target.topicId,
    });
    assert.equal(again.status, 409, "a merged topic cannot be merged again");
    const third = await topic(server, ws, asker.id, { categoryId: catA });
    const intoMerged = await agent.post(`/api/v1/community/topics/${third.topicId}/merge`, {
      intoTopicId: source.topicId,
    });
    assert.equal(intoMerged.status, 409);
    assert.equal(intoMerged.body.error.field, "intoTopicId");
  });

  test("merge moves the old topic's followers to the target, once each", async () => {
    const target = await topic(server, ws, staff.id, { categoryId: catA, title: "Trueplay keeps failing" });
    const source = await topic(server, ws, helper.id, { categoryId: catA, title: "Trueplay fails" });
    // The customer follows both through the API; the engineer only the old topic.
    for (const t of [source, target]) {
      const res = await customer.put("/api/v1/community/follows", {
        targetKind: "topic",
        targetId: t.topicId,
      });
      assert.ok(res.status < 300, JSON.stringify(res.body));
    }
    await scopeOf(server, ws)
      .insertInto("community_follows", {
        member_id: helper.id,
        target_kind: "topic",
        target_id: source.topicId,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const res = await agent.post(`/api/v1/community/topics/${source.topicId}/merge`, {
      intoTopicId: target.topicId,
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const followers = async (topicId: string) =>
      (
        await scopeOf(server, ws)
          .selectFrom("community_follows")
          .select("member_id")
          .where("target_kind", "=", "topic")
          .where("target_id", "=", topicId)
          .execute()
      )
        .map((r) => r.member_id)
        .sort();
    assert.deepEqual(await followers(source.topicId), [], "nobody follows the closed topic");
    assert.deepEqual(await followers(target.topicId), [asker.id, helper.id].sort());
    const mine = (await customer.get("/api/v1/community/follows")).body.items.filter(
      (f: { targetKind: string; targetId: string }) =>
        f.targetKind === "topic" && [source.topicId, target.topicId].includes(f.targetId),
    );
    assert.deepEqual(
      mine.map((f: { targetId: string }) => f.targetId),
      [target.topicId],
      "the customer follows the merged thread once",
    );
  });

  test("split moves the chosen answers into a new topic; the earliest opens it, comments follow", async () => {
    const t = await topic(server, ws, asker.id, { categoryId: catB, title: "Beam drops Wi-Fi" });
    const stays = await answer(server, ws, t.topicId, helper.id, { minutesAgo: 30, accepted: true });
    const first = await answer(server, ws, t.topicId, staff.id, {
      minutesAgo: 20,
      accepted: true,
      body: "Also, how do I pair a Sub?",
    });
    const second = await answer(server, ws, t.topicId, helper.id, { minutesAgo: 10, score: 2 });
    const comment = await answer(server, ws, t.topicId, asker.id, { parentPostId: second });
    const res = await moderator.post(`/api/v1/community/topics/${t.topicId}/split`, {
      postIds: [second, first],
      title: "How do I pair a Sub with a Beam?",
      reason: "a different question",
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.title, "How do I pair a Sub with a Beam?");
    assert.equal(res.body.categoryId, catB);
    assert.equal(res.body.kind, "question");
    assert.equal(res.body.answerCount, 1);
    assert.equal(res.body.solved, false, "the opening post's accept is withdrawn");
    const newPosts = await postsOf(res.body.id);
    assert.deepEqual(
      newPosts.map((p) => [p.id, p.kind]),
      [
        [first, "opening"],
        [second, "answer"],
        [comment, "comment"],
      ],
    );
    assert.equal(newPosts.find((p) => p.id === first)?.accepted, false);
    assert.equal(newPosts.find((p) => p.id === second)?.score, 2, "votes stay");
    assert.ok(events.some((e) => e.type === "answer.unaccepted" && e.postId === first));
    const old = await topicRow(t.topicId);
    assert.equal(old.answer_count, 1);
    assert.equal(old.solved, true, "the accepted answer that stayed still solves it");
    assert.deepEqual((await postsOf(t.topicId)).map((p) => p.id).sort(), [t.openingPostId, stays].sort());
    const [entry] = await auditActions(t.topicId);
    assert.equal(entry?.action, "community.topic.split");
    assert.equal(entry?.data.newTopicId, res.body.id);
    assert.equal(entry?.data.openingPostId, first);
    // Only answers of this topic can be split off.
    const bad = await moderator.post(`/api/v1/community/topics/${t.topicId}/split`, {
      postIds: [stays, t.openingPostId],
      title: "Not allowed",
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "postIds.1");
    const elsewhere = await moderator.post(`/api/v1/community/topics/${t.topicId}/split`, {
      postIds: [second],
      title: "Not in this topic",
    });
    assert.equal(elsewhere.body.error.field, "postIds.0");
  });
});

describe("staff post actions", () => {
  test("a moderator edits any post's body; the audit entry keeps the previous body", async () => {
    const t = await topic(server, ws, asker.id, { categoryId: catA });
    const a = await answer(server, ws, t.topicId, helper.id, { body: "call me on 555-0100" });
    const res = await agent.patch(`/api/v1/community/posts/${a}/moderation`, {
      body: "[phone number removed] <script>alert(1)</script>",
      reason: "personal data",
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.body, "[phone number removed] <script>alert(1)</script>");
    assert.ok(!res.body.bodyHtml.includes("<script"), "markdown is rendered without raw HTML");
    assert.ok(res.body.editedAt);
    const [entry] = await auditActions(a);
    assert.equal(entry?.action, "community.post.edited");
    assert.equal(entry?.data.previousBody, "call me on 555-0100");
    assert.equal(entry?.data.reason, "personal data");
    const empty = await agent.patch(`/api/v1/community/posts/${a}/moderation`, { body: "  " });
    assert.equal(empty.status, 400);
    assert.equal(empty.body.error.field, "body");
  });

  test("hiding an opening post hides its topic; restoring brings both back and closes open flags", async () => {
    const t = await topic(server, ws, asker.id, { categoryId: catA });
    await scopeOf(server, ws)
      .insertInto("community_flags", {
        post_id: t.openingPostId,
        flagger_member_id: helper.id,
        reason: "other",
        weight: 1,
      })
      .execute();
    const hide = await agent.post(`/api/v1/community/posts/${t.openingPostId}/hide`, { reason: "checking" });
    assert.equal(hide.status, 200);
    assert.deepEqual([hide.body.hidden, hide.body.hiddenReason], [true, "staff"]);
    assert.equal((await topicRow(t.topicId)).hidden, true);
    assert.ok(
      events.some((e) => e.type === "post.hidden" && e.postId === t.openingPostId && e.reason === "staff"),
    );
    const restore = await agent.post(`/api/v1/community/posts/${t.openingPostId}/restore`);
    assert.equal(restore.status, 200);
    assert.equal(restore.body.hidden, false);
    assert.equal((await topicRow(t.topicId)).hidden, false);
    const flags = await scopeOf(server, ws)
      .selectFrom("community_flags")
      .select("status")
      .where("post_id", "=", t.openingPostId)
      .execute();
    assert.deepEqual(flags, [{ status: "disagreed" }]);
    const entries = await auditActions(t.openingPostId);
    assert.deepEqual(
      entries.map((e) => e.action),
      ["community.post.hidden", "community.post.restored"],
    );
    assert.equal(entries[1]?.data.closedFlags, 1);
  });

  test("a hidden answer leaves the topic's answer count, and a restored one comes back into it", async () => {
    const t = await topic(server, ws, asker.id, { categoryId: catA });
    const a = await answer(server, ws, t.topicId, helper.id);
    await answer(server, ws, t.topicId, staff.id);
    assert.equal((await topicRow(t.topicId)).answer_count, 2);
    await moderator.post(`/api/v1/community/posts/${a}/hide`, {});
    assert.equal((await topicRow(t.topicId)).answer_count, 1);
    await moderator.post(`/api/v1/community/posts/${a}/restore`, {});
    assert.equal((await topicRow(t.topicId)).answer_count, 2);
  });
});
