import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { TestClient } from "../../../../test/client.ts";
import { customerClient, otherWorkspace, setUpWorkspace, staffClient } from "../../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../../test/harness.ts";
import { runBadgeJob } from "./badge-awards.ts";
import { DEFAULT_SETTINGS } from "./settings.ts";
import { Community } from "./test-fixtures.ts";

let server: TestServer;
let admin: TestClient;
let agent: TestClient;
let customer: TestClient;
let anon: TestClient;
let other: TestClient;
let c: Community;
let cat: string;

before(async () => {
  server = await startTestServer();
  const ws = await setUpWorkspace(server);
  admin = ws.admin;
  ({ client: agent } = await staffClient(server, "agent"));
  ({ client: customer } = await customerClient(server));
  ({ client: other } = await otherWorkspace(server));
  anon = new TestClient(server.url);
  c = new Community(server.runtime.ctx, ws.workspaceId);
  cat = await c.category("Speakers");
});
after(() => server.close());

/** A question by a fresh asker with one answer by a fresh answerer. */
async function thread(categoryId = cat) {
  const asker = await c.member("Asker", { daysOld: 30 });
  const answerer = await c.member("Answerer", { daysOld: 30 });
  const q = await c.question(categoryId, asker);
  const answerId = await c.answer(q.topicId, answerer);
  return { asker, answerer, ...q, answerId };
}

async function putSettings(patch: (s: typeof DEFAULT_SETTINGS) => void) {
  const s = structuredClone(DEFAULT_SETTINGS);
  patch(s);
  const res = await admin.put("/api/v1/community/settings", s);
  assert.equal(res.status, 200, JSON.stringify(res.body));
}

