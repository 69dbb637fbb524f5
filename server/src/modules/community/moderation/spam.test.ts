import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TestClient } from "../../../../test/client.ts";
import { setUpWorkspace, staffClient, uniqueEmail } from "../../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../../test/harness.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { insertMembership } from "../../accounts/memberships.repo.ts";
import { insertUser } from "../../accounts/users.repo.ts";
import type { Member } from "../members.ts";
import { assertCanPost } from "./rate-limit.ts";
import { answer, category, memberFor, postAsCore, scopeOf, topic } from "./test-fixtures.ts";

/**
 * The spam check and the rate limit as the core part runs them when someone posts (see
 * postAsCore), and what a moderator then finds in the review queue.
 */
let server: TestServer;
let ws: string;
let agent: TestClient;
let agentMember: Member;
let topicId: string;

// Customers made as users with a membership directly: these tests need many members, not sign-ins.
async function newMember(opts: { trust?: number; joinedDaysAgo?: number } = {}) {
  const email = uniqueEmail("member");
  await server.runtime.ctx.db.transaction().execute(async (tx) => {
    const user = await insertUser(tx, { email, name: "Cathy Customer" });
    await insertMembership(new TenantScope(tx, ws), user.id, "customer");
  });
  return memberFor(server, ws, email, opts);
}

before(async () => {
  server = await startTestServer();
  ({ workspaceId: ws } = await setUpWorkspace(server));
  const a = await staffClient(server, "agent");
  agent = a.client;
  agentMember = await memberFor(server, ws, a.email);
  const cat = await category(server, ws);
  ({ topicId } = await topic(server, ws, agentMember.id, { categoryId: cat }));
});
after(() => server.close());

async function queueItem(postId: string) {
  const q = await agent.get("/api/v1/community/flags?status=open&limit=100");
  assert.equal(q.status, 200);
  return q.body.items.find((i: { post: { id: string } }) => i.post.id === postId);
}

describe("the spam check", () => {
  test("a new member's first post with a link is held for review, with the reasons in the queue", async () => {
    const m = await newMember({ trust: 0 });
    const p = await postAsCore(
      server,
      ws,
      m,
      topicId,
      "Fix it with this tool: http://fix-1013-now.xyz/download",
    );
    assert.equal(p.hold, true);
    assert.deepEqual(p.reasons, ["first post from a new member contains links"]);
    const item = await queueItem(p.postId);
    assert.ok(item, "the held post waits in the review queue");
    assert.equal(item.post.hidden, true);
    assert.equal(item.post.hiddenReason, "spam");
    assert.equal(item.flags.length, 1);
    assert.equal(item.flags[0].source, "spam_check");
    assert.equal(item.flags[0].flagger, null);
    assert.equal(item.flags[0].note, "first post from a new member contains links");
    assert.deepEqual(item.spamReasons, ["first post from a new member contains links"]);
    // Agreeing confirms spam (the check's flag says spam) and penalises the author.
    const review = await agent.post(`/api/v1/community/flags/review/${p.postId}`, { decision: "agree" });
    assert.equal(review.body.spam, true);
  });

  test("the same text posted again by another new member is held as a duplicate", async () => {
    const text =
      "Looking for reliable speaker repair? Our technicians fix any model remotely for a small fee, write to us today";
    const first = await postAsCore(server, ws, await newMember({ trust: 1 }), topicId, text);
    assert.equal(first.hold, false, "the first time it is just a post");
    const second = await postAsCore(
      server,
      ws,
      await newMember({ trust: 1 }),
      topicId,
      `${text.toUpperCase()}!!`,
    );
    assert.equal(second.hold, true);
    assert.deepEqual(second.reasons, ["the same text was posted recently"]);
    assert.deepEqual((await queueItem(second.postId)).spamReasons, second.reasons);
  });

  test("a clean post from a trusted member is never held, links and repeats included", async () => {
    const trusted = await newMember({ trust: 2, joinedDaysAgo: 0 });
    const body =
      "The fix is in 12.2: https://example.com/notes/12.2 and https://example.com/kb/1013 and https://example.com/fw";
    for (let i = 0; i < 3; i++) {
      const p = await postAsCore(server, ws, trusted, topicId, body);
      assert.equal(p.hold, false, `post ${i + 1}`);
      assert.equal(await queueItem(p.postId), undefined);
    }
    const staff = await postAsCore(
      server,
      ws,
      agentMember,
      topicId,
      "Official: track it at https://status.example.com/1",
    );
    assert.equal(staff.hold, false);
  });

  test("a short everyday sentence that others wrote too is not a duplicate", async () => {
    const text = "Since the update it keeps disconnecting from the wifi.";
    await postAsCore(server, ws, await newMember({ trust: 0 }), topicId, text);
    const again = await postAsCore(server, ws, await newMember({ trust: 0 }), topicId, text);
    assert.deepEqual([again.hold, again.reasons], [false, []]);
  });

  test("a clean post from a new member is not held", async () => {
    const m = await newMember({ trust: 0 });
    const p = await postAsCore(
      server,
      ws,
      m,
      topicId,
      "My Play:5 shows Error 1013 since yesterday. Any ideas?",
    );
    assert.deepEqual([p.hold, p.reasons], [false, []]);
  });
});

