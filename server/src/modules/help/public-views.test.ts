import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import { TestClient } from "../../../test/client.ts";
import { setUpWorkspace } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { isBot } from "./public-views.ts";

/**
 * Views counted when the public article page is served (no JavaScript needed): one per visitor
 * cookie per article per day, never for crawlers, never twice when the page also posts a view.
 */
const built = existsSync(path.resolve(import.meta.dirname, "../../../../web/dist/server/entry-server.js"));
const needsWeb = { skip: built ? false : "the web app is not built (npm run build)" };

let server: TestServer;
let admin: TestClient;
let article: { id: string; slug: string };

before(async () => {
  server = await startTestServer({ web: built });
  ({ admin } = await setUpWorkspace(server));
  const res = await admin.post("/api/v1/help/articles", {
    title: "Reset your speaker",
    body: "Hold the button for ten seconds.",
    state: "published",
    visibility: "public",
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  article = { id: res.body.id, slug: res.body.slug };
});
after(() => server.close());

const viewsShown = async () => {
  const res = await admin.get("/api/v1/help/analytics");
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return (res.body.articles as Array<{ id: string; views: number }>).find((a) => a.id === article.id)?.views;
};

test("crawlers and scripts are told apart from readers", () => {
  for (const ua of ["Mozilla/5.0 (compatible; Googlebot/2.1)", "curl/8.5.0", "facebookexternalhit/1.1", ""]) {
    assert.equal(isBot(ua), true, ua);
  }
  assert.equal(isBot("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0"), false);
});

test(
  "reading the page counts one view per visitor per day, set by a first-party cookie",
  needsWeb,
  async () => {
    const url = `/help/articles/${article.slug}`;
    const reader = new TestClient(server.url);
    const first = await reader.get(url);
    assert.equal(first.status, 200);
    const cookie = first.headers.get("set-cookie") ?? "";
    assert.match(cookie, /^rapport_hv=[\w-]{16,64}; /);
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Lax/i);
    const again = await reader.get(url);
    assert.equal(again.status, 200);
    assert.equal(again.headers.get("set-cookie"), null, "the cookie is set once");
    assert.equal(await viewsShown(), 1, "the same visitor twice is one view");

    // The hydrated page posting its own view is the same visitor (its cookie), not a second one.
    const posted = await reader.post(`/api/v1/help/articles/${article.id}/views`, {
      session: "client-session-1",
    });
    assert.equal(posted.status, 204);
    assert.equal(await viewsShown(), 1);

    const other = new TestClient(server.url);
    assert.equal((await other.get(url)).status, 200);
    assert.equal(await viewsShown(), 2, "another visitor is another view");

    const crawler = await new TestClient(server.url).get(url, { "user-agent": "Googlebot/2.1" });
    assert.equal(crawler.status, 200);
    assert.equal(crawler.headers.get("set-cookie"), null, "a crawler gets no cookie");
    assert.equal(await viewsShown(), 2, "and is not counted");

    // Only a hash of the cookie is stored.
    const value = /^rapport_hv=([\w-]+)/.exec(cookie)?.[1] as string;
    const { rows } = await sql<{ session: string }>`
    select session from help_article_views where article_id = ${article.id}`.execute(server.runtime.ctx.db);
    assert.equal(rows.length, 2);
    assert.ok(
      rows.every((r) => !r.session.includes(value)),
      "the cookie itself is not stored",
    );
  },
);