describe("points", () => {
  test("votes earn and cost points; a changed vote reverses the old one; removal reverses; repeats never count twice", async () => {
    const t = await thread();
    const voter = await c.member("Voter");
    await c.vote(t.answerId, voter, 1);
    assert.equal(await c.reputation(t.answerer), 10);
    await c.vote(t.answerId, voter, 1); // the same vote again
    await c.emit({ type: "post.voted", postId: t.answerId, voterMemberId: voter, previous: 0, value: 1 }); // a replayed event
    assert.equal(await c.reputation(t.answerer), 10, "a repeated vote never counts twice");

    await c.vote(t.answerId, voter, -1);
    assert.equal(await c.reputation(t.answerer), -2, "the upvote is reversed and the downvote costs 2");
    assert.deepEqual(
      (await c.ledger(t.answerer)).map((r) => [r.kind, r.points]),
      [
        ["answerUpvoted", 10],
        ["reversed", -10],
        ["answerDownvoted", -2],
      ],
    );
    assert.equal(
      new Set((await c.ledger(t.answerer)).map((r) => r.source_key)).size,
      3,
      "each row has its own key",
    );

    await c.vote(t.answerId, voter, 0);
    assert.equal(await c.reputation(t.answerer), 0, "removing the vote gives the 2 back");

    await c.vote(t.openingPostId, voter, 1);
    assert.equal(await c.reputation(t.asker), 5, "an upvoted question earns its asker 5");
    assert.equal(await c.ledgerSum(t.answerer), await c.reputation(t.answerer));
  });

  test("accepting gives the answerer 15 and the asker 2; un-accepting takes both back; accepting again counts once", async () => {
    const t = await thread();
    await c.accept(t.topicId, t.answerId, t.asker);
    assert.equal(await c.reputation(t.answerer), 15);
    assert.equal(await c.reputation(t.asker), 2);
    await c.emit({
      type: "answer.accepted",
      topicId: t.topicId,
      postId: t.answerId,
      acceptedByMemberId: t.asker,
    });
    assert.equal(await c.reputation(t.answerer), 15, "a repeated acceptance counts once");
    await c.unaccept(t.topicId, t.answerId);
    assert.equal(await c.reputation(t.answerer), 0);
    assert.equal(await c.reputation(t.asker), 0);
    await c.accept(t.topicId, t.answerId, t.answerer);
    assert.equal(await c.reputation(t.answerer), 15, "re-accepted, by the answerer this time");
    assert.equal(await c.reputation(t.asker), 0, "accepting your own answer earns no acceptor bonus");
  });

  test("two members accepting each other's answers at the same moment never deadlock", async () => {
    // Each acceptance credits its answer's author and then its acceptor; with the roles
    // crossed, the two transactions once locked the same two members in opposite orders.
    const x = await c.member("Crossed X", { daysOld: 30 });
    const y = await c.member("Crossed Y", { daysOld: 30 });
    const byX = await c.question(cat, x);
    const yAnswers = await c.answer(byX.topicId, y);
    const byY = await c.question(cat, y);
    const xAnswers = await c.answer(byY.topicId, x);
    for (let round = 0; round < 6; round++) {
      await Promise.all([c.accept(byX.topicId, yAnswers, x), c.accept(byY.topicId, xAnswers, y)]);
      await Promise.all([c.unaccept(byX.topicId, yAnswers), c.unaccept(byY.topicId, xAnswers)]);
    }
    await Promise.all([c.accept(byX.topicId, yAnswers, x), c.accept(byY.topicId, xAnswers, y)]);
    // Each is an answerer (15) and an acceptor (2), once, after six reversed rounds (under the
    // daily cap of 200, which counts gains, not what reversals gave back).
    assert.equal(await c.reputation(x), 17);
    assert.equal(await c.reputation(y), 17);
    assert.equal(await c.ledgerSum(x), 17);
  });

  test("confirmed spam costs 100", async () => {
    const t = await thread();
    await c.emit({ type: "post.spam_confirmed", postId: t.answerId, authorMemberId: t.answerer });
    await c.emit({ type: "post.spam_confirmed", postId: t.answerId, authorMemberId: t.answerer });
    assert.equal(await c.reputation(t.answerer), -100, "once, however often it is confirmed");
  });

  test("gains are capped per day, losses are not", async () => {
    await putSettings((s) => {
      s.dailyCap = 25;
    });
    try {
      const t = await thread();
      for (let i = 0; i < 4; i++) await c.vote(t.answerId, await c.member(`Fan ${i}`), 1);
      assert.equal(await c.reputation(t.answerer), 25, "10 + 10 + 5, then nothing");
      await c.vote(t.answerId, await c.member("Critic"), -1);
      assert.equal(await c.reputation(t.answerer), 23, "a downvote still costs 2");
      assert.equal(await c.ledgerSum(t.answerer), 23);
    } finally {
      await putSettings(() => {});
    }
  });

  test("seven consecutive days of accepted answers earn a streak bonus once", async () => {
    const answerer = await c.member("Streaker", { daysOld: 60 });
    const asker = await c.member("Asker");
    for (let d = 6; d >= 0; d--) {
      const q = await c.question(cat, asker);
      const a = await c.answer(q.topicId, answerer, { daysAgo: d });
      await c.accept(q.topicId, a, asker, { daysAgo: d });
    }
    const streak = (await c.ledger(answerer)).filter((r) => r.kind === "streakBonus");
    assert.equal(streak.length, 1);
    assert.equal(streak[0]?.points, 20);
    // Another acceptance today keeps the streak at 7 days: no second bonus.
    const q = await c.question(cat, asker);
    await c.accept(q.topicId, await c.answer(q.topicId, answerer), asker);
    assert.equal((await c.ledger(answerer)).filter((r) => r.kind === "streakBonus").length, 1);
  });
});

