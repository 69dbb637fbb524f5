import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { TestClient } from "../../../../test/client.ts";
import {
  customerClient,
  otherWorkspace,
  setUpWorkspace,
  staffClient,
  uniqueEmail,
} from "../../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../../test/harness.ts";
import { runBadgeJob } from "./badge-awards.ts";
import { DEFAULT_SETTINGS } from "./settings.ts";
import { Community } from "./test-fixtures.ts";

let server: TestServer;
let admin: TestClient;
let agent: TestClient;
let customer: TestClient;
let customerEmail: string;
let anon: TestClient;
let other: TestClient;
let c: Community;
let cat: string;

before(async () => {
  server = await startTestServer();
  const ws = await setUpWorkspace(server);
  admin = ws.admin;
  ({ client: agent } = await staffClient(server, "agent"));
  ({ client: customer, email: customerEmail } = await customerClient(server));
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

describe("MVP program", () => {
  test("nominate, review with the record, accept, renew, expire, and the directory", async () => {
    const hook = await admin.post("/api/v1/webhooks", {
      url: "https://hooks.example.com/community",
      events: ["community.mvp_awarded"],
    });
    assert.equal(hook.status, 201, JSON.stringify(hook.body));
    const t = await thread();
    await c.accept(t.topicId, t.answerId, t.asker);
    // A case linked to the solved topic: the answer deflected it.
    const cu = await agent.post("/api/v1/customers", { name: "Linked Customer", emails: [uniqueEmail("l")] });
    const kase = await agent.post("/api/v1/cases", {
      customerId: cu.body.id,
      subject: "Wi-Fi",
      message: "Drops.",
    });
    await server.runtime.ctx.pool.query(
      "insert into community_topic_cases (workspace_id, topic_id, case_id, origin) values ($1, $2, $3, 'linked')",
      [c.workspaceId, t.topicId, kase.body.id],
    );

    const reason = "Answers every Wi-Fi question within the hour.";
    const nominated = await customer.post("/api/v1/community/mvp/nominations", {
      memberId: t.answerer,
      reason,
    });
    assert.equal(nominated.status, 201, JSON.stringify(nominated.body));
    assert.equal(nominated.body.status, "pending");
    assert.equal(nominated.body.record, undefined, "the nominator does not see the record");
    const again = await customer.post("/api/v1/community/mvp/nominations", { memberId: t.answerer, reason });
    assert.equal(again.status, 409, "one pending nomination per nominee per nominator");
    const { rows } = await server.runtime.ctx.pool.query(
      "select m.id from community_members m join auth.user u on u.id = m.user_id where u.email = $1",
      [customerEmail],
    );
    const self = await customer.post("/api/v1/community/mvp/nominations", { memberId: rows[0].id, reason });
    assert.equal(self.status, 400);
    assert.equal(self.body.error.field, "memberId");
    assert.equal(
      (await customer.post("/api/v1/community/mvp/nominations", { memberId: t.answerer, reason: "x" })).body
        .error.field,
      "reason",
    );
    assert.equal(
      (await anon.post("/api/v1/community/mvp/nominations", { memberId: t.answerer, reason })).status,
      401,
    );
    assert.equal((await customer.get("/api/v1/community/mvp/nominations")).status, 403);

    const review = await admin.get("/api/v1/community/mvp/nominations?status=pending");
    assert.equal(review.status, 200);
    const n = review.body.items.find((i: { id: string }) => i.id === nominated.body.id);
    assert.equal(n.record.acceptedAnswers, 1);
    assert.equal(n.record.answers, 1);
    assert.equal(n.record.helpfulness, 1);
    assert.equal(n.record.deflectedCases, 1);
    assert.equal(n.record.flagsAgainst, 0);
    assert.equal(n.record.reputation, 15);

    const decided = await admin.post(`/api/v1/community/mvp/nominations/${n.id}/decision`, {
      decision: "accept",
      note: "Well deserved",
      months: 6,
    });
    assert.equal(decided.status, 200, JSON.stringify(decided.body));
    assert.equal(decided.body.status, "accepted");
    assert.equal(decided.body.nominee.isMvp, true);
    const twice = await admin.post(`/api/v1/community/mvp/nominations/${n.id}/decision`, {
      decision: "decline",
    });
    assert.equal(twice.status, 409);

    const dir = await anon.get("/api/v1/community/mvp");
    assert.equal(dir.status, 200);
    const entry = dir.body.items.find((i: { member: { id: string } }) => i.member.id === t.answerer);
    assert.equal(entry.acceptedAnswers, 1);
    assert.equal(entry.member.displayName, "Answerer");

    const renewed = await admin.post("/api/v1/community/mvp/terms", { memberId: t.answerer, months: 12 });
    assert.equal(renewed.status, 201);
    assert.equal(renewed.body.renewal, true);
    assert.equal(renewed.body.startsAt, entry.mvpUntil, "a renewal starts when the current term ends");

    const deliveries = await admin.get(`/api/v1/webhooks/${hook.body.id}/deliveries`);
    assert.deepEqual(
      deliveries.body.items.map((d: { event: string }) => d.event),
      ["community.mvp_awarded", "community.mvp_awarded"],
    );

    // Terms expire: once none covers now, the member leaves the directory.
    await server.runtime.ctx.pool.query(
      "update community_mvp_terms set starts_at = now() - interval '2 years', ends_at = now() - interval '1 second' where member_id = $1",
      [t.answerer],
    );
    const later = await anon.get("/api/v1/community/mvp");
    assert.ok(!later.body.items.some((i: { member: { id: string } }) => i.member.id === t.answerer));
    const fresh = await admin.post("/api/v1/community/mvp/terms", { memberId: t.answerer, months: 12 });
    assert.equal(fresh.body.renewal, false, "after expiry an award is a new term, not a renewal");

    const declined = await customer.post("/api/v1/community/mvp/nominations", { memberId: t.asker, reason });
    const no = await admin.post(`/api/v1/community/mvp/nominations/${declined.body.id}/decision`, {
      decision: "decline",
    });
    assert.equal(no.body.status, "declined");
    assert.equal(
      (await other.get(`/api/v1/community/mvp/nominations?status=declined`)).body.items.length,
      0,
      "per workspace",
    );
  });
});

describe("leaderboards", () => {
  test("competition ranking with ties, per period and category; staff left out; private categories do not leak", async () => {
    const board = await c.category("Board games");
    const staffOnly = await c.category("Internal", "staff");
    const asker = await c.member("Board asker");
    const [a, b, d] = [await c.member("Ann"), await c.member("Bea"), await c.member("Dot")];
    const staff = await c.member("Sam Staff", { staff: true });
    const voters = [await c.member("V1"), await c.member("V2")];
    const answerIn = async (category: string, author: string, votes: number) => {
      const q = await c.question(category, asker);
      const p = await c.answer(q.topicId, author);
      for (let i = 0; i < votes; i++) await c.vote(p, voters[i] as string, 1);
    };
    await answerIn(board, a, 2); // 20
    await answerIn(board, b, 2); // 20
    await answerIn(board, d, 1); // 10
    await answerIn(board, staff, 2);
    await answerIn(staffOnly, d, 2); // 20 more for Dot, in a staff-only category

    for (const period of ["week", "month", "all"]) {
      const res = await anon.get(`/api/v1/community/leaderboard?period=${period}&categoryId=${board}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(
        res.body.items.map((i: { rank: number; member: { displayName: string }; points: number }) => [
          i.rank,
          i.member.displayName,
          i.points,
        ]),
        [
          [1, [a, b].sort()[0] === a ? "Ann" : "Bea", 20],
          [1, [a, b].sort()[0] === a ? "Bea" : "Ann", 20],
          [3, "Dot", 10],
        ],
        period,
      );
    }
    const week = await anon.get(`/api/v1/community/leaderboard?period=week&categoryId=${board}`);
    assert.match(week.body.since, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(new Date(`${week.body.since}T00:00:00Z`).getUTCDay(), 1, "weeks start on Monday");

    assert.equal((await anon.get(`/api/v1/community/leaderboard?categoryId=${staffOnly}`)).status, 404);
    assert.equal((await customer.get(`/api/v1/community/leaderboard?categoryId=${staffOnly}`)).status, 404);
    const internal = await agent.get(`/api/v1/community/leaderboard?categoryId=${staffOnly}`);
    assert.equal(internal.status, 200);
    assert.equal(internal.body.items[0].member.displayName, "Dot");
    assert.equal(
      (await other.get(`/api/v1/community/leaderboard?categoryId=${board}`)).status,
      404,
      "another workspace",
    );

    // An MVP-only category opens to the customer once they are an MVP.
    const mvpOnly = await c.category("MVP lounge", "mvp");
    assert.equal((await customer.get(`/api/v1/community/leaderboard?categoryId=${mvpOnly}`)).status, 404);
    const { rows } = await server.runtime.ctx.pool.query(
      "select m.id from community_members m join auth.user u on u.id = m.user_id where u.email = $1",
      [customerEmail],
    );
    assert.equal(
      (await admin.post("/api/v1/community/mvp/terms", { memberId: rows[0].id, months: 1 })).status,
      201,
    );
    assert.equal((await customer.get(`/api/v1/community/leaderboard?categoryId=${mvpOnly}`)).status, 200);
    assert.equal((await anon.get(`/api/v1/community/leaderboard?categoryId=${mvpOnly}`)).status, 404);

    const overall = await anon.get("/api/v1/community/leaderboard?period=all&limit=100");
    assert.ok(
      !overall.body.items.some((i: { member: { isStaff: boolean } }) => i.member.isStaff),
      "staff are not ranked",
    );
    const ranks = overall.body.items.map((i: { rank: number }) => i.rank);
    assert.deepEqual(
      ranks,
      [...ranks].sort((x: number, y: number) => x - y),
    );
    const bad = await anon.get("/api/v1/community/leaderboard?period=year");
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "period");
  });
});
