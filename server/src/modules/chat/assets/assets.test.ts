import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { widgetFor } from "../../../../test/chat-factory.ts";
import type { TestClient } from "../../../../test/client.ts";
import { setUpWorkspace } from "../../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../../test/harness.ts";

/**
 * Serving the chat widget: the loader any site may load, and the frame only the widget's
 * allowed origins may embed (frame-ancestors), with a clear refusal for an unlisted site.
 */
let server: TestServer;
let admin: TestClient;
let KEY: string;
const get = (path: string) => fetch(server.url + path, { redirect: "manual" });
const settings = async (patch: Record<string, unknown>) => {
  const res = await admin.patch("/api/v1/chat/widget", patch);
  assert.equal(res.status, 200, JSON.stringify(res.body));
};

before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
  KEY = (await widgetFor(server, admin)).key;
});
after(async () => {
  await server.close();
});

describe("widget.js", () => {
  test("is served as a script another site may load, cached briefly", async () => {
    const res = await get("/widget.js");
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /^text\/javascript/);
    assert.equal(res.headers.get("cross-origin-resource-policy"), "cross-origin");
    assert.equal(res.headers.get("cache-control"), "public, max-age=300");
    const body = await res.text();
    assert.match(body, /attachShadow\(\{\s*mode:\s*.closed.\s*\}\)/);
    assert.ok(body.length < 20_000, `the loader is ${body.length} bytes`);
  });
});

describe("the frame", () => {
  test("with no allowed origins, any site may embed it and X-Frame-Options is gone", async () => {
    const res = await get(`/widget/frame?key=${KEY}&origin=${encodeURIComponent("https://shop.example")}`);
    assert.equal(res.status, 200);
    const csp = res.headers.get("content-security-policy") ?? "";
    assert.match(csp, /frame-ancestors \*/);
    assert.match(csp, /script-src 'self'(;|$)/, "no inline scripts in the chat frame");
    assert.equal(res.headers.get("x-frame-options"), null);
    const html = await res.text();
    assert.match(html, /<script type="module" crossorigin src="\/widget\/assets\/frame-[\w-]+\.js">/);
    // Its hashed assets are served and cached for good.
    const src = /src="\/widget\/(assets\/[^"]+)"/.exec(html)?.[1];
    const asset = await get(`/widget/${src}`);
    assert.equal(asset.status, 200);
    assert.match(asset.headers.get("cache-control") ?? "", /immutable/);
    assert.equal((await get("/widget/assets/..%2Fwidget.js")).status, 404);
  });

  test("with allowed origins, only they may embed it; another site gets a clear refusal", async () => {
    await settings({ allowedOrigins: ["https://shop.example", "http://localhost:5555"] });
    const ok = await get(`/widget/frame?key=${KEY}&origin=${encodeURIComponent("https://shop.example")}`);
    assert.equal(ok.status, 200);
    assert.match(
      ok.headers.get("content-security-policy") ?? "",
      /frame-ancestors https:\/\/shop\.example http:\/\/localhost:5555/,
    );

    const refused = await get(
      `/widget/frame?key=${KEY}&origin=${encodeURIComponent("https://evil.example")}`,
    );
    assert.equal(refused.status, 403);
    const html = await refused.text();
    assert.match(html, /not among the chat widget's allowed origins/);
    assert.match(html, /postMessage\(\{rapport:"error"/, "the loader hears why, for the host's console");
    assert.doesNotMatch(html, /evil\.example/, "nothing from the request is echoed");

    const none = await get(`/widget/frame?key=${KEY}`);
    assert.equal(none.status, 403, "no stated origin is not a listed one");
    await settings({ allowedOrigins: [] });
  });

  test("an unknown, malformed or switched-off key is 404", async () => {
    assert.equal((await get("/widget/frame?key=pk_unknownKey_0123456789")).status, 404);
    assert.equal((await get("/widget/frame?key=%3Cscript%3E")).status, 404);
    assert.equal((await get("/widget/frame")).status, 404);
    await settings({ enabled: false });
    const off = await get(`/widget/frame?key=${KEY}`);
    assert.equal(off.status, 404);
    assert.match(await off.text(), /This chat is not available/);
    await settings({ enabled: true });
  });
});

describe("the demo shop page", () => {
  test("is there only while a demo workspace exists, with that workspace's widget embedded", async () => {
    assert.equal((await get("/widget/demo")).status, 404);
    await server.runtime.ctx.pool.query("update workspaces set is_demo = true");
    try {
      const res = await get("/widget/demo");
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.ok(html.includes(`<script src="/widget.js" data-key="${KEY}" async></script>`), html);
    } finally {
      await server.runtime.ctx.pool.query("update workspaces set is_demo = false");
    }
  });
});