describe("the post rate limit", () => {
  async function refusal(m: Member) {
    try {
      await assertCanPost(scopeOf(server, ws), m);
      return null;
    } catch (err) {
      return err as AppError;
    }
  }

  test("a new account may post 3 times in 10 minutes, then gets a 429 naming when it may post again", async () => {
    const m = await newMember({ trust: 0 });
    for (let i = 0; i < 3; i++)
      await postAsCore(server, ws, m, topicId, `Still broken, day ${i + 1} of waiting.`);
    const err = await refusal(m);
    assert.ok(err instanceof AppError, "the fourth post is refused");
    assert.equal(err.status, 429);
    assert.equal(err.code, "rate_limited");
    assert.match(
      err.message,
      /^New members may post 3 times in 10 minutes\. You can post again at \d{4}-\d\d-\d\d \d\d:\d\d UTC \(in (10|9) minutes\)\.$/,
    );
    // Nothing was written by the refused attempt.
    await assert.rejects(postAsCore(server, ws, m, topicId, "one more"), (e: AppError) => e.status === 429);
    const { rows } = await server.runtime.ctx.pool.query(
      "select count(*)::int as n from community_posts where author_member_id = $1",
      [m.id],
    );
    assert.equal(rows[0].n, 3);
  });

  test("a day's allowance counts too, basic members get more, trusted members and staff none", async () => {
    const m = await newMember({ trust: 0 });
    // Ten posts spread over the day, none in the last ten minutes.
    for (let i = 0; i < 10; i++) await answer(server, ws, topicId, m.id, { minutesAgo: 30 + i * 60 });
    const err = await refusal(m);
    assert.equal(err?.status, 429);
    assert.match(err?.message ?? "", /New members may post 10 times in a day/);

    const basic = await newMember({ trust: 1 });
    for (let i = 0; i < 5; i++) await answer(server, ws, topicId, basic.id, { minutesAgo: 1 });
    assert.equal(await refusal(basic), null, "trust 1: five in ten minutes is fine");
    for (let i = 0; i < 5; i++) await answer(server, ws, topicId, basic.id, { minutesAgo: 1 });
    assert.match((await refusal(basic))?.message ?? "", /Basic members may post 10 times in 10 minutes/);

    const trusted = await newMember({ trust: 2 });
    for (let i = 0; i < 30; i++) await answer(server, ws, topicId, trusted.id, { minutesAgo: 1 });
    assert.equal(await refusal(trusted), null);
    assert.equal(await refusal(agentMember), null);
  });

  test("a penalty holds a trusted member to a new member's limits", async () => {
    const m = await newMember({ trust: 3 });
    await scopeOf(server, ws)
      .updateTable("community_members")
      .set({ penalty_until: new Date(Date.now() + 86_400_000) })
      .where("id", "=", m.id)
      .execute();
    for (let i = 0; i < 3; i++) await answer(server, ws, topicId, m.id, { minutesAgo: 2 });
    const err = await refusal(m);
    assert.equal(err?.status, 429);
    assert.match(err?.message ?? "", /held at 0 by a penalty/);
  });
});