describe("settings", () => {
  test("defaults, validation naming the field, managers only, and other keys survive", async () => {
    const got = await admin.get("/api/v1/community/settings");
    assert.equal(got.status, 200);
    assert.equal(got.body.points.answerAccepted, 15);
    const bad = structuredClone(DEFAULT_SETTINGS) as Record<string, unknown>;
    (bad.points as Record<string, unknown>).answerUpvoted = "lots";
    const res = await admin.put("/api/v1/community/settings", bad);
    assert.equal(res.status, 400);
    assert.equal(res.body.error.field, "points.answerUpvoted");
    assert.equal(
      (await agent.get("/api/v1/community/settings")).status,
      403,
      "agents moderate but do not manage",
    );
    assert.equal((await customer.put("/api/v1/community/settings", DEFAULT_SETTINGS)).status, 403);
    assert.equal((await anon.get("/api/v1/community/settings")).status, 401);

    await server.runtime.ctx.pool.query(
      "update community_settings set settings = settings || '{\"moderationOnly\": true}'::jsonb",
    );
    await putSettings((s) => {
      s.points.answerAccepted = 25;
    });
    assert.equal((await admin.get("/api/v1/community/settings")).body.points.answerAccepted, 25);
    const { rows } = await server.runtime.ctx.pool.query("select settings from community_settings");
    assert.equal(rows[0].settings.moderationOnly, true, "keys another part keeps are not overwritten");
    await putSettings(() => {});
    assert.equal(
      (await other.get("/api/v1/community/settings")).body.points.answerAccepted,
      15,
      "per workspace",
    );
  });
});

