import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { startChat, visitorSession, type Widget, widgetFor } from "../../../../test/chat-factory.ts";
import { TestClient } from "../../../../test/client.ts";
import { otherWorkspace, setUpWorkspace, staffClient } from "../../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../../test/harness.ts";
import { routerPlaybook } from "../../playbooks/fixtures.ts";

let server: TestServer;
let admin: TestClient;
let agent: TestClient;
let widget: Widget;
const art: Record<string, string> = {};
before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
  ({ client: agent } = await staffClient(server, "agent"));
  // No holdout, so every session here is shown suggestions (the default holds 5 % out).
  assert.equal((await admin.put("/api/v1/help/settings", { holdoutPercent: 0 })).status, 200);
  for (const [key, body] of Object.entries({
    reset: {
      title: "Factory reset your router",
      body: "Hold the reset button on the back of the router for ten seconds until the light blinks white.",
      visibility: "public",
    },
    internal: {
      title: "Router escalation checklist for staff",
      body: "Internal: collect the router serial before escalating.",
      visibility: "agents",
    },
  })) {
    const res = await agent.post("/api/v1/help/articles", { state: "published", ...body });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    art[key] = res.body.id;
  }
  widget = await widgetFor(server, admin);
});
after(() => server.close());

const newVisitor = () => visitorSession(new TestClient(server.url, { origin: null }), widget);
const sessionId = () => `hs_${randomBytes(8).toString("hex")}`;
const analytics = async () => (await agent.get("/api/v1/help/analytics")).body;

describe("help before a chat", () => {
  test("suggestions come from the help center: public articles only", async () => {
    const visitor = await newVisitor();
    const res = await visitor.get(
      `/api/v1/widget/suggestions?q=${encodeURIComponent("reset router")}&helpSessionId=${sessionId()}`,
    );
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const ids = res.body.items.map((i: { id: string }) => i.id);
    assert.ok(ids.includes(art.reset), "the public article is suggested");
    assert.ok(!ids.includes(art.internal), "an agents-only article never reaches a visitor");
    const short = await visitor.get(`/api/v1/widget/suggestions?q=ro&helpSessionId=${sessionId()}`);
    assert.deepEqual(short.body.items, [], "nothing under three characters");
  });

  test("a published playbook whose topics match is suggested first, linked by its slug", async () => {
    const created = await agent.post("/api/v1/playbooks", {
      slug: "error-1013-widget",
      definition: routerPlaybook(),
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal((await agent.post(`/api/v1/playbooks/${created.body.id}/publish`)).status, 200);
    const visitor = await newVisitor();
    const res = await visitor.get(
      `/api/v1/widget/suggestions?q=${encodeURIComponent("my app shows error 1013")}&helpSessionId=${sessionId()}`,
    );
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.items[0]?.kind, "playbook", JSON.stringify(res.body.items));
    assert.equal(res.body.items[0]?.slug, "error-1013-widget");
  });

  test("a visitor who found the answer counts as a deflection in the help center's report", async () => {
    const before = await analytics();
    const visitor = await newVisitor();
    const session = sessionId();
    await visitor.get(
      `/api/v1/widget/suggestions?q=${encodeURIComponent("how do I reset my router")}&helpSessionId=${session}`,
    );
    const res = await visitor.post("/api/v1/widget/deflections", {
      helpSessionId: session,
      articleId: art.reset,
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const after = await analytics();
    assert.equal(after.deflections.recorded, before.deflections.recorded + 1, "recorded");
    const article = after.articles.find((a: { id: string }) => a.id === art.reset);
    const was = before.articles.find((a: { id: string }) => a.id === art.reset);
    assert.equal(article.deflections, was.deflections + 1, "credited to the article");
    assert.equal(
      after.holdout.suggestedDeflected,
      before.holdout.suggestedDeflected + 1,
      "the session ended deflected",
    );
  });

  test("starting a chat after suggestions ends the session as a case, not a deflection", async () => {
    const before = await analytics();
    const visitor = await newVisitor();
    const session = sessionId();
    await visitor.get(
      `/api/v1/widget/suggestions?q=${encodeURIComponent("router light blinks")}&helpSessionId=${session}`,
    );
    await startChat(server, visitor, { text: "The router light blinks red" });
    const after = await analytics();
    assert.equal(after.holdout.suggestedSessions, before.holdout.suggestedSessions + 1);
    assert.equal(after.holdout.suggestedCases, before.holdout.suggestedCases + 1, "counted as a case");
  });

  test("bad input names the field; someone else's session or a hidden article is 404", async () => {
    const visitor = await newVisitor();
    const badQuery = await visitor.get("/api/v1/widget/suggestions?q=router&helpSessionId=x");
    assert.equal(badQuery.status, 400);
    assert.equal(badQuery.body.error.field, "helpSessionId");
    const badBody = await visitor.post("/api/v1/widget/deflections", { helpSessionId: "short" });
    assert.equal(badBody.status, 400);
    assert.equal(badBody.body.error.field, "helpSessionId");
    const badArticle = await visitor.post("/api/v1/widget/deflections", {
      helpSessionId: sessionId(),
      articleId: "x",
    });
    assert.equal(badArticle.body.error.field, "articleId");

    const mine = sessionId();
    await visitor.get(`/api/v1/widget/suggestions?q=reset+router&helpSessionId=${mine}`);
    const stranger = await newVisitor();
    const theirs = await stranger.post("/api/v1/widget/deflections", { helpSessionId: mine });
    assert.equal(theirs.status, 404, "another visitor's session");
    assert.equal(theirs.body.error.field, "helpSessionId");
    const hidden = await visitor.post("/api/v1/widget/deflections", {
      helpSessionId: mine,
      articleId: art.internal,
    });
    assert.equal(hidden.status, 404);
    assert.equal(hidden.body.error.field, "articleId");
    const anon = new TestClient(server.url, { origin: null });
    assert.equal((await anon.get(`/api/v1/widget/suggestions?q=router&helpSessionId=${mine}`)).status, 401);
  });

  test("another workspace's article is not found", async () => {
    const other = await otherWorkspace(server);
    const made = await other.client.post("/api/v1/help/articles", {
      state: "published",
      visibility: "public",
      title: "Other company's router reset",
      body: "Their own steps to reset the router.",
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const visitor = await newVisitor();
    const session = sessionId();
    const res = await visitor.get(`/api/v1/widget/suggestions?q=reset+router&helpSessionId=${session}`);
    assert.ok(!res.body.items.some((i: { id: string }) => i.id === made.body.id));
    const deflect = await visitor.post("/api/v1/widget/deflections", {
      helpSessionId: session,
      articleId: made.body.id,
    });
    assert.equal(deflect.status, 404);
  });
});
