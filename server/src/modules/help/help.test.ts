import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import { customerClient, otherWorkspace, setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { collectOrphanedFiles } from "../cases/orphaned-files.ts";

let server: TestServer;
let admin: TestClient;
let agent: TestClient;
let engineer: TestClient;
let customer: TestClient;
let anon: TestClient;
let other: TestClient;
before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
  ({ client: agent } = await staffClient(server, "agent"));
  ({ client: engineer } = await staffClient(server, "engineer"));
  ({ client: customer } = await customerClient(server));
  ({ client: other } = await otherWorkspace(server));
  anon = new TestClient(server.url);
});
after(() => server.close());

const PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

let n = 0;
async function newArticle(body: Record<string, unknown> = {}) {
  n++;
  const res = await agent.post("/api/v1/help/articles", {
    title: `Resetting your speaker ${n}`,
    body: "1. Unplug it.\n2. Hold the button.\n3. Plug it back in.",
    state: "published",
    visibility: "public",
    ...body,
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

describe("help articles", () => {
  test("create, get, list with filters and patch", async () => {
    const cat = await agent.post("/api/v1/help/categories", {
      name: "Getting started",
      description: "First steps",
      sections: [{ name: "Setup" }, { name: "Wi-Fi" }],
    });
    assert.equal(cat.status, 201, JSON.stringify(cat.body));
    assert.equal(cat.body.slug, "getting-started");
    assert.deepEqual(
      cat.body.sections.map((s: { slug: string }) => s.slug),
      ["setup", "wi-fi"],
    );
    const section = cat.body.sections[1];

    const created = await agent.post("/api/v1/help/articles", {
      title: "Connect your Play:5 to Wi-Fi",
      body: "Open the app and choose **Add speaker**.",
      state: "draft",
      visibility: "customers",
      sectionId: section.id,
      tags: ["wifi", "setup", "wifi"],
      productModels: ["Play:5"],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const a = created.body;
    assert.equal(a.slug, "connect-your-play-5-to-wi-fi");
    assert.equal(a.locale, "en", "the workspace's language by default");
    assert.equal(a.categoryId, cat.body.id, "the section's category");
    assert.deepEqual(a.tags, ["wifi", "setup"]);
    assert.equal(a.version, 1);
    assert.match(a.bodyHtml, /<strong>Add speaker<\/strong>/);
    assert.equal(a.publishedAt, null);

    const got = await agent.get(`/api/v1/help/articles/${a.id}`);
    assert.equal(got.status, 200);
    assert.equal(got.body.title, "Connect your Play:5 to Wi-Fi");

    const drafts = await agent.get(`/api/v1/help/articles?state=draft&categoryId=${cat.body.id}`);
    assert.deepEqual(
      drafts.body.items.map((x: { id: string }) => x.id),
      [a.id],
    );
    const byTitle = await agent.get("/api/v1/help/articles?q=PLAY%3A5");
    assert.ok(byTitle.body.items.some((x: { id: string }) => x.id === a.id));
    assert.equal((await agent.get("/api/v1/help/articles?locale=de")).body.items.length, 0);

    const patched = await agent.patch(`/api/v1/help/articles/${a.id}`, { state: "published", tags: [] });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.equal(patched.body.state, "published");
    assert.equal(patched.body.version, 2);
    assert.ok(patched.body.publishedAt);
    const same = await agent.patch(`/api/v1/help/articles/${a.id}`, { state: "published" });
    assert.equal(same.body.version, 2, "an unchanged save writes no version");
    const renamedTitle = await agent.patch(`/api/v1/help/articles/${a.id}`, { title: "Wi-Fi for Play:5" });
    assert.equal(renamedTitle.body.slug, a.slug, "a new title keeps the slug");
    const uncategorised = await agent.patch(`/api/v1/help/articles/${a.id}`, { categoryId: null });
    assert.equal(uncategorised.body.categoryId, null);
    assert.equal(uncategorised.body.sectionId, null, "leaving the category leaves its section");
    await agent.patch(`/api/v1/help/articles/${a.id}`, { sectionId: section.id });

    const categories = await anon.get("/api/v1/help/categories");
    assert.equal(categories.status, 200, "the public help center lists categories");
    assert.ok(categories.body.items.some((c: { id: string }) => c.id === cat.body.id));
    const busy = await agent.delete(`/api/v1/help/categories/${cat.body.id}`);
    assert.equal(busy.status, 409, "a category with articles stays");
    const renamed = await agent.patch(`/api/v1/help/categories/${cat.body.id}`, {
      sections: [{ id: section.id, name: "Wireless", slug: "wireless" }],
    });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    assert.deepEqual(
      renamed.body.sections.map((s: { slug: string }) => s.slug),
      ["wireless"],
    );
    const empty = await agent.post("/api/v1/help/categories", { name: "Empty" });
    assert.equal((await agent.delete(`/api/v1/help/categories/${empty.body.id}`)).status, 204);
  });

  test("bad input is refused naming the field, and nothing is written", async () => {
    const count = async () => (await agent.get("/api/v1/help/articles")).body.items.length;
    const before = await count();
    const base = { title: "x", body: "y", state: "draft", visibility: "public" };
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ ...base, title: "t".repeat(201) }, 400, "title"],
      [{ ...base, title: "  " }, 400, "title"],
      [{ ...base, body: "b".repeat(200_001) }, 400, "body"],
      [{ ...base, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 400, "tags"],
      [{ ...base, tags: ["x".repeat(41)] }, 400, "tags.0"],
      [{ ...base, locale: "english" }, 400, "locale"],
      [{ ...base, slug: "Not A Slug!" }, 400, "slug"],
      [{ ...base, state: "live" }, 400, "state"],
      [{ ...base, visibility: "everyone" }, 400, "visibility"],
      [{ ...base, categoryId: crypto.randomUUID() }, 404, "categoryId"],
      [{ ...base, sectionId: crypto.randomUUID() }, 404, "sectionId"],
      [{ ...base, problemId: crypto.randomUUID() }, 404, "problemId"],
      [{ ...base, translationOf: crypto.randomUUID() }, 404, "translationOf"],
      [{ ...base, extra: 1 }, 400, ""],
    ];
    for (const [body, status, field] of cases) {
      const res = await agent.post("/api/v1/help/articles", body);
      assert.equal(res.status, status, `${JSON.stringify(body).slice(0, 80)} → ${JSON.stringify(res.body)}`);
      if (field) assert.equal(res.body.error.field, field, JSON.stringify(res.body));
    }
    // A problem of another workspace is not found either.
    const theirs = await other.post("/api/v1/problems", { title: "Theirs" });
    const foreign = await agent.post("/api/v1/help/articles", { ...base, problemId: theirs.body.id });
    assert.equal(foreign.status, 404);
    assert.equal(foreign.body.error.field, "problemId");
    assert.equal(await count(), before, "nothing half-written");
  });

  test("permissions: engineers read but may not write; anonymous callers are 401 on staff routes", async () => {
    const a = await newArticle({ visibility: "agents" });
    assert.equal((await engineer.get(`/api/v1/help/articles/${a.id}`)).status, 200);
    const write = await engineer.post("/api/v1/help/articles", {
      title: "x",
      body: "y",
      state: "draft",
      visibility: "public",
    });
    assert.equal(write.status, 403);
    assert.equal((await engineer.patch(`/api/v1/help/articles/${a.id}`, { title: "z" })).status, 403);
    assert.equal((await engineer.post("/api/v1/help/categories", { name: "x" })).status, 403);
    assert.equal((await anon.get("/api/v1/help/articles")).status, 401);
    assert.equal((await anon.post("/api/v1/help/articles", { title: "x" })).status, 401);
    assert.equal((await anon.get(`/api/v1/help/articles/${a.id}/versions`)).status, 401);
    assert.equal((await customer.get("/api/v1/help/articles")).status, 403);
    assert.equal((await customer.post("/api/v1/help/categories", { name: "x" })).status, 403);
    const me = await admin.get("/api/v1/me");
    assert.ok(me.body.permissions.includes("help.manage"));
  });

  test("reading rules: state and visibility for anonymous, customers, staff and another workspace", async () => {
    const pub = await newArticle({ visibility: "public" });
    const cust = await newArticle({ visibility: "customers" });
    const staffOnly = await newArticle({ visibility: "agents" });
    const draft = await newArticle({ visibility: "public", state: "draft" });
    const archived = await newArticle({ visibility: "public", state: "archived" });
    const read = async (c: TestClient, id: string) => (await c.get(`/api/v1/help/articles/${id}`)).status;
    const expect: Array<[string, TestClient, Record<string, number>]> = [
      ["anonymous", anon, { pub: 200, cust: 404, staffOnly: 404, draft: 404, archived: 404 }],
      ["customer", customer, { pub: 200, cust: 200, staffOnly: 404, draft: 404, archived: 404 }],
      ["agent", agent, { pub: 200, cust: 200, staffOnly: 200, draft: 200, archived: 200 }],
      ["other workspace", other, { pub: 404, cust: 404, staffOnly: 404, draft: 404, archived: 404 }],
    ];
    const ids: Record<string, string> = {
      pub: pub.id,
      cust: cust.id,
      staffOnly: staffOnly.id,
      draft: draft.id,
      archived: archived.id,
    };
    for (const [who, client, statuses] of expect) {
      for (const [k, status] of Object.entries(statuses)) {
        assert.equal(await read(client, ids[k] as string), status, `${who} reading ${k}`);
      }
    }
    const bySlug = await anon.get(`/api/v1/help/articles/by-slug/en/${pub.slug}`);
    assert.equal(bySlug.status, 200);
    assert.equal(bySlug.body.id, pub.id);
    assert.equal((await anon.get(`/api/v1/help/articles/by-slug/en/${cust.slug}`)).status, 404);
    assert.equal((await customer.get(`/api/v1/help/articles/by-slug/en/${cust.slug}`)).status, 200);
    assert.equal((await anon.get(`/api/v1/help/articles/by-slug/en/${draft.slug}`)).status, 404);
    assert.equal((await other.get(`/api/v1/help/articles/by-slug/en/${pub.slug}`)).status, 404);
    // Other workspaces cannot change or version it either.
    assert.equal((await other.patch(`/api/v1/help/articles/${pub.id}`, { title: "Mine" })).status, 404);
    assert.equal((await other.get(`/api/v1/help/articles/${pub.id}/versions`)).status, 404);
    const otherList = await other.get("/api/v1/help/articles");
    assert.ok(!otherList.body.items.some((x: { id: string }) => x.id === pub.id));
  });

  test("slugs are unique per locale, and a changed slug answers 301 with Location", async () => {
    const a = await newArticle({ title: "Factory reset" });
    const b = await newArticle({ title: "Factory reset" });
    assert.equal(a.slug, "factory-reset");
    assert.equal(b.slug, "factory-reset-2");
    const de = await newArticle({ title: "Factory reset", locale: "de" });
    assert.equal(de.slug, "factory-reset", "another locale may reuse it");
    const taken = await agent.post("/api/v1/help/articles", {
      title: "Other",
      body: "x",
      state: "draft",
      visibility: "public",
      slug: "factory-reset",
    });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.error.field, "slug");
    const clash = await agent.patch(`/api/v1/help/articles/${b.id}`, { slug: "factory-reset" });
    assert.equal(clash.status, 409);

    const moved = await agent.patch(`/api/v1/help/articles/${a.id}`, { slug: "reset-to-factory-settings" });
    assert.equal(moved.status, 200);
    const old = await anon.get("/api/v1/help/articles/by-slug/en/factory-reset");
    assert.equal(old.status, 301);
    assert.deepEqual(old.body, { redirectTo: "reset-to-factory-settings" });
    assert.equal(old.headers.get("location"), "/help/articles/reset-to-factory-settings");
    assert.equal(
      (await anon.get("/api/v1/help/articles/by-slug/en/reset-to-factory-settings")).body.id,
      a.id,
    );
    // Moving on again: both old slugs lead to the newest.
    await agent.patch(`/api/v1/help/articles/${a.id}`, { slug: "factory-settings" });
    const older = await anon.get("/api/v1/help/articles/by-slug/en/factory-reset");
    assert.equal(older.body.redirectTo, "factory-settings");
    // Redirects follow the reading rules too.
    await agent.patch(`/api/v1/help/articles/${a.id}`, { state: "draft" });
    assert.equal((await anon.get("/api/v1/help/articles/by-slug/en/factory-reset")).status, 404);
    // A new article may take an old slug; then it is that article's.
    const c = await newArticle({ title: "Factory reset", slug: "factory-reset" });
    const now = await anon.get("/api/v1/help/articles/by-slug/en/factory-reset");
    assert.equal(now.status, 200);
    assert.equal(now.body.id, c.id);
  });

  test("versions: list, one, compare, restore as a new version", async () => {
    const a = await newArticle({ title: "Pairing", body: "Line one\nLine two\nLine three" });
    await agent.patch(`/api/v1/help/articles/${a.id}`, { body: "Line one\nLine 2\nLine three\nLine four" });
    await agent.patch(`/api/v1/help/articles/${a.id}`, { title: "Pairing a remote" });
    const list = await agent.get(`/api/v1/help/articles/${a.id}/versions`);
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.body.items.map((v: { number: number }) => v.number),
      [3, 2, 1],
    );
    assert.equal(list.body.items[0].createdBy, "Test agent");
    const v1 = await agent.get(`/api/v1/help/articles/${a.id}/versions/1`);
    assert.equal(v1.body.body, "Line one\nLine two\nLine three");
    assert.equal((await agent.get(`/api/v1/help/articles/${a.id}/versions/9`)).status, 404);

    const cmp = await agent.get(`/api/v1/help/articles/${a.id}/versions/compare?from=1&to=3`);
    assert.equal(cmp.status, 200, JSON.stringify(cmp.body));
    assert.deepEqual(cmp.body.title, [
      { op: "remove", text: "Pairing" },
      { op: "add", text: "Pairing a remote" },
    ]);
    assert.deepEqual(cmp.body.body, [
      { op: "equal", text: "Line one" },
      { op: "remove", text: "Line two" },
      { op: "add", text: "Line 2" },
      { op: "equal", text: "Line three" },
      { op: "add", text: "Line four" },
    ]);
    const badCompare = await agent.get(`/api/v1/help/articles/${a.id}/versions/compare?from=1&to=7`);
    assert.equal(badCompare.status, 404);
    assert.equal(badCompare.body.error.field, "to");

    const restored = await agent.post(`/api/v1/help/articles/${a.id}/versions/1/restore`);
    assert.equal(restored.status, 200, JSON.stringify(restored.body));
    assert.equal(restored.body.version, 4);
    assert.equal(restored.body.title, "Pairing");
    assert.equal(restored.body.body, "Line one\nLine two\nLine three");
    assert.equal(restored.body.state, "published", "restoring text keeps the state");
    const v3 = await agent.get(`/api/v1/help/articles/${a.id}/versions/3`);
    assert.equal(v3.body.title, "Pairing a remote", "old versions never change");
    assert.equal((await engineer.post(`/api/v1/help/articles/${a.id}/versions/1/restore`)).status, 403);
  });

  test("hostile markdown is neutralised in bodyHtml", async () => {
    const a = await newArticle({
      body: [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(2)">',
        "[click me](javascript:alert(3))",
        '<iframe src="https://evil.example"></iframe>',
        '[ok](https://example.com "fine")',
        "![pic](javascript:alert(4))",
      ].join("\n\n"),
    });
    const html: string = (await anon.get(`/api/v1/help/articles/${a.id}`)).body.bodyHtml;
    assert.ok(!/<script/i.test(html), html);
    assert.ok(!/<img[^>]*onerror/i.test(html), html);
    assert.ok(!/<iframe/i.test(html), html);
    assert.ok(!/href="javascript:/i.test(html), html);
    assert.ok(!/src="javascript:/i.test(html), html);
    assert.ok(!/<[a-z][^>]*\son\w+\s*=/i.test(html), "no tag keeps an event handler");
    assert.match(html, /&lt;script&gt;/, "raw HTML is shown as text");
    assert.match(html, /href="https:\/\/example.com"/);
  });

  test("translations are grouped, one per locale", async () => {
    const en = await newArticle({ title: "Updating firmware" });
    const de = await agent.post("/api/v1/help/articles", {
      title: "Firmware aktualisieren",
      body: "So geht's.",
      state: "published",
      visibility: "public",
      locale: "de",
      translationOf: en.id,
    });
    assert.equal(de.status, 201, JSON.stringify(de.body));
    assert.equal(de.body.translationGroupId, en.translationGroupId);
    const pt = await newArticle({
      title: "Atualizar",
      locale: "pt-BR",
      translationOf: de.body.id,
      state: "draft",
    });
    const again = await agent.post("/api/v1/help/articles", {
      title: "Noch einmal",
      body: "x",
      state: "draft",
      visibility: "public",
      locale: "de",
      translationOf: en.id,
    });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.field, "locale");
    const list = await agent.get(`/api/v1/help/articles/${en.id}/translations`);
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.body.items.map((t: { locale: string }) => t.locale),
      ["de", "pt-BR"],
    );
    assert.deepEqual(Object.keys(list.body.items[0]).sort(), ["id", "locale", "slug", "state", "title"]);
    const publicList = await anon.get(`/api/v1/help/articles/${en.id}/translations`);
    assert.deepEqual(
      publicList.body.items.map((t: { id: string }) => t.id),
      [de.body.id],
      "anonymous readers see only published translations",
    );
    assert.ok(pt.id);
  });

  test("attachments: images stored and served with the article's reading rules; other files refused", async () => {
    const a = await newArticle({ visibility: "customers" });
    const up = await agent.post(`/api/v1/help/articles/${a.id}/attachments`, {
      name: "front panel.png",
      contentType: "image/png",
      dataBase64: PNG,
    });
    assert.equal(up.status, 201, JSON.stringify(up.body));
    assert.equal(up.body.contentType, "image/png");
    assert.equal(up.body.url, `/api/v1/help/attachments/${up.body.id}`);
    assert.equal(up.body.markdown, `![front panel.png](${up.body.url})`);

    const served = await customer.get(up.body.url);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get("content-type"), "image/png");
    assert.match(served.headers.get("content-disposition") ?? "", /^inline; filename="front panel.png"/);
    assert.equal(served.headers.get("x-content-type-options"), "nosniff");
    assert.equal((await anon.get(up.body.url)).status, 404, "anonymous may not read a customers' article");
    assert.equal((await other.get(up.body.url)).status, 404);
    await agent.patch(`/api/v1/help/articles/${a.id}`, { state: "draft" });
    assert.equal((await customer.get(up.body.url)).status, 404, "a draft's files are hidden too");
    assert.equal((await agent.get(up.body.url)).status, 200);
    // The orphaned-file collector knows help files are referenced.
    await collectOrphanedFiles(server.runtime.ctx, { graceHours: 0, now: new Date(Date.now() + 60_000) });
    assert.equal((await agent.get(up.body.url)).status, 200, "the collector keeps help files");

    const pdf = await agent.post(`/api/v1/help/articles/${a.id}/attachments`, {
      name: "manual.pdf",
      contentType: "application/pdf",
      dataBase64: Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n").toString("base64"),
    });
    assert.equal(pdf.status, 201, JSON.stringify(pdf.body));
    assert.equal(pdf.body.markdown, `[manual.pdf](${pdf.body.url})`);
    const pdfServed = await agent.get(pdf.body.url);
    assert.match(pdfServed.headers.get("content-disposition") ?? "", /^attachment;/);

    const html = Buffer.from("<html><script>alert(1)</script></html>").toString("base64");
    const asHtml = await agent.post(`/api/v1/help/articles/${a.id}/attachments`, {
      name: "page.html",
      contentType: "text/html",
      dataBase64: html,
    });
    assert.equal(asHtml.status, 400);
    assert.equal(asHtml.body.error.field, "contentType");
    const svg = await agent.post(`/api/v1/help/articles/${a.id}/attachments`, {
      name: "x.svg",
      contentType: "image/svg+xml",
      dataBase64: Buffer.from("<svg onload='alert(1)'/>").toString("base64"),
    });
    assert.equal(svg.status, 400);
    const mislabelled = await agent.post(`/api/v1/help/articles/${a.id}/attachments`, {
      name: "fake.png",
      contentType: "image/png",
      dataBase64: html,
    });
    assert.equal(mislabelled.status, 400);
    assert.equal(mislabelled.body.error.field, "dataBase64");
    const big = Buffer.alloc(5 * 1024 * 1024 + 1);
    Buffer.from(PNG, "base64").copy(big);
    const tooBig = await agent.post(`/api/v1/help/articles/${a.id}/attachments`, {
      name: "big.png",
      contentType: "image/png",
      dataBase64: big.toString("base64"),
    });
    assert.equal(tooBig.status, 400, JSON.stringify(tooBig.body).slice(0, 200));
    assert.equal(tooBig.body.error.field, "dataBase64");
    const engineerUpload = await engineer.post(`/api/v1/help/articles/${a.id}/attachments`, {
      name: "x.png",
      contentType: "image/png",
      dataBase64: PNG,
    });
    assert.equal(engineerUpload.status, 403);
  });

  test("a problem's public workaround becomes an article, and withdrawing it archives the article", async () => {
    const p = await agent.post("/api/v1/problems", { title: "Internal: DHCP lease bug in 12.1" });
    assert.equal(p.status, 201);
    const noWorkaround = await agent.post(`/api/v1/help/articles/from-problem/${p.body.id}`);
    assert.equal(noWorkaround.status, 409);

    const patched = await agent.patch(`/api/v1/problems/${p.body.id}`, {
      publicTitle: "Speakers drop off Wi-Fi after updating",
      publicWorkaround: "Restart your router, then the speaker.",
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    const findIt = async () =>
      (await agent.get("/api/v1/help/articles")).body.items.find(
        (x: { problemId: string | null }) => x.problemId === p.body.id,
      );
    const article = await findIt();
    assert.ok(article, "an article appears");
    assert.equal(article.title, "Speakers drop off Wi-Fi after updating");
    assert.equal(article.state, "published");
    assert.equal(article.visibility, "public");

    const asAnon = await anon.get(`/api/v1/help/articles/${article.id}`);
    assert.equal(asAnon.status, 200);
    assert.equal(asAnon.body.body, "Restart your router, then the speaker.");
    assert.deepEqual(Object.keys(asAnon.body.problem).sort(), ["id", "publicTitle", "status"]);
    assert.ok(!JSON.stringify(asAnon.body).includes("DHCP lease bug"), "never the internal title");
    const asAgent = await agent.get(`/api/v1/help/articles/${article.id}`);
    assert.equal(asAgent.body.problem.number, p.body.number);

    await agent.patch(`/api/v1/problems/${p.body.id}`, { publicWorkaround: "Restart the router twice." });
    const updated = await agent.get(`/api/v1/help/articles/${article.id}`);
    assert.equal(updated.body.body, "Restart the router twice.");
    assert.equal(updated.body.version, 2);

    await agent.patch(`/api/v1/problems/${p.body.id}`, { publicWorkaround: null });
    assert.equal((await findIt()).state, "archived");
    assert.equal((await anon.get(`/api/v1/help/articles/${article.id}`)).status, 404);

    // The one-step route republishes the same article once there is a workaround again.
    await agent.patch(`/api/v1/problems/${p.body.id}`, { publicWorkaround: "Use a wired connection." });
    const again = await agent.post(`/api/v1/help/articles/from-problem/${p.body.id}`);
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.equal(again.body.id, article.id);
    assert.equal(again.body.state, "published");

    const fresh = await agent.post("/api/v1/problems", { title: "Another" });
    await server.runtime.ctx.db
      .updateTable("problems")
      .set({ public_title: "Volume jumps", public_workaround: "Turn off auto-volume." })
      .where("id", "=", fresh.body.id)
      .execute();
    const made = await agent.post(`/api/v1/help/articles/from-problem/${fresh.body.id}`);
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.equal(made.body.problemId, fresh.body.id);
    assert.equal((await agent.post(`/api/v1/help/articles/from-problem/${crypto.randomUUID()}`)).status, 404);
    assert.equal((await engineer.post(`/api/v1/help/articles/from-problem/${fresh.body.id}`)).status, 403);
  });

  test("webhooks: article.published and article.updated are delivered; audit records publish, archive, delete", async () => {
    const hook = await admin.post("/api/v1/webhooks", {
      url: "https://hooks.example.com/help",
      events: ["article.published", "article.updated"],
    });
    assert.equal(hook.status, 201, JSON.stringify(hook.body));
    const a = await newArticle({ state: "draft" });
    const events = async () =>
      (await admin.get(`/api/v1/webhooks/${hook.body.id}/deliveries`)).body.items.map(
        (d: { event: string }) => d.event,
      );
    assert.deepEqual(await events(), [], "a draft announces nothing");
    await agent.patch(`/api/v1/help/articles/${a.id}`, { state: "published" });
    assert.deepEqual(await events(), ["article.published"]);
    await agent.patch(`/api/v1/help/articles/${a.id}`, { body: "Changed." });
    assert.deepEqual((await events()).sort(), ["article.published", "article.updated"]);
    const { rows } = await server.runtime.ctx.pool.query(
      "select body from webhook_deliveries where endpoint_id = $1 and event_type = 'article.updated'",
      [hook.body.id],
    );
    assert.equal(JSON.parse(rows[0].body).data.article.body, "Changed.");

    await agent.patch(`/api/v1/help/articles/${a.id}`, { state: "archived" });
    assert.equal((await agent.delete(`/api/v1/help/articles/${a.id}`)).status, 204);
    assert.equal((await agent.get(`/api/v1/help/articles/${a.id}`)).status, 404);
    const audit = await server.runtime.ctx.pool.query(
      "select action from audit_log where subject_id = $1 order by id",
      [a.id],
    );
    assert.deepEqual(
      audit.rows.map((r) => r.action),
      ["article.published", "article.archived", "article.deleted"],
    );
  });
});
