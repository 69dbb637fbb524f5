import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import { sweepIgnoredOffers } from "./offers.service.ts";
import {
  newCase,
  newCustomer,
  query,
  type RetentionWorld,
  startRetentionWorld,
  workspaceIdOf,
} from "./retention.testkit.ts";

let w: RetentionWorld;
before(async () => {
  w = await startRetentionWorld();
});
after(() => w.server.close());

const OFFER = { title: "Pro plan: 3 months free", url: "https://shop.example.com/pro?ref=support" };
const messagesOf = async (caseId: string) =>
  (await w.agent.get(`/api/v1/cases/${caseId}/messages`)).body.items;
const offersOf = async (caseId: string) =>
  (await query(w, "select * from retention_offers where case_id = $1", [caseId])).rows;

describe("offers only on solved cases", () => {
  test("an offer on an unsolved case is refused with 409 case_not_solved and nothing is written", async () => {
    const c = await newCustomer(w.agent);
    const kase = await newCase(w.agent, c.id);
    const before = (await messagesOf(kase.id)).length;
    const res = await w.agent.post(`/api/v1/cases/${kase.id}/messages`, { body: "Fixed it!", offer: OFFER });
    assert.equal(res.status, 409, JSON.stringify(res.body));
    assert.equal(res.body.error.code, "case_not_solved");
    assert.equal((await messagesOf(kase.id)).length, before, "the reply was not sent either");
    assert.equal((await offersOf(kase.id)).length, 0);
    const after = await w.agent.get(`/api/v1/cases/${kase.id}`);
    assert.notEqual(after.body.status, "solved");
  });

  test("the reply that solves the case may carry the offer; the customer gets a tracked link", async () => {
    const c = await newCustomer(w.agent);
    const kase = await newCase(w.agent, c.id);
    const res = await w.agent.post(`/api/v1/cases/${kase.id}/messages`, {
      body: "Replaced under warranty.",
      status: "solved",
      offer: OFFER,
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.match(res.body.body, /\*\*\[Pro plan: 3 months free\]\(.*\/o\/[A-Za-z0-9_-]{20,}\)\*\*/);
    assert.equal((await w.agent.get(`/api/v1/cases/${kase.id}`)).body.status, "solved");
    const [offer] = await offersOf(kase.id);
    assert.equal(offer.status, "offered");
    assert.equal(offer.message_id, res.body.id);
    // The customer follows the link: accepted, and sent on to the offer.
    const anon = new TestClient(w.server.url);
    const follow = await anon.get(`/o/${offer.token}`);
    assert.equal(follow.status, 302);
    assert.equal(follow.headers.get("location"), OFFER.url);
    assert.equal((await offersOf(kase.id))[0].status, "accepted");
    assert.equal((await anon.get(`/o/${offer.token}`)).status, 302, "a second click still redirects");
    assert.equal((await anon.get("/o/not-a-real-token-at-all-xxxxxxxx")).status, 404);
  });

  test("the tracked link is on the workspace's own host name, like every link in its mail", async () => {
    const c = await newCustomer(w.agent);
    const kase = await newCase(w.agent, c.id);
    const workspaceId = await workspaceIdOf(w);
    await query(w, "update workspaces set host = 'brand-offers.localhost' where id = $1", [workspaceId]);
    try {
      const res = await w.agent.post(`/api/v1/cases/${kase.id}/messages`, {
        body: "All set.",
        status: "solved",
        offer: OFFER,
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.match(res.body.body, /\(https?:\/\/brand-offers\.localhost(:\d+)?\/o\/[A-Za-z0-9_-]{20,}\)/);
    } finally {
      await query(w, "update workspaces set host = null where id = $1", [workspaceId]);
    }
  });

  test("an already solved case takes an offer on a plain reply; notes and customers may not carry one", async () => {
    const c = await newCustomer(w.agent);
    const kase = await newCase(w.agent, c.id);
    assert.equal((await w.agent.patch(`/api/v1/cases/${kase.id}`, { status: "solved" })).status, 200);
    const note = await w.agent.post(`/api/v1/cases/${kase.id}/messages`, {
      body: "fyi",
      kind: "note",
      offer: OFFER,
    });
    assert.equal(note.status, 400);
    assert.equal(note.body.error.field, "offer");
    const ok = await w.agent.post(`/api/v1/cases/${kase.id}/messages`, {
      body: "One more thing:",
      offer: OFFER,
    });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assert.equal((await offersOf(kase.id)).length, 1);
  });

  test("offers are https only and length-limited, named by field", async () => {
    const c = await newCustomer(w.agent);
    const kase = await newCase(w.agent, c.id);
    const bad: Array<[unknown, string]> = [
      [{ title: "Deal", url: "http://shop.example.com" }, "offer.url"],
      [{ title: "Deal", url: "javascript:alert(1)" }, "offer.url"],
      [{ title: "x".repeat(121), url: OFFER.url }, "offer.title"],
      [{ title: "Deal", url: `https://shop.example.com/${"a".repeat(2000)}` }, "offer.url"],
    ];
    for (const [offer, field] of bad) {
      const res = await w.agent.post(`/api/v1/cases/${kase.id}/messages`, {
        body: "Done",
        status: "solved",
        offer,
      });
      assert.equal(res.status, 400, JSON.stringify(offer));
      assert.equal(res.body.error.field, field);
    }
  });

  test("offers nobody follows become ignored after 14 days", async () => {
    const c = await newCustomer(w.agent);
    const kase = await newCase(w.agent, c.id);
    await w.agent.post(`/api/v1/cases/${kase.id}/messages`, { body: "Done", status: "solved", offer: OFFER });
    await query(w, "update retention_offers set created_at = now() - interval '15 days' where case_id = $1", [
      kase.id,
    ]);
    await sweepIgnoredOffers(w.server.runtime.ctx);
    assert.equal((await offersOf(kase.id))[0].status, "ignored");
  });
});
