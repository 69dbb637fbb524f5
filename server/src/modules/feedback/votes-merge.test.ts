import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type FeedbackEvent, onFeedbackEvent } from "./events.ts";
import {
  F,
  type FeedbackWorld,
  getIdea,
  ids,
  newCase,
  newCustomer,
  newIdea,
  startFeedbackWorld,
  vote,
} from "./feedback.testkit.ts";

let w: FeedbackWorld;
const events: FeedbackEvent[] = [];
let failMerges = false;
let hook: string;
before(async () => {
  w = await startFeedbackWorld();
  onFeedbackEvent(async (_ctx, e) => {
    events.push(e);
    // A listener failing inside the merge's transaction: nothing of the merge may stay.
    if (failMerges && e.type === "idea.merged") throw new Error("listener failed");
  });
  const res = await w.admin.post("/api/v1/webhooks", {
    url: "https://hooks.example.com/feedback",
    events: ["idea.merged"],
  });
  hook = res.body.id;
});
after(() => w.server.close());

const q = (sql: string, params: unknown[] = []) => w.server.runtime.ctx.pool.query(sql, params);
const voteRows = async (ideaId: string) =>
  (await q("select customer_id, cast_by_user_id from feedback_votes where idea_id = $1", [ideaId])).rows;
const requesterRows = async (ideaId: string) =>
  (
    await q(
      "select customer_id, by_vote, by_case from feedback_requesters where idea_id = $1 order by customer_id",
      [ideaId],
    )
  ).rows;

describe("votes", () => {
  test("one vote per customer: a second vote changes nothing; taking it back counts down", async () => {
    const idea = await newIdea(w.alice, w.boards.pub);
    assert.deepEqual(await vote(w.bob, idea.id), { votes: 1, myVote: true });
    assert.deepEqual(await vote(w.bob, idea.id), { votes: 1, myVote: true }, "idempotent");
    assert.equal((await voteRows(idea.id)).length, 1);
    const bobView = await getIdea(w.bob, idea.id);
    assert.equal(bobView.myVote, true);
    assert.equal(bobView.votes, 1);
    assert.equal(bobView.requesters, 1);
    assert.equal(bobView.subscribed, true, "voters follow the idea");
    assert.equal((await getIdea(w.carol, idea.id)).myVote, false, "customers see their own votes only");
    const off = await w.bob.delete(`${F}/ideas/${idea.id}/votes`);
    assert.deepEqual(off.body, { votes: 0, myVote: false });
    assert.equal((await getIdea(w.anon, idea.id)).requesters, 0);
    assert.deepEqual((await w.bob.delete(`${F}/ideas/${idea.id}/votes`)).body, { votes: 0, myVote: false });
  });

  // The idea page was checked above; a customer scanning a list must also see which they backed.
  test("lists mark the ideas the customer voted for, and only theirs", async () => {
    const board = (await w.admin.post(`${F}/boards`, { name: "My votes" })).body.id;
    const backed = await newIdea(w.alice, board);
    const other = await newIdea(w.alice, board);
    await vote(w.bob, backed.id);
    await vote(w.carol, other.id);
    const mine = async (client: typeof w.bob) => {
      const res = await client.get(`${F}/ideas?boardId=${board}&sort=recent`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return Object.fromEntries(res.body.items.map((i: { id: string; myVote: boolean }) => [i.id, i.myVote]));
    };
    assert.deepEqual(await mine(w.bob), { [backed.id]: true, [other.id]: false });
    assert.deepEqual(await mine(w.carol), { [backed.id]: false, [other.id]: true });
    assert.deepEqual(await mine(w.anon), { [backed.id]: false, [other.id]: false });
  });

  test("votes racing each other still count once (the database decides)", async () => {
    const idea = await newIdea(w.alice, w.boards.pub);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => w.carol.post(`${F}/ideas/${idea.id}/votes`, {})),
    );
    assert.deepEqual(
      results.map((r) => r.status),
      [200, 200, 200, 200, 200, 200],
    );
    assert.equal((await getIdea(w.anon, idea.id)).votes, 1);
    assert.equal((await voteRows(idea.id)).length, 1);
    await assert.rejects(
      q(
        "insert into feedback_votes (workspace_id, idea_id, customer_id) select workspace_id, id, $2 from feedback_ideas where id = $1",
        [idea.id, w.customers.carol],
      ),
      /duplicate key/,
    );
  });

  test("staff vote on a customer's behalf, recorded as such; nobody else may", async () => {
    const idea = await newIdea(w.alice, w.boards.pub);
    const dana = await newCustomer(w.agent, "Dana Phone-Caller");
    const res = await w.agent.post(`${F}/ideas/${idea.id}/votes`, { customerId: dana });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.votes, 1);
    const [row] = await voteRows(idea.id);
    assert.equal(row.customer_id, dana);
    assert.ok(row.cast_by_user_id, "the staff member who cast it is recorded");
    const sub = await q("select reason from feedback_subscriptions where idea_id = $1 and customer_id = $2", [
      idea.id,
      dana,
    ]);
    assert.equal(sub.rows[0]?.reason, "voter");
    const asCustomer = await w.bob.post(`${F}/ideas/${idea.id}/votes`, { customerId: dana });
    assert.equal(asCustomer.status, 403);
    assert.equal(asCustomer.body.error.field, "customerId");
    const noOne = await w.agent.post(`${F}/ideas/${idea.id}/votes`, {});
    assert.equal(noOne.status, 400);
    assert.equal(noOne.body.error.field, "customerId");
    const ghost = await w.agent.post(`${F}/ideas/${idea.id}/votes`, {
      customerId: "00000000-0000-4000-8000-000000000000",
    });
    assert.equal(ghost.status, 404);
    assert.equal(ghost.body.error.field, "customerId");
    assert.equal(
      (await w.anon.post(`${F}/ideas/${idea.id}/votes`, {})).status,
      401,
      "voting needs a sign-in",
    );
    const undo = await w.agent.delete(`${F}/ideas/${idea.id}/votes?customerId=${dana}`);
    assert.deepEqual(undo.body, { votes: 0, myVote: false });
  });
});