describe("badges", () => {
  test("defaults are seeded; a bad rule is a 400 naming the field; managers only", async () => {
    const list = await anon.get("/api/v1/community/badges");
    assert.equal(list.status, 200);
    const slugs = list.body.items.map((b: { slug: string }) => b.slug);
    for (const s of ["problem-solver", "category-expert", "marathon"]) assert.ok(slugs.includes(s), s);
    const tiers = new Set(list.body.items.map((b: { tier: string }) => b.tier));
    assert.deepEqual([...tiers].sort(), ["bronze", "gold", "silver"]);

    const base = { slug: "bad", name: "Bad", tier: "bronze" };
    const r1 = await admin.post("/api/v1/community/badges", {
      ...base,
      rule: { metric: "logins", atLeast: 1 },
    });
    assert.equal(r1.status, 400);
    assert.equal(r1.body.error.field, "rule.metric");
    const r2 = await admin.post("/api/v1/community/badges", {
      ...base,
      rule: { metric: "answers", atLeast: 0 },
    });
    assert.equal(r2.body.error.field, "rule.atLeast");
    const r3 = await admin.post("/api/v1/community/badges", {
      ...base,
      rule: { metric: "answers", atLeast: 1, categoryId: "00000000-0000-4000-8000-000000000000" },
    });
    assert.equal(r3.status, 400);
    assert.equal(r3.body.error.field, "rule.categoryId");
    const r4 = await admin.post("/api/v1/community/badges", {
      ...base,
      rule: { metric: "answers", atLeast: 1, code: "x" },
    });
    assert.equal(r4.status, 400);
    assert.equal(
      (await customer.post("/api/v1/community/badges", { ...base, rule: { metric: "answers", atLeast: 1 } }))
        .status,
      403,
    );
    const dup = await admin.post("/api/v1/community/badges", {
      ...base,
      slug: "problem-solver",
      rule: { metric: "answers", atLeast: 1 },
    });
    assert.equal(dup.status, 409);
  });

  test("an accepted answer earns 'Problem solver' through the job, exactly once", async () => {
    const t = await thread();
    await c.accept(t.topicId, t.answerId, t.asker);
    await eventually(async () =>
      (await c.awards(t.answerer)).includes("problem-solver") ? true : undefined,
    );
    // A retried job, and a sweep, change nothing.
    await runBadgeJob(server.runtime.ctx, { workspaceId: c.workspaceId, memberId: t.answerer });
    await runBadgeJob(server.runtime.ctx, { sweep: true });
    const { rows } = await server.runtime.ctx.pool.query(
      "select count(*)::int as n from community_badge_awards a join community_badges b on b.id = a.badge_id where b.slug = 'problem-solver' and a.member_id = $1",
      [t.answerer],
    );
    assert.equal(rows[0].n, 1);
  });

  test("a badge an admin adds is awarded to members who already qualify, per category", async () => {
    const hardware = await c.category("Hardware");
    const helper = await c.member("Helper");
    const asker = await c.member("Asker");
    for (let i = 0; i < 2; i++) {
      const q = await c.question(hardware, asker);
      await c.answer(q.topicId, helper);
    }
    const elsewhere = await c.member("Elsewhere");
    for (let i = 0; i < 2; i++) await c.answer((await c.question(cat, asker)).topicId, elsewhere);

    const res = await admin.post("/api/v1/community/badges", {
      slug: "hardware-helper",
      name: "Hardware helper",
      tier: "silver",
      rule: { metric: "answers", atLeast: 2, categoryId: hardware },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.awardedCount, 0);
    await eventually(async () => ((await c.awards(helper)).includes("hardware-helper") ? true : undefined));
    assert.ok(
      !(await c.awards(elsewhere)).includes("hardware-helper"),
      "answers in another category do not count",
    );
    const listed = (await admin.get("/api/v1/community/badges")).body.items.find(
      (b: { slug: string }) => b.slug === "hardware-helper",
    );
    assert.equal(listed.awardedCount, 1);

    const off = await admin.patch(`/api/v1/community/badges/${res.body.id}`, {
      enabled: false,
      name: "Retired",
    });
    assert.equal(off.status, 200);
    assert.equal(off.body.enabled, false);
    assert.equal(off.body.name, "Retired");
    assert.equal(
      (await admin.patch("/api/v1/community/badges/00000000-0000-4000-8000-000000000000", { enabled: true }))
        .status,
      404,
    );
  });
});

describe("trust levels", () => {
  test("rise with activity, fall with lost reputation, and a penalty holds trust at 0", async () => {
    await putSettings((s) => {
      s.trust.member = { posts: 1, acceptedAnswers: 1, reputation: 10, accountDays: 7 };
      s.trust.regular = { posts: 1, acceptedAnswers: 1, reputation: 25, accountDays: 7 };
    });
    try {
      const t = await thread();
      const voter = await c.member("Voter");
      await c.vote(t.answerId, voter, 1);
      assert.equal(await c.trustLevel(t.answerer), 1, "a post and a day: basic");
      await c.accept(t.topicId, t.answerId, t.asker);
      assert.equal(await c.trustLevel(t.answerer), 3, "25 points and an accepted answer: regular");
      await c.vote(t.answerId, voter, -1);
      assert.equal(await c.trustLevel(t.answerer), 2, "down to 13 points: below regular");
      const fresh = await c.member("Newcomer");
      const q = await c.question(cat, t.asker);
      const a = await c.answer(q.topicId, fresh);
      await c.vote(a, voter, 1);
      assert.equal(await c.trustLevel(fresh), 0, "a new account stays at 0");

      await server.runtime.ctx.pool.query(
        "update community_members set penalty_until = now() + interval '1 day' where id = $1",
        [t.answerer],
      );
      await c.vote(t.answerId, voter, 1);
      const board = await admin.get(`/api/v1/community/leaderboard?period=all&categoryId=${cat}&limit=100`);
      const me = board.body.items.find((i: { member: { id: string } }) => i.member.id === t.answerer);
      assert.equal(me.member.trustLevel, 0, "a penalised member shows trust 0");
    } finally {
      await putSettings(() => {});
    }
  });
});

describe("trust sweep", () => {
  test("a new topic counts at once (badge too); the hourly sweep lifts a member whose account aged into a level", async () => {
    const m = await c.member("Quiet");
    const q = await c.question(cat, m);
    await c.emit({
      type: "topic.created",
      topicId: q.topicId,
      postId: q.openingPostId,
      memberId: m,
      categoryId: cat,
    });
    assert.equal(await c.trustLevel(m), 0, "an account younger than a day is not basic yet");
    await eventually(async () => ((await c.awards(m)).includes("first-question") ? true : undefined));
    await server.runtime.ctx.pool.query(
      "update community_members set created_at = now() - interval '2 days' where id = $1",
      [m],
    );
    await runBadgeJob(server.runtime.ctx, { sweep: true });
    assert.equal(await c.trustLevel(m), 1, "one post and two days: basic, without any new points");
  });
});
