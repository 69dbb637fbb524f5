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
import { startTestServer, type TestServer } from "../../../../test/harness.ts";
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
