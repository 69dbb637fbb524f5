import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { TestClient } from "../../../test/client.ts";
import { customerClient, setUpWorkspace } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

let server: TestServer;
let admin: TestClient;
let customer: TestClient;
const articles: Record<string, string> = {};

before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
  ({ client: customer } = await customerClient(server, "maria@example.com"));
  for (const [key, visibility, state] of [
    ["public", "public", "published"],
    ["agents", "agents", "published"],
    ["draft", "public", "draft"],
  ] as const) {
    const res = await admin.post("/api/v1/help/articles", {
      title: `Error 1013 (${key})`,
      body: "Check that your router allows outgoing connections.",
      state,
      visibility,
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    articles[key] = res.body.id;
  }
});
after(() => server.close());

const open = (extra: Record<string, unknown>) =>
  customer.post("/api/v1/cases", { subject: "Update fails", message: "Error 1013 again.", ...extra });

test("a request from a help article's 'contact support' shows the article to agents, not on the customer's timeline", async () => {
  const res = await open({ articleId: articles.public, helpSessionId: "session_abc123" });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const staffView = await admin.get(`/api/v1/cases/${res.body.id}/timeline?limit=50`);
  const ev = staffView.body.items.find((e: { kind: string }) => e.kind === "article.source");
  assert.ok(ev, "the agent sees where the customer came from");
  assert.equal(ev.data.articleId, articles.public);
  assert.equal(ev.data.title, "Error 1013 (public)");
  assert.match(ev.data.url, /^\/help\/articles\/[a-z0-9-]+$/);

  const customerView = await customer.get(`/api/v1/cases/${res.body.id}/timeline?limit=50`);
  assert.equal(customerView.status, 200);
  assert.ok(!customerView.body.items.some((e: { kind: string }) => e.kind === "article.source"));

  // Without an article, no such event.
  const plain = await open({});
  const plainView = await admin.get(`/api/v1/cases/${plain.body.id}/timeline?limit=50`);
  assert.ok(!plainView.body.items.some((e: { kind: string }) => e.kind === "article.source"));
});

test("an unknown article, one for agents only or a draft is refused naming articleId, and no case is opened", async () => {
  const before = (await customer.get("/api/v1/cases?status=all")).body.items.length;
  for (const articleId of ["00000000-0000-4000-8000-000000000000", articles.agents, articles.draft]) {
    const res = await open({ articleId });
    assert.equal(res.status, 404, JSON.stringify(res.body));
    assert.equal(res.body.error.field, "articleId");
  }
  const malformed = await open({ articleId: "error-1013" });
  assert.equal(malformed.status, 400);
  assert.equal(malformed.body.error.field, "articleId");
  const badSession = await open({ helpSessionId: "no spaces!" });
  assert.equal(badSession.status, 400);
  assert.equal(badSession.body.error.field, "helpSessionId");
  assert.equal((await customer.get("/api/v1/cases?status=all")).body.items.length, before);
});
