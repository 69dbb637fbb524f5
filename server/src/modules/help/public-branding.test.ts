import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import { setUpWorkspace } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

/** The public help center wears the workspace's name, logo and brand colour. */
const built = existsSync(path.resolve(import.meta.dirname, "../../../../web/dist/server/entry-server.js"));
const needsWeb = { skip: built ? false : "the web app is not built (npm run build)" };
const PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

let server: TestServer;
let admin: TestClient;
let anon: TestClient;
before(async () => {
  server = await startTestServer({ web: built });
  ({ admin } = await setUpWorkspace(server, 'Acme "Audio" <b>'));
  anon = new TestClient(server.url);
});
after(() => server.close());

test("the brand colour is #rrggbb or nothing; anything else is a 400 naming brandColor", async () => {
  for (const bad of ["red", "#12345", "#12345g", "#1234567", "url(x)", "#fff;background:url(x)"]) {
    const res = await admin.patch("/api/v1/workspace", { brandColor: bad });
    assert.equal(res.status, 400, bad);
    assert.equal(res.body.error.field, "brandColor", JSON.stringify(res.body));
  }
  const set = await admin.patch("/api/v1/workspace", { brandColor: "#1A7F5C" });
  assert.equal(set.status, 200, JSON.stringify(set.body));
  assert.equal(set.body.brandColor, "#1a7f5c", "stored lower case");
  assert.equal((await admin.get("/api/v1/workspace")).body.brandColor, "#1a7f5c");
  const cleared = await admin.patch("/api/v1/workspace", { brandColor: null });
  assert.equal(cleared.body.brandColor, null);
});

test("visitors get the logo and the colour; the logo is readable without signing in", async () => {
  assert.equal((await admin.put("/api/v1/workspace/logo", { dataBase64: PNG })).status, 200);
  assert.equal((await admin.patch("/api/v1/workspace", { brandColor: "#1a7f5c" })).status, 200);
  const info = await anon.get("/api/v1/public/workspace");
  assert.equal(info.status, 200);
  assert.equal(info.body.brandColor, "#1a7f5c");
  assert.match(info.body.logoUrl, /^\/api\/v1\/public\/workspace\/logo\?v=/);
  const logo = await fetch(`${server.url}${info.body.logoUrl}`);
  assert.equal(logo.status, 200);
  assert.equal(logo.headers.get("content-type"), "image/png");
  assert.equal(logo.headers.get("x-content-type-options"), "nosniff");
});

test("help pages show the logo with the workspace's name and use the colour", needsWeb, async () => {
  const info = (await anon.get("/api/v1/public/workspace")).body;
  const res = await anon.get("/help");
  assert.equal(res.status, 200);
  const html = String(res.body);
  const src = info.logoUrl.replace(/&/g, "&amp;");
  assert.match(html, new RegExp(`<img[^>]*src="${src.replace(/[?.*+^$()[\]\\/]/g, "\\$&")}"`));
  assert.match(html, /<img[^>]*alt="Acme &quot;Audio&quot; &lt;b&gt;"/, "alt is the name, escaped");
  assert.ok(!html.includes('Acme "Audio" <b>'), "the name is never written raw");
  assert.match(html, /--public-brand:\s*#1a7f5c/);
});

test("the community's pages share the help center's header: logo, name and colour", needsWeb, async () => {
  const info = (await anon.get("/api/v1/public/workspace")).body;
  const html = String((await anon.get("/community")).body);
  assert.ok(html.includes(`src="${info.logoUrl.replace(/&/g, "&amp;")}"`), "the logo is shown");
  assert.match(html, /<img[^>]*alt="Acme &quot;Audio&quot; &lt;b&gt;"/, "alt is the name, escaped");
  assert.match(html, /--public-brand:\s*#1a7f5c/);
});
