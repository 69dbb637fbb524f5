import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  F,
  type FeedbackWorld,
  getIdea,
  ids,
  newIdea,
  startFeedbackWorld,
  vote,
} from "./feedback.testkit.ts";

let w: FeedbackWorld;
before(async () => {
  w = await startFeedbackWorld();
});
after(() => w.server.close());

describe("testkit", () => {
  test("the world has boards, customers and an idea", async () => {
    const idea = await getIdea(w.anon, w.idea.id);
    assert.equal(idea.title, "Dark mode for the mobile app");
    assert.equal(idea.votes, 0);
    assert.equal(idea.status, "open");
    assert.equal(idea.author.kind, "customer");
    const v = await vote(w.bob, w.idea.id);
    assert.equal(v.votes, 1);
    const list = await w.anon.get(`${F}/ideas`);
    assert.equal(list.status, 200, JSON.stringify(list.body));
    assert.ok(ids(list.body.items).includes(w.idea.id));
    await newIdea(w.agent, w.boards.staff);
  });
});
