import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { TestClient } from "../../../../test/client.ts";
import { setUpWorkspace } from "../../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../../test/harness.ts";
import { HostClient } from "../../../../test/host-client.ts";
import { insertWorkspace } from "../../workspaces/workspaces.repo.ts";
import { seedCourse } from "../support/support.testkit.ts";

/**
 * The public academy pages (issue #21): server-rendered HTML a visitor without JavaScript reads
 * (and a search engine indexes), never a draft course, never another workspace's course, never
 * lesson content. The sitemap always; the pages when the web app is built (`npm run build`).
 */
const built = existsSync(path.resolve(import.meta.dirname, "../../../../../web/dist/server/entry-server.js"));
const needsWeb = { skip: built ? false : "the web app is not built (npm run build)" };

let server: TestServer;
let anon: TestClient;
let admin: TestClient;
let lessonId: string;
let workspaceId: string;
const B_HOST = "brand-b.localhost";

before(async () => {
  server = await startTestServer({ web: built });
  const setup = await setUpWorkspace(server, "Acme Audio");
  workspaceId = setup.workspaceId;
  admin = setup.admin;
  anon = new TestClient(server.url);
  ({
    lessonIds: [lessonId = ""],
  } = await seedCourse(server, workspaceId, {
    slug: "speakers",
    title: "Getting the most from your speakers",
    summary: "Placement, pairing & the app.",
    state: "published",
    lessons: [
      { title: "Placing your speakers", body: "SECRET-LESSON-BODY keep them off the floor." },
      { title: "Pairing", body: "Hold the button." },
    ],
  }));
  await seedCourse(server, workspaceId, {
    slug: "draft-one",
    title: "Draft course",
    state: "draft",
    lessons: [],
  });
  const other = await insertWorkspace(server.runtime.ctx.db, "Brand B");
  await server.runtime.ctx.db
    .updateTable("workspaces")
    .set({ host: B_HOST })
    .where("id", "=", other.id)
    .execute();
});
after(() => server.close());

describe("public academy pages", () => {
  test(
    "/academy lists published courses with level, duration and lesson count; indexable",
    needsWeb,
    async () => {
      const res = await anon.get("/academy");
      assert.equal(res.status, 200);
      const html = String(res.body);
      assert.match(html, /<title>Academy – Acme Audio<\/title>/);
      assert.match(html, /<link rel="canonical" href="http:\/\/127\.0\.0\.1:\d+\/academy">/);
      assert.match(
        html,
        /<meta name="description" content="Free training from Acme Audio: Getting the most from your speakers">/,
      );
      assert.ok(html.includes('href="/academy/courses/speakers"'), "a plain link to the course");
      assert.ok(html.includes("Beginner") && html.includes("45 min") && html.includes("2 lessons"));
      assert.ok(!html.includes("Draft course"), "drafts are not listed");
    },
  );

  test(
    "a course page has its outline and Start into the portal, never lesson content",
    needsWeb,
    async () => {
      const res = await anon.get("/academy/courses/speakers");
      assert.equal(res.status, 200);
      const html = String(res.body);
      assert.ok(html.includes("<title>Getting the most from your speakers – Acme Audio Academy</title>"));
      assert.ok(html.includes("Placement, pairing &amp; the app."));
      assert.ok(html.includes("Placing your speakers") && html.includes("Pairing"));
      assert.ok(html.includes('href="/portal/academy/courses/speakers"'));
      assert.ok(!html.includes("SECRET-LESSON-BODY"), "lessons need a signed-in customer");
    },
  );

  test("a draft course, an unknown one and another workspace's are 404 (noindex)", needsWeb, async () => {
    for (const url of ["/academy/courses/draft-one", "/academy/courses/nope"]) {
      const res = await anon.get(url);
      assert.equal(res.status, 404, url);
      assert.match(String(res.body), /<meta name="robots" content="noindex">/);
    }
    const onB = await new HostClient(server.url, B_HOST).get("/academy/courses/speakers");
    assert.equal(onB.status, 404, "the course is Acme's, not Brand B's");
    const homeB = await new HostClient(server.url, B_HOST).get("/academy");
    assert.ok(!String(homeB.body).includes("Getting the most from your speakers"));
  });

  test("a published course's cover is served to anyone; a draft's is not", async () => {
    const ctx = server.runtime.ctx;
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
      "base64",
    );
    for (const slug of ["speakers", "draft-one"]) {
      const key = await ctx.files.save(workspaceId, png);
      await ctx.db
        .updateTable("academy_courses")
        .set({ cover_storage_key: key, cover_mime: "image/png" })
        .where("slug", "=", slug)
        .execute();
    }
    const res = await fetch(`${server.url}/academy/courses/speakers/cover`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "image/png");
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), png);
    assert.equal((await fetch(`${server.url}/academy/courses/draft-one/cover`)).status, 404);
    const onB = await new HostClient(server.url, B_HOST).get("/academy/courses/speakers/cover");
    assert.equal(onB.status, 404);
  });

  test("the sitemap lists the academy and its published courses only", async () => {
    const res = await anon.get("/sitemap.xml");
    assert.equal(res.status, 200);
    const xml = String(res.body);
    assert.match(xml, /<loc>http:\/\/127\.0\.0\.1:\d+\/academy<\/loc>/);
    assert.match(xml, /\/academy\/courses\/speakers<\/loc>/);
    assert.ok(!xml.includes("draft-one"));
  });

  test(
    "a help article's recommended lesson is on its public page, without JavaScript",
    needsWeb,
    async () => {
      const art = await admin.post("/api/v1/help/articles", {
        title: "Where to put a speaker",
        body: "Not in a corner.",
        state: "published",
        visibility: "public",
      });
      assert.equal(art.status, 201, JSON.stringify(art.body));
      const before = String((await anon.get(`/help/articles/${art.body.slug}`)).body);
      assert.ok(!before.includes("Recommended lesson"), "nothing until one is set");
      const set = await admin.put(`/api/v1/academy/recommendations/articles/${art.body.id}`, { lessonId });
      assert.equal(set.status, 200, JSON.stringify(set.body));
      const html = String((await anon.get(`/help/articles/${art.body.slug}`)).body);
      assert.ok(html.includes("Recommended lesson"));
      assert.ok(html.includes(`href="/portal/academy/courses/speakers?lesson=${lessonId}"`));
      assert.ok(html.includes("Placing your speakers"));
    },
  );
});