describe("merging duplicates", () => {
  test("votes, requesters, followers and cases move without double counting; both sides show the link", async () => {
    const a = await newIdea(w.alice, w.boards.pub, { title: "Night mode" });
    const b = await newIdea(w.bob, w.boards.pub, { title: "Dark theme" });
    await vote(w.alice, a.id);
    await vote(w.bob, a.id);
    await vote(w.bob, b.id);
    await vote(w.carol, b.id);
    const erin = await newCustomer(w.agent, "Erin Evidence");
    const c1 = await newCase(w.agent, erin);
    await w.agent.post(`${F}/ideas/${a.id}/cases`, { caseId: c1.id });
    const shared = await newCase(w.agent, w.customers.carol);
    await w.agent.post(`${F}/ideas/${a.id}/cases`, { caseId: shared.id });
    assert.equal((await getIdea(w.agent, a.id)).requesters, 4);
    const before = events.length;
    const res = await w.agent.post(`${F}/ideas/${a.id}/merge`, { intoId: b.id });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body, { id: a.id, intoId: b.id });
    const original = await getIdea(w.agent, b.id);
    assert.equal(original.votes, 3, "alice, bob (once) and carol");
    assert.equal(original.requesters, 4, "plus erin by case; carol counted once");
    assert.equal(original.caseCount, 2);
    assert.deepEqual(ids(original.duplicates), [a.id]);
    assert.equal((await voteRows(b.id)).length, 3);
    assert.equal((await voteRows(a.id)).length, 0);
    const carol = (await requesterRows(b.id)).find((r) => r.customer_id === w.customers.carol);
    assert.deepEqual([carol.by_vote, carol.by_case], [true, true]);
    const dup = await getIdea(w.anon, a.id);
    assert.equal(dup.status, "duplicate");
    assert.equal(dup.mergedInto.id, b.id, "the duplicate still answers and says where it went");
    assert.equal(dup.votes, 0);
    assert.equal(
      (await getIdea(w.alice, b.id)).subscribed,
      true,
      "the duplicate's followers follow the original",
    );
    const moved = await q(
      "select reason from feedback_subscriptions where idea_id = $1 and customer_id = $2",
      [b.id, erin],
    );
    assert.equal(moved.rows[0]?.reason, "merged");
    const cases = await w.agent.get(`${F}/ideas/${b.id}/cases`);
    assert.deepEqual(
      ids(cases.body.items.map((c: { caseId: string }) => ({ id: c.caseId }))).sort(),
      [c1.id, shared.id].sort(),
    );
    const merged = events.slice(before).filter((e) => e.type === "idea.merged");
    assert.equal(merged.length, 1);
    assert.deepEqual([merged[0]?.ideaId, (merged[0] as { intoId: string }).intoId], [a.id, b.id]);
    const hooks = (await q("select body from webhook_deliveries where endpoint_id = $1", [hook])).rows.map(
      (r) => JSON.parse(r.body).data,
    );
    assert.ok(hooks.some((d) => d.idea.id === a.id && d.into.id === b.id));
    // Listed without the duplicate, unless duplicates are asked for.
    assert.ok(!ids((await w.anon.get(`${F}/ideas?pageSize=100`)).body.items).includes(a.id));
    assert.ok(ids((await w.anon.get(`${F}/ideas?status=duplicate&pageSize=100`)).body.items).includes(a.id));
    // Repeating the merge changes nothing; a vote on the duplicate counts for the original.
    assert.deepEqual((await w.agent.post(`${F}/ideas/${a.id}/merge`, { intoId: b.id })).body, res.body);
    assert.equal((await getIdea(w.anon, b.id)).votes, 3);
    const dana = await newCustomer(w.agent, "Dana Late");
    assert.equal((await vote(w.agent, a.id, { customerId: dana })).votes, 4);
    assert.equal((await voteRows(a.id)).length, 0);
  });

  test("chains resolve to the final original; merging into itself or its own duplicate is 422 intoId", async () => {
    const a = await newIdea(w.alice, w.boards.pub);
    const b = await newIdea(w.alice, w.boards.pub);
    const c = await newIdea(w.alice, w.boards.pub);
    const d = await newIdea(w.alice, w.boards.pub);
    await vote(w.bob, a.id);
    await vote(w.bob, b.id);
    await vote(w.carol, c.id);
    await w.agent.post(`${F}/ideas/${a.id}/merge`, { intoId: b.id });
    await w.agent.post(`${F}/ideas/${b.id}/merge`, { intoId: c.id });
    assert.equal((await getIdea(w.anon, a.id)).mergedInto.id, c.id, "ideas merged into B now point at C");
    const final = await getIdea(w.anon, c.id);
    assert.deepEqual(ids(final.duplicates).sort(), [a.id, b.id].sort());
    assert.equal(final.votes, 2, "bob once, carol");
    const viaDup = await w.agent.post(`${F}/ideas/${d.id}/merge`, { intoId: a.id });
    assert.deepEqual(
      viaDup.body,
      { id: d.id, intoId: c.id },
      "merging into a duplicate lands on its original",
    );
    const self = await w.agent.post(`${F}/ideas/${c.id}/merge`, { intoId: c.id });
    assert.equal(self.status, 422);
    assert.equal(self.body.error.field, "intoId");
    const cycle = await w.agent.post(`${F}/ideas/${c.id}/merge`, { intoId: a.id });
    assert.equal(cycle.status, 422);
    assert.equal(cycle.body.error.field, "intoId");
    const elsewhere = await w.agent.post(`${F}/ideas/${a.id}/merge`, {
      intoId: (await newIdea(w.alice, w.boards.pub)).id,
    });
    assert.equal(elsewhere.status, 422, "a duplicate is not merged a second time elsewhere");
    assert.equal((await w.alice.post(`${F}/ideas/${c.id}/merge`, { intoId: d.id })).status, 403);
    const status = await w.agent.patch(`${F}/ideas/${a.id}`, { status: "planned" });
    assert.equal(status.status, 422, "a duplicate's status follows its original");
  });

  // Agents often link one complaint to two ideas that later turn out to be the same request.
  test("a case linked to both sides counts once on the original, as its customer does", async () => {
    const a = await newIdea(w.alice, w.boards.pub, { title: "Export to spreadsheet" });
    const b = await newIdea(w.alice, w.boards.pub, { title: "CSV download of reports" });
    const ivo = await newCustomer(w.agent, "Ivo Twice-Linked");
    const both = await newCase(w.agent, ivo);
    for (const idea of [a, b]) {
      const res = await w.agent.post(`${F}/ideas/${idea.id}/cases`, { caseId: both.id });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    }
    assert.equal((await w.agent.post(`${F}/ideas/${a.id}/merge`, { intoId: b.id })).status, 200);
    const original = await getIdea(w.agent, b.id);
    assert.deepEqual([original.caseCount, original.requesters, original.votes], [1, 1, 0]);
    const cases = (await w.agent.get(`${F}/ideas/${b.id}/cases`)).body.items;
    assert.deepEqual(
      cases.map((c: { caseId: string }) => c.caseId),
      [both.id],
    );
    assert.deepEqual(await requesterRows(b.id), [{ customer_id: ivo, by_vote: false, by_case: true }]);
  });

  test("a merge that fails half-way leaves nothing moved", async () => {
    const a = await newIdea(w.alice, w.boards.pub);
    const b = await newIdea(w.alice, w.boards.pub);
    await vote(w.bob, a.id);
    await vote(w.carol, b.id);
    failMerges = true;
    try {
      const res = await w.agent.post(`${F}/ideas/${a.id}/merge`, { intoId: b.id });
      assert.equal(res.status, 500);
    } finally {
      failMerges = false;
    }
    const [ra, rb] = [await getIdea(w.agent, a.id), await getIdea(w.agent, b.id)];
    assert.equal(ra.status, "open");
    assert.equal(ra.mergedInto, null);
    assert.equal(ra.votes, 1);
    assert.equal(rb.votes, 1);
    assert.equal((await voteRows(a.id)).length, 1);
  });

  test("someone who unsubscribed from either side stays unsubscribed after the merge", async () => {
    const a = await newIdea(w.alice, w.boards.pub);
    const b = await newIdea(w.carol, w.boards.pub);
    await vote(w.bob, a.id);
    await w.bob.delete(`${F}/ideas/${a.id}/subscription`);
    await w.agent.post(`${F}/ideas/${a.id}/merge`, { intoId: b.id });
    assert.equal((await getIdea(w.bob, b.id)).subscribed, false);
    assert.equal((await getIdea(w.alice, b.id)).subscribed, true);
  });
});

