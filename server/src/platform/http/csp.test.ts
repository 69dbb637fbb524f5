import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { widgetFor } from "../../../test/chat-factory.ts";
import type { TestClient } from "../../../test/client.ts";
import { customerClient, setUpWorkspace, uniqueEmail } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { insertBoard, insertIdea } from "../../modules/feedback/public/fixture.ts";
import { TenantScope } from "../db/tenant.ts";

/**
 * The Content-Security-Policy (issue #23): on every kind of page Rapport serves, scripts are
 * allowed by 'self' and this response's nonce only (never 'unsafe-inline'), and every <script>
 * in the HTML is either one of Rapport's files or carries that very nonce. Needs the built web
 * app (`npm run build`), like the other server-rendered page tests.
 */
const built = existsSync(path.resolve(import.meta.dirname, "../../../../web/dist/server/entry-server.js"));
const needsWeb = { skip: built ? false : "the web app is not built (npm run build)" };

let server: TestServer;
let admin: TestClient;
const pages: Record<string, string> = {};

before(async () => {
  server = await startTestServer({ web: built });
  let workspaceId: string;
  ({ admin, workspaceId } = await setUpWorkspace(server));
  const article = await admin.post("/api/v1/help/articles", {
    title: "Resetting your speaker",
    body: "1. Unplug it.\n2. Hold the button.",
    state: "published",
    visibility: "public",
  });
  assert.equal(article.status, 201, JSON.stringify(article.body));
  const cat = await admin.post("/api/v1/community/categories", { name: "Speakers", visibility: "public" });
  assert.equal(cat.status, 201, JSON.stringify(cat.body));
  const { client: alice } = await customerClient(server, uniqueEmail("alice"));
  const topic = await alice.post("/api/v1/community/topics", {
    categoryId: cat.body.id,
    kind: "question",
    title: "My speaker drops off the wifi",
    body: "Since the update it keeps disconnecting.",
  });
  assert.equal(topic.status, 201, JSON.stringify(topic.body));
  const scope = new TenantScope(server.runtime.ctx.db, workspaceId);
  const board = await insertBoard(scope, "Product", "public");
  await insertIdea(scope, board.id, { title: "Dark mode", description: "Please." });
  const widget = await widgetFor(server, admin);
  Object.assign(pages, {
    "the app shell": "/app/inbox",
    "the sign-in page": "/login",
    "a help article": `/help/articles/${article.body.slug}`,
    "a community topic": new URL(topic.body.url, server.url).pathname,
    "the feedback portal": "/feedback",
    "the widget frame": `/widget/frame?key=${widget.key}`,
    "the refused widget frame": "/widget/frame?key=pk_unknownKey_0123456789",
    "the API docs": "/api/docs",
    "an error page": "/no-such-page",
  });
});
after(() => server.close());

const get = (p: string, headers: Record<string, string> = {}) =>
  fetch(server.url + p, { redirect: "manual", headers });

function scriptSrc(csp: string): string {
  return (
    csp
      .split(";")
      .map((d) => d.trim())
      .find((d) => d.startsWith("script-src ")) ?? ""
  );
}

/** Every <script …> start tag with its attributes. */
const scriptTags = (html: string) => [...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]);

function assertScriptsAllowed(name: string, csp: string, html: string) {
  const src = scriptSrc(csp);
  assert.ok(src, `${name}: a script-src directive`);
  assert.doesNotMatch(src, /'unsafe-inline'|'unsafe-eval'|\*/, `${name}: ${src}`);
  const nonce = /'nonce-([^']+)'/.exec(src)?.[1];
  const tags = scriptTags(html);
  for (const tag of tags) {
    const tagNonce = /\snonce="([^"]*)"/.exec(tag)?.[1];
    if (nonce) assert.equal(tagNonce, nonce, `${name}: ${tag} carries the header's nonce`);
    else
      assert.match(
        tag,
        /\ssrc="\/(?!\/)/,
        `${name}: without a nonce in the policy, ${tag} is a file of Rapport's`,
      );
  }
  return { nonce, tags };
}

describe("Content-Security-Policy", needsWeb, () => {
  test("every kind of page allows only its own nonce and Rapport's files", async () => {
    for (const [name, p] of Object.entries(pages)) {
      const res = await get(p);
      assert.ok([200, 403, 404].includes(res.status), `${name} (${p}): HTTP ${res.status}`);
      const { nonce, tags } = assertScriptsAllowed(
        name,
        res.headers.get("content-security-policy") ?? "",
        await res.text(),
      );
      if (name !== "the widget frame") assert.ok(nonce, `${name}: the policy names a nonce`);
      assert.ok(tags.length > 0, `${name} has scripts to check`);
    }
  });

  test("the server-rendered pages' inline scripts carry the nonce: colour scheme and SSR data", async () => {
    const res = await get(pages["a help article"] as string);
    const html = await res.text();
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
    assert.ok(html.includes(`<script nonce="${nonce}" data-mantine-script="true">`), "Mantine's script");
    assert.ok(
      html.includes(`<script id="rapport-ssr-data" type="application/json" nonce="${nonce}">`),
      "SSR data",
    );
    assert.doesNotMatch(html, /rapport-nonce-/, "no placeholder is ever sent");
  });

  test("the nonce is new on every response, cached and compressed pages included", async () => {
    const p = pages["a community topic"] as string;
    const seen = new Set<string>();
    let zipped = 0;
    for (let i = 0; i < 4; i++) {
      // The topic page is served from its cached render, as gzip once that is made.
      const res = await get(p, { "accept-encoding": "gzip" });
      const csp = res.headers.get("content-security-policy") ?? "";
      // fetch unzips (and would fail on a broken gzip stream).
      if (res.headers.get("content-encoding") === "gzip") zipped++;
      const html = await res.text();
      const { nonce } = assertScriptsAllowed(`topic page #${i}`, csp, html);
      assert.ok(nonce && nonce.length >= 22, "at least 128 bits");
      seen.add(nonce);
      await new Promise((r) => setTimeout(r, 30));
    }
    assert.equal(seen.size, 4, "four responses, four nonces");
    assert.ok(zipped > 0, "the cached gzip was sent (with a fresh nonce inside)");
  });

  test("a script written into content does not get the nonce", async () => {
    const res = await admin.post("/api/v1/help/articles", {
      title: "Hostile </script><script>alert(1)</script>",
      body: '<script>alert(2)</script>\n\n<img src=x onerror="alert(3)">',
      state: "published",
      visibility: "public",
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const page = await get(`/help/articles/${res.body.slug}`);
    const html = await page.text();
    for (const tag of scriptTags(html)) assert.doesNotMatch(tag, /^<script>$/, "no bare inline script");
    assertScriptsAllowed("hostile article", page.headers.get("content-security-policy") ?? "", html);
  });
});
