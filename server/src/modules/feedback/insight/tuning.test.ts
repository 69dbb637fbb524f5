import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  F,
  type FeedbackWorld,
  ids,
  newBoard,
  newCustomer,
  newIdea,
  startFeedbackWorld,
  vote,
} from "../feedback.testkit.ts";

/**
 * Issue #17: "ideas ranked by a transparent score the admin can tune". insight.test.ts checks the
 * arithmetic with weights written straight into the table; this checks the admin's path end to
 * end: PUT /settings through the API, then both rankings that use the score (the prioritisation
 * view and the ideas list's sort=score, which reaches insight through the hook the app installs).
 */
let w: FeedbackWorld;
let board: string;
let loud: string;
let valuable: string;
before(async () => {
  w = await startFeedbackWorld();
  board = await newBoard(w.admin, "Tuning");
  // Many voices without a value, against one voice that pays a lot.
  loud = (await newIdea(w.alice, board, { title: "Widgets on the lock screen" })).id;
  for (const c of [w.alice, w.bob, w.carol]) await vote(c, loud);
  valuable = (await newIdea(w.alice, board, { title: "Single sign-on for the team plan" })).id;
  const payer = await newCustomer(w.agent, "Petra Payer");
  await w.server.runtime.ctx.pool.query(
    "insert into facts (workspace_id, customer_id, key, value) select workspace_id, id, 'mrr', '5000' from customers where id = $1",
    [payer],
  );
  await vote(w.agent, valuable, { customerId: payer });
});
after(() => w.server.close());

type Ranked = { idea: { id: string }; terms: { value: { total: number; weight: number; points: number } } };
const priorities = async (): Promise<Ranked[]> => {
  const res = await w.agent.get(`${F}/priorities?boardId=${board}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.items;
};
const byScore = async (): Promise<string[]> => {
  const res = await w.agent.get(`${F}/ideas?boardId=${board}&sort=score`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return ids(res.body.items);
};
const tune = async (change: Record<string, unknown>) => {
  const current = (await w.admin.get(`${F}/settings`)).body;
  const res = await w.admin.put(`${F}/settings`, { ...current, ...change });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
};

test("the admin's weights and value fact, set through the API, reorder the prioritisation view and sort=score", async () => {
  // Defaults: no value fact chosen, so only the number of requesters speaks.
  assert.deepEqual(
    (await priorities()).map((r) => r.idea.id),
    [loud, valuable],
  );
  assert.deepEqual(await byScore(), [loud, valuable]);

  // Counting monthly revenue puts the paying customer's request first, and says why.
  const settings = await tune({ valueFactKey: "mrr" });
  const ranked = await priorities();
  assert.deepEqual(
    ranked.map((r) => r.idea.id),
    [valuable, loud],
  );
  assert.deepEqual(ranked[0]?.terms.value, { total: 5000, weight: 1, points: 5000 });
  assert.deepEqual(await byScore(), [valuable, loud]);

  // Weighing value at nothing and voices heavily turns it back, on both rankings.
  await tune({ scoreWeights: { ...settings.scoreWeights, value: 0, requesters: 100 } });
  const reweighed = await priorities();
  assert.deepEqual(
    reweighed.map((r) => r.idea.id),
    [loud, valuable],
  );
  assert.deepEqual(reweighed[1]?.terms.value, { total: 5000, weight: 0, points: 0 });
  assert.deepEqual(await byScore(), [loud, valuable]);
});