describe("cases as evidence", () => {
  test("linking a case makes its customer a requester without a vote, once, and notes it on the case", async () => {
    const idea = await newIdea(w.alice, w.boards.pub);
    const fay = await newCustomer(w.agent, "Fay Caller");
    const c = await newCase(w.agent, fay);
    const res = await w.agent.post(`${F}/ideas/${idea.id}/cases`, { caseId: c.id });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(
      (await w.agent.post(`${F}/ideas/${idea.id}/cases`, { caseId: c.id })).status,
      200,
      "idempotent",
    );
    const shown = await getIdea(w.agent, idea.id);
    assert.equal(shown.votes, 0, "no public vote");
    assert.equal(shown.requesters, 1);
    assert.equal(shown.caseCount, 1);
    assert.deepEqual(await requesterRows(idea.id), [{ customer_id: fay, by_vote: false, by_case: true }]);
    const cases = await w.agent.get(`${F}/ideas/${idea.id}/cases`);
    assert.equal(cases.body.items[0].caseNumber, c.number);
    assert.equal(cases.body.items[0].customerName, "Fay Caller");
    const timeline = await w.agent.get(`/api/v1/cases/${c.id}/timeline`);
    const linked = timeline.body.items.filter((e: { kind: string }) => e.kind === "idea.linked");
    assert.equal(linked.length, 1, "once, however often it is linked");
    assert.equal(linked[0].data.ideaId, idea.id);
    assert.ok(events.some((e) => e.type === "idea.case_linked" && e.caseId === c.id));
    const sub = await q("select reason from feedback_subscriptions where idea_id = $1 and customer_id = $2", [
      idea.id,
      fay,
    ]);
    assert.equal(sub.rows[0]?.reason, "case");
    // The case page finds the ideas linked to it; for customers the filter matches nothing.
    assert.deepEqual(ids((await w.agent.get(`${F}/ideas?caseId=${c.id}`)).body.items), [idea.id]);
    assert.deepEqual((await w.alice.get(`${F}/ideas?caseId=${c.id}`)).body.items, []);
    assert.equal((await w.alice.post(`${F}/ideas/${idea.id}/cases`, { caseId: c.id })).status, 403);
    assert.equal((await w.alice.get(`${F}/ideas/${idea.id}/cases`)).status, 403);
    const ghost = await w.agent.post(`${F}/ideas/${idea.id}/cases`, {
      caseId: "00000000-0000-4000-8000-000000000000",
    });
    assert.equal(ghost.status, 404);
    assert.equal(ghost.body.error.field, "caseId");
  });

  test("unlinking keeps the requester only while they voted or have another linked case", async () => {
    const idea = await newIdea(w.alice, w.boards.pub);
    const c1 = await newCase(w.agent, w.customers.bob, "First ask");
    const c2 = await newCase(w.agent, w.customers.bob, "Second ask");
    await w.agent.post(`${F}/ideas/${idea.id}/cases`, { caseId: c1.id });
    await w.agent.post(`${F}/ideas/${idea.id}/cases`, { caseId: c2.id });
    assert.equal((await getIdea(w.agent, idea.id)).requesters, 1, "one customer, two cases");
    assert.equal((await w.agent.delete(`${F}/ideas/${idea.id}/cases/${c1.id}`)).status, 204);
    assert.equal((await getIdea(w.agent, idea.id)).requesters, 1);
    await vote(w.bob, idea.id);
    assert.equal((await w.agent.delete(`${F}/ideas/${idea.id}/cases/${c2.id}`)).status, 204);
    assert.deepEqual(await requesterRows(idea.id), [
      { customer_id: w.customers.bob, by_vote: true, by_case: false },
    ]);
    await w.bob.delete(`${F}/ideas/${idea.id}/votes`);
    const after = await getIdea(w.agent, idea.id);
    assert.deepEqual([after.requesters, after.caseCount, after.votes], [0, 0, 0]);
    assert.equal((await w.agent.delete(`${F}/ideas/${idea.id}/cases/${c2.id}`)).status, 404);
  });

  test("staff create an idea for the customer from their case in one step", async () => {
    const gus = await newCustomer(w.agent, "Gus From-Case");
    const c = await newCase(w.agent, gus);
    const res = await w.agent.post(`${F}/ideas`, {
      boardId: w.boards.pub,
      title: "Bulk export of invoices",
      customerId: gus,
      caseId: c.id,
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.author.id, gus);
    assert.equal(res.body.requesters, 1);
    assert.equal(res.body.caseCount, 1);
    assert.equal(res.body.votes, 0);
    const row = (await q("select created_by_user_id from feedback_ideas where id = $1", [res.body.id]))
      .rows[0];
    assert.ok(row.created_by_user_id, "the staff member who raised it is recorded");
  });

  test("the value of the requesters is shown to staff in the chosen fact", async () => {
    const settings = (await w.admin.get(`${F}/settings`)).body;
    await w.admin.put(`${F}/settings`, { ...settings, valueFactKey: "mrr" });
    const idea = await newIdea(w.alice, w.boards.pub);
    const hal = await newCustomer(w.agent, "Hal Payer");
    await q(
      "insert into facts (workspace_id, customer_id, key, value) select workspace_id, id, 'mrr', '250' from customers where id = $1",
      [hal],
    );
    await vote(w.agent, idea.id, { customerId: hal });
    await vote(w.bob, idea.id);
    assert.deepEqual((await getIdea(w.agent, idea.id)).requesterValue, { factKey: "mrr", total: 250 });
    assert.equal((await getIdea(w.bob, idea.id)).requesterValue, null);
  });
});
