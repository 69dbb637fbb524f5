import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import { F, type FeedbackWorld, getIdea, newIdea, startFeedbackWorld, vote } from "./feedback.testkit.ts";
import { ANONYMOUS_VOTE_LIMIT } from "./votes-anonymous.ts";

/**
 * Anonymous voting (issue #17): off by default (401, as before), and when a manager turns it on
 * a visitor votes on public ideas once per visitor cookie, counted in the votes but not as a
 * requester, rate-limited per address. Every anonymous vote in this file shares one address
 * and the limit, so the rate-limit test comes last and counts what is left.
 */
let w: FeedbackWorld;
before(async () => {
  w = await startFeedbackWorld();
});
after(() => w.server.close());

const q = (sql: string, params: unknown[] = []) => w.server.runtime.ctx.pool.query(sql, params);
const visitor = () => new TestClient(w.server.url);
// Anonymous votes cast so far (the limiter counts each route on its own, so deletes do not count).
let anonymousCalls = 0;
const anonVote = (client: TestClient, ideaId: string, method: "post" | "delete" = "post") => {
  if (method === "post") anonymousCalls++;
  return method === "post"
    ? client.post(`${F}/ideas/${ideaId}/votes`, {})
    : client.delete(`${F}/ideas/${ideaId}/votes`);
};
async function setAnonymousVoting(on: boolean) {
  const current = await w.admin.get(`${F}/settings`);
  const res = await w.admin.put(`${F}/settings`, { ...current.body, anonymousVoting: on });
  assert.equal(res.status, 200, JSON.stringify(res.body));
}

describe("anonymous votes", () => {
  test("off by default: a visitor's vote is refused with 401 and nothing is counted", async () => {
    const idea = await newIdea(w.alice, w.boards.pub);
    const res = await anonVote(visitor(), idea.id);
    assert.equal(res.status, 401);
    assert.equal(res.body.error.code, "unauthenticated");
    assert.equal((await getIdea(w.anon, idea.id)).votes, 0);
  });

  test("on: a visitor counts once, a second vote is idempotent, another visitor counts too", async () => {
    await setAnonymousVoting(true);
    const idea = await newIdea(w.alice, w.boards.pub);
    await vote(w.bob, idea.id);
    const first = visitor();
    const res = await anonVote(first, idea.id);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body, { votes: 2, myVote: true });
    const cookie = /^rapport_hv=([\w-]+);.*HttpOnly; SameSite=Lax/.exec(res.headers.get("set-cookie") ?? "");
    assert.ok(cookie, "the visitor gets the first-party visitor cookie");
    assert.deepEqual((await anonVote(first, idea.id)).body, { votes: 2, myVote: true }, "idempotent");
    assert.deepEqual((await anonVote(visitor(), idea.id)).body, { votes: 3, myVote: true });

    const detail = await getIdea(w.anon, idea.id);
    assert.equal(detail.votes, 3, "anonymous votes count");
    assert.equal(detail.requesters, 1, "a visitor is not a requester: only bob is");
    const rows = (
      await q("select visitor_hash from feedback_votes where idea_id = $1 and customer_id is null", [idea.id])
    ).rows;
    assert.equal(rows.length, 2);
    assert.ok(
      rows.every((r) => r.visitor_hash && !r.visitor_hash.includes(cookie[1] as string)),
      "only a hash of the cookie is stored",
    );
    const follows = await q("select count(*)::int as n from feedback_subscriptions where idea_id = $1", [
      idea.id,
    ]);
    assert.equal(follows.rows[0].n, 2, "alice (author) and bob (voter) follow; visitors follow nothing");

    const back = await anonVote(first, idea.id, "delete");
    assert.deepEqual(back.body, { votes: 2, myVote: false }, "the same visitor takes their vote back");
    assert.deepEqual(
      (await anonVote(visitor(), idea.id, "delete")).body,
      { votes: 2, myVote: false },
      "a visitor who never voted removes nothing",
    );
    assert.equal((await getIdea(w.anon, idea.id)).votes, 2);
  });

  test("on: ideas on boards a visitor cannot read are 404; naming a customer needs signing in", async () => {
    const forCustomers = await newIdea(w.alice, w.boards.customers);
    const forStaff = await newIdea(w.admin, w.boards.staff);
    for (const idea of [forCustomers, forStaff]) {
      const res = await anonVote(visitor(), idea.id);
      assert.equal(res.status, 404);
      assert.equal((await getIdea(w.admin, idea.id)).votes, 0);
    }
    anonymousCalls++;
    const onBehalf = await visitor().post(`${F}/ideas/${w.idea.id}/votes`, { customerId: w.customers.bob });
    assert.equal(onBehalf.status, 401);
  });

  test("a merge carries visitors' votes to the original without counting a visitor twice", async () => {
    const original = await newIdea(w.alice, w.boards.pub);
    const dup = await newIdea(w.bob, w.boards.pub);
    const both = visitor();
    await anonVote(both, original.id);
    await anonVote(both, dup.id);
    await anonVote(visitor(), dup.id);
    const merged = await w.agent.post(`${F}/ideas/${dup.id}/merge`, { intoId: original.id });
    assert.equal(merged.status, 200, JSON.stringify(merged.body));
    assert.equal((await getIdea(w.anon, original.id)).votes, 2);
  });

  test("a visitor cannot vote from another site", async () => {
    const idea = await newIdea(w.alice, w.boards.pub);
    anonymousCalls++;
    const res = await new TestClient(w.server.url, { origin: "https://evil.example" }).post(
      `${F}/ideas/${idea.id}/votes`,
      {},
    );
    assert.equal(res.status, 403);
    assert.equal((await getIdea(w.anon, idea.id)).votes, 0);
  });

  test("anonymous votes are rate-limited per address; signed-in customers are not", async () => {
    const idea = await newIdea(w.alice, w.boards.pub);
    assert.ok(anonymousCalls < ANONYMOUS_VOTE_LIMIT.max, "earlier tests left room under the limit");
    let limited: Awaited<ReturnType<typeof anonVote>> | undefined;
    for (let i = anonymousCalls; i <= ANONYMOUS_VOTE_LIMIT.max && !limited; i++) {
      // A fresh cookie every time, as a script would: the address still runs out.
      const res = await anonVote(visitor(), idea.id);
      if (res.status === 429) limited = res;
      else assert.equal(res.status, 200, JSON.stringify(res.body));
    }
    assert.ok(limited, `no 429 after ${ANONYMOUS_VOTE_LIMIT.max} anonymous votes`);
    assert.equal(limited.body.error.code, "rate_limited");
    const counted = (await getIdea(w.anon, idea.id)).votes;
    assert.ok(counted < ANONYMOUS_VOTE_LIMIT.max, "the refused votes were not counted");
    assert.deepEqual(await vote(w.carol, idea.id), { votes: counted + 1, myVote: true });
    await setAnonymousVoting(false);
  });
});
