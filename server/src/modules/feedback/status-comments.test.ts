import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  EXPLANATION,
  F,
  type FeedbackWorld,
  getIdea,
  ids,
  newIdea,
  recordFeedbackEvents,
  startFeedbackWorld,
  vote,
  watchWebhooks,
} from "./feedback.testkit.ts";

let w: FeedbackWorld;
const events = recordFeedbackEvents();
let deliveries: Awaited<ReturnType<typeof watchWebhooks>>;
before(async () => {
  w = await startFeedbackWorld();
  deliveries = await watchWebhooks(w, ["idea.status_changed"]);
});
after(() => w.server.close());

const q = (sql: string, params: unknown[] = []) => w.server.runtime.ctx.pool.query(sql, params);

describe("honest answers", () => {
  test("declining without an explanation of 30 characters is 422 naming explanation, and changes nothing", async () => {
    const idea = await newIdea(w.alice, w.boards.pub);
    const none = await w.agent.patch(`${F}/ideas/${idea.id}`, { status: "declined" });
    assert.equal(none.status, 422);
    assert.equal(none.body.error.field, "explanation");
    const short = await w.agent.patch(`${F}/ideas/${idea.id}`, {
      status: "declined",
      explanation: "   no.   ",
    });
    assert.equal(short.status, 422);
    assert.equal(short.body.error.field, "explanation");
    const after = await getIdea(w.anon, idea.id);
    assert.equal(after.status, "open");
    assert.deepEqual(after.history, []);
  });

  test("the database refuses a decline without explanation too, whoever writes it", async () => {
    await assert.rejects(
      q("update feedback_ideas set status = 'declined', status_explanation = 'short' where id = $1", [
        w.idea.id,
      ]),
      /check/,
    );
    assert.equal((await getIdea(w.anon, w.idea.id)).status, "open");
  });

  test("a decline with its explanation is shown, kept in history, announced once, and repeating it is a no-op", async () => {
    const idea = await newIdea(w.alice, w.boards.pub);
    const before = events.length;
    const res = await w.agent.patch(`${F}/ideas/${idea.id}`, {
      status: "declined",
      explanation: EXPLANATION,
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.status, "declined");
    assert.equal(res.body.statusExplanation, EXPLANATION);
    assert.ok(res.body.statusChangedAt);
    const shown = await getIdea(w.anon, idea.id);
    assert.deepEqual(
      shown.history.map((h: { from: string; to: string; explanation: string }) => [
        h.from,
        h.to,
        h.explanation,
      ]),
      [["open", "declined", EXPLANATION]],
    );
    const changed = events.slice(before).filter((e) => e.type === "idea.status_changed");
    assert.equal(changed.length, 1);
    assert.equal((changed[0] as { explanation: string }).explanation, EXPLANATION);
    const hooks = (await deliveries("idea.status_changed")).filter((d) => d.idea.id === idea.id);
    assert.equal(hooks.length, 1);
    assert.equal(hooks[0]?.explanation, EXPLANATION);
    const again = await w.agent.patch(`${F}/ideas/${idea.id}`, { status: "declined" });
    assert.equal(again.status, 200, "same status, no new explanation: nothing to do");
    assert.equal((await getIdea(w.anon, idea.id)).history.length, 1);
  });

  test("duplicate is reached only by merging; done is dated; labels rename statuses but not their meaning", async () => {
    const idea = await newIdea(w.alice, w.boards.pub);
    const dup = await w.agent.patch(`${F}/ideas/${idea.id}`, { status: "duplicate" });
    assert.equal(dup.status, 422);
    assert.equal(dup.body.error.field, "status");
    const settings = await w.admin.get(`${F}/settings`);
    const put = await w.admin.put(`${F}/settings`, {
      ...settings.body,
      statusLabels: { planned: "Next up", declined: "Not for now" },
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    try {
      const planned = await w.agent.patch(`${F}/ideas/${idea.id}`, { status: "planned" });
      assert.equal(planned.body.statusLabel, "Next up");
      const declined = await w.agent.patch(`${F}/ideas/${idea.id}`, { status: "declined" });
      assert.equal(declined.status, 422, "a renamed 'declined' still needs its explanation");
      await w.agent.patch(`${F}/ideas/${idea.id}`, { status: "done", explanation: "Shipped in 4.2" });
      const row = (await q("select done_at, status_changed_at from feedback_ideas where id = $1", [idea.id]))
        .rows[0];
      assert.ok(row.done_at);
    } finally {
      await w.admin.put(`${F}/settings`, { ...settings.body, statusLabels: {} });
    }
  });
});

describe("settings", () => {
  test("triage reads them, managers change them; the defaults stand until then", async () => {
    const read = await w.agent.get(`${F}/settings`);
    assert.equal(read.status, 200);
    assert.equal(read.body.anonymousVoting, false, "anonymous voting is off by default");
    assert.equal(read.body.scoreWeights.requesters, 10);
    assert.equal((await w.alice.get(`${F}/settings`)).status, 403);
    assert.equal((await w.agent.put(`${F}/settings`, read.body)).status, 403);
    const bad = await w.admin.put(`${F}/settings`, { ...read.body, valueFactKey: "no spaces please" });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "valueFactKey");
    const ok = await w.admin.put(`${F}/settings`, { ...read.body, valueFactKey: "mrr" });
    assert.equal(ok.body.valueFactKey, "mrr");
    assert.equal((await w.agent.get(`${F}/settings`)).body.valueFactKey, "mrr");
  });
});

describe("comments and following", () => {
  test("official answers are for triage; commenters follow; the author or staff delete", async () => {
    const idea = await newIdea(w.alice, w.boards.pub);
    const fake = await w.bob.post(`${F}/ideas/${idea.id}/comments`, {
      body: "Official: yes!",
      official: true,
    });
    assert.equal(fake.status, 403);
    assert.equal(fake.body.error.field, "official");
    const mine = await w.bob.post(`${F}/ideas/${idea.id}/comments`, { body: "Me too" });
    assert.equal(mine.status, 201);
    assert.equal(mine.body.official, false);
    assert.equal(mine.body.author.kind, "customer");
    const official = await w.agent.post(`${F}/ideas/${idea.id}/comments`, {
      body: "We are on it.",
      official: true,
    });
    assert.equal(official.body.official, true);
    assert.equal(official.body.author.kind, "staff");
    assert.equal((await getIdea(w.bob, idea.id)).subscribed, true, "commenting subscribes");
    const list = await w.anon.get(`${F}/ideas/${idea.id}/comments`);
    assert.deepEqual(
      list.body.items.map((c: { official: boolean }) => c.official),
      [false, true],
    );
    assert.ok(
      events.some((e) => e.type === "idea.commented" && e.commentId === official.body.id && e.official),
    );
    assert.equal((await w.carol.delete(`${F}/ideas/${idea.id}/comments/${mine.body.id}`)).status, 403);
    assert.equal((await w.bob.delete(`${F}/ideas/${idea.id}/comments/${mine.body.id}`)).status, 204);
    const shown = await getIdea(w.anon, idea.id);
    assert.equal(shown.commentCount, 1);
    assert.deepEqual(ids(shown.comments), [official.body.id]);
  });

  test("someone who unsubscribed is not subscribed again by voting or commenting", async () => {
    const idea = await newIdea(w.alice, w.boards.pub);
    const off = await w.bob.delete(`${F}/ideas/${idea.id}/subscription`);
    assert.deepEqual(off.body, { subscribed: false });
    await vote(w.bob, idea.id);
    await w.bob.post(`${F}/ideas/${idea.id}/comments`, { body: "Still want it" });
    assert.equal((await getIdea(w.bob, idea.id)).subscribed, false);
    assert.deepEqual((await w.bob.post(`${F}/ideas/${idea.id}/subscription`)).body, { subscribed: true });
    assert.equal((await getIdea(w.bob, idea.id)).subscribed, true);
    assert.equal((await w.anon.post(`${F}/ideas/${idea.id}/subscription`)).status, 401);
    await vote(w.carol, idea.id);
    const carol = (
      await q(
        "select reason, unsubscribed_at from feedback_subscriptions where idea_id = $1 and customer_id = $2",
        [idea.id, w.customers.carol],
      )
    ).rows;
    assert.deepEqual(
      carol.map((r) => [r.reason, r.unsubscribed_at]),
      [["voter", null]],
    );
  });
});
