import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { TestClient } from "../../../../test/client.ts";
import { customerClient, setUpWorkspace, staffClient } from "../../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../../test/harness.ts";
import { loadHelpDemo } from "../../demo/help-demo.ts";
import { insertWorkspace } from "../../workspaces/workspaces.repo.ts";
import { holdoutBucket } from "./ranking.ts";

let server: TestServer;
let admin: TestClient;
let agent: TestClient;
let customer: TestClient;
let customer2: TestClient;
let anon: TestClient;
let workspaceId: string;
const art: Record<string, { id: string; slug: string }> = {};

type Item = { id: string; title: string; slug: string; snippet: string; kind?: string };

async function article(key: string, body: Record<string, unknown>) {
  const res = await agent.post("/api/v1/help/articles", {
    state: "published",
    visibility: "public",
    ...body,
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  art[key] = { id: res.body.id, slug: res.body.slug };
}

async function customerId(client: TestClient): Promise<string> {
  const res = await client.get("/api/v1/portal/profile");
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.customer.id;
}

before(async () => {
  server = await startTestServer();
  ({ admin, workspaceId } = await setUpWorkspace(server));
  ({ client: agent } = await staffClient(server, "agent"));
  ({ client: customer } = await customerClient(server));
  ({ client: customer2 } = await customerClient(server));
  anon = new TestClient(server.url);
  await article("update", {
    title: "Update your speaker's firmware",
    body: "Open the app and tap **Update**. If the update fails with Error 1013, the speaker can't reach the update server: check that your router allows outgoing connections.",
    productModels: ["Era 100"],
  });
  await article("router", {
    title: "Factory reset your router",
    body: "Hold the reset button on the back of the router for ten seconds until the light blinks white.",
  });
  await article("hostile", {
    title: "Bluetooth pairing guide",
    body: 'Pairing <script>alert("x")</script> your <mark onclick="steal()">bluetooth</mark> headphones <img src=x onerror=alert(1)> takes <b>one</b> minute.',
  });
  await article("agentsOnly", {
    title: "Zanzibarite amplifier escalation checklist",
    body: "Internal: collect the serial of the zanzibarite amplifier before escalating.",
    visibility: "agents",
  });
  await article("customersOnly", {
    title: "Zanzibarite amplifier warranty claim",
    body: "Signed-in customers can claim warranty for the zanzibarite amplifier here.",
    visibility: "customers",
  });
  await article("draft", {
    title: "Zanzibarite amplifier draft notes",
    body: "Not ready: zanzibarite.",
    state: "draft",
  });
  await article("wifiSub", {
    title: "Wi-Fi dropouts on the Sub Mini",
    body: "If your Sub Mini keeps dropping off the Wi-Fi, move it closer to the router and restart it.",
    productModels: ["Sub Mini"],
  });
  await article("wifiArc", {
    title: "Wi-Fi dropouts on the Arc soundbar",
    body: "If your Arc keeps dropping off the Wi-Fi, move it closer to the router and restart it.",
    productModels: ["Arc"],
  });
});
after(() => server.close());

const ids = (items: Item[]) => items.map((i) => i.id);

describe("search", () => {
  test("stems: 'updating' finds the article about updates, with <mark> in the snippet", async () => {
    const res = await anon.get("/api/v1/help/search?q=updating");
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.items[0]?.id, art.update?.id);
    const hit = res.body.items[0];
    assert.equal(hit.slug, art.update?.slug);
    assert.equal(hit.locale, "en");
    assert.ok("categoryId" in hit);
    assert.match(hit.snippet, /<mark>[^<]+<\/mark>/);
  });

  test("forgives typos", async () => {
    const res = await anon.get(`/api/v1/help/search?q=${encodeURIComponent("bluetoth pairng")}`);
    assert.equal(res.status, 200);
    assert.equal(res.body.items[0]?.id, art.hostile?.id);
    const reset = await anon.get(`/api/v1/help/search?q=${encodeURIComponent("factroy reset routr")}`);
    assert.equal(reset.body.items[0]?.id, art.router?.id);
  });

  test("only <mark> survives in snippets of hostile article text", async () => {
    const res = await anon.get("/api/v1/help/search?q=bluetooth");
    const hit = res.body.items.find((i: Item) => i.id === art.hostile?.id);
    assert.ok(hit, JSON.stringify(res.body));
    assert.match(hit.snippet, /<mark>/);
    const rest = hit.snippet.replace(/<\/?mark>/g, "");
    assert.ok(!rest.includes("<"), hit.snippet);
    assert.ok(!/<mark [^>]/.test(hit.snippet), hit.snippet);
  });

  test("reading rules: anonymous callers see public only, customers also customers-only, staff everything", async () => {
    const q = "/api/v1/help/search?q=zanzibarite";
    assert.deepEqual(ids((await anon.get(q)).body.items), []);
    assert.deepEqual(ids((await customer.get(q)).body.items), [art.customersOnly?.id]);
    const staff = ids((await agent.get(q)).body.items);
    for (const k of ["agentsOnly", "customersOnly", "draft"])
      assert.ok(staff.includes(art[k]?.id as string), k);
  });

  test("bad input is 400 naming the field", async () => {
    const res = await anon.get(`/api/v1/help/search?q=${"x".repeat(400)}`);
    assert.equal(res.status, 400);
    assert.equal(res.body.error.field, "q");
  });
});

describe("suggestions", () => {
  const session = "sess-0123456789";
  before(async () => {
    assert.equal((await admin.put("/api/v1/help/settings", { holdoutPercent: 0 })).status, 200);
  });

  test("shape, ranking, and nothing unreadable for anonymous callers", async () => {
    const res = await anon.get(
      `/api/v1/help/suggestions?q=${encodeURIComponent("firmware update error 1013")}&session=${session}`,
    );
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.holdout, false);
    assert.equal(res.body.items[0].id, art.update?.id);
    assert.equal(res.body.items[0].kind, "article");
    assert.ok(res.body.items.length <= 5);
    const z = await anon.get(
      `/api/v1/help/suggestions?q=${encodeURIComponent("zanzibarite amplifier")}&session=${session}`,
    );
    for (const k of ["agentsOnly", "customersOnly", "draft"])
      assert.ok(!ids(z.body.items).includes(art[k]?.id as string), k);
    const c = await customer.get(
      `/api/v1/help/suggestions?q=${encodeURIComponent("zanzibarite amplifier")}&session=${session}`,
    );
    assert.ok(ids(c.body.items).includes(art.customersOnly?.id as string));
    assert.ok(!ids(c.body.items).includes(art.agentsOnly?.id as string));
  });

  test("a customer's device model ranks its article first", async () => {
    const q = `/api/v1/help/suggestions?q=${encodeURIComponent("my speaker keeps dropping off the wifi")}&session=${session}`;
    const arcOwner = await customerId(customer);
    const subOwner = await customerId(customer2);
    let res = await agent.post(`/api/v1/customers/${arcOwner}/devices`, {
      model: "Arc",
      serial: "ARC-1",
      firmware: "1.0",
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    res = await agent.post(`/api/v1/customers/${subOwner}/devices`, { model: "Sub Mini", serial: "SUB-1" });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal((await customer.get(q)).body.items[0]?.id, art.wifiArc?.id);
    assert.equal((await customer2.get(q)).body.items[0]?.id, art.wifiSub?.id);
  });

  test("fewer than 3 characters: empty; bad session: 400 naming session", async () => {
    const res = await anon.get(`/api/v1/help/suggestions?q=up&session=${session}`);
    assert.deepEqual(res.body, { items: [], holdout: false });
    for (const bad of ["short", "has spaces in it", "x".repeat(65)]) {
      const r = await anon.get(`/api/v1/help/suggestions?q=update&session=${encodeURIComponent(bad)}`);
      assert.equal(r.status, 400, bad);
      assert.equal(r.body.error.field, "session");
    }
    const missing = await anon.get("/api/v1/help/suggestions?q=update");
    assert.equal(missing.status, 400);
  });

  test("holdout is deterministic per session and follows the setting", async () => {
    assert.equal((await agent.put("/api/v1/help/settings", { holdoutPercent: 10 })).status, 403);
    assert.equal((await admin.put("/api/v1/help/settings", { holdoutPercent: 60 })).status, 400);
    assert.equal((await admin.put("/api/v1/help/settings", { holdoutPercent: 50 })).status, 200);
    assert.deepEqual((await admin.get("/api/v1/help/settings")).body, { holdoutPercent: 50 });
    const sessions = Array.from({ length: 12 }, (_, i) => `holdout-session-${i}`);
    const expected = sessions.map((s) => holdoutBucket(workspaceId, s) < 50);
    assert.ok(expected.includes(true) && expected.includes(false), "the sample has both kinds");
    for (const [i, s] of sessions.entries()) {
      const a = await anon.get(`/api/v1/help/suggestions?q=update+firmware&session=${s}`);
      const b = await anon.get(`/api/v1/help/suggestions?q=update+firmware&session=${s}`);
      assert.equal(a.body.holdout, expected[i], s);
      // Same bucket every time (the items may differ: a late query vector is skipped).
      assert.equal(b.body.holdout, a.body.holdout);
      if (!a.body.holdout) assert.ok(a.body.items.length > 0);
      if (a.body.holdout) assert.deepEqual(a.body.items, []);
    }
    assert.equal((await admin.put("/api/v1/help/settings", { holdoutPercent: 0 })).status, 200);
    for (const s of sessions) {
      assert.equal(
        (await anon.get(`/api/v1/help/suggestions?q=update+firmware&session=${s}`)).body.holdout,
        false,
      );
    }
  });
});

describe("deflections, votes, views, agents and analytics", () => {
  test("votes and views: validation, reading rules, counting", async () => {
    const url = `/api/v1/help/articles/${art.router?.id}`;
    let res = await anon.post(`${url}/votes`, { helpful: "yes" });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.field, "helpful");
    res = await anon.post(`${url}/votes`, { helpful: false, reason: "boring" });
    assert.equal(res.body.error.field, "reason");
    res = await anon.post(`${url}/votes`, { helpful: false, session: "x" });
    assert.equal(res.body.error.field, "session");
    res = await anon.post(`/api/v1/help/articles/${art.agentsOnly?.id}/votes`, { helpful: true });
    assert.equal(res.status, 404);
    res = await customer.post(`/api/v1/help/articles/${art.draft?.id}/views`, { session: "view-session-1" });
    assert.equal(res.status, 404);
    assert.equal((await anon.post(`${url}/votes`, { helpful: true })).status, 201);
    assert.equal((await anon.post(`${url}/votes`, { helpful: false, reason: "out_of_date" })).status, 201);
    assert.equal(
      (
        await customer.post(`${url}/votes`, {
          helpful: false,
          reason: "did_not_answer",
          session: "vote-session",
        })
      ).status,
      201,
    );
    res = await anon.post(`${url}/views`, {});
    assert.equal(res.body.error.field, "session");
    for (const s of ["view-session-1", "view-session-1", "view-session-2"]) {
      assert.equal((await anon.post(`${url}/views`, { session: s })).status, 204);
    }
    const a = (await agent.get("/api/v1/help/analytics")).body.articles.find(
      (x: { id: string }) => x.id === art.router?.id,
    );
    assert.equal(a.views, 2);
    assert.equal(a.helpful, 1);
    assert.equal(a.unhelpful, 2);
    assert.deepEqual(a.reasons, { not_related: 0, did_not_answer: 1, out_of_date: 1 });
  });

  test("a deflection is un-confirmed by a similar case within 7 days and confirmed otherwise", async () => {
    const db = server.runtime.ctx.db;
    assert.equal(
      (await anon.post("/api/v1/help/deflections", { query: "x", session: "defl-session-1" })).status,
      401,
    );
    // Staff have no customer record of their own.
    assert.equal(
      (await agent.post("/api/v1/help/deflections", { query: "x", session: "defl-session-1" })).status,
      404,
    );
    let res = await customer.post("/api/v1/help/deflections", { query: "x", session: "bad" });
    assert.equal(res.body.error.field, "session");
    res = await customer.post("/api/v1/help/deflections", {
      query: "speaker firmware update fails",
      session: "defl-session-1",
      articleId: art.update?.id,
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const first = res.body.id;
    res = await customer.post("/api/v1/help/deflections", {
      query: "factory reset router",
      session: "defl-session-2",
      articleId: art.router?.id,
    });
    const second = res.body.id;
    res = await customer.post("/api/v1/help/deflections", {
      query: "x",
      session: "defl-session-3",
      articleId: art.agentsOnly?.id,
    });
    assert.equal(res.status, 404);
    assert.equal(res.body.error.field, "articleId");
    await sql`update help_deflections set created_at = now() - interval '3 days' where id = ${first}`.execute(
      db,
    );
    await sql`update help_deflections set created_at = now() - interval '10 days' where id = ${second}`.execute(
      db,
    );
    // The first customer opens a case about the same firmware update (within 7 days of the first).
    const opened = await customer.post("/api/v1/cases", {
      subject: "Firmware update fails",
      message: "The speaker update fails every time.",
    });
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    const body = (await agent.get("/api/v1/help/analytics")).body;
    const update = body.articles.find((x: { id: string }) => x.id === art.update?.id);
    const router = body.articles.find((x: { id: string }) => x.id === art.router?.id);
    assert.deepEqual([update.deflections, update.confirmedDeflections], [1, 0]);
    assert.deepEqual([router.deflections, router.confirmedDeflections], [1, 1]);
    assert.equal(body.deflections.recorded, 2);
    assert.equal(body.deflections.confirmed, 1);
    assert.equal(body.deflections.pending, 0);
  });

  test("agents get article suggestions for a case and share one on the customer's timeline", async () => {
    const opened = await customer.post("/api/v1/cases", {
      subject: "Zanzibarite amplifier broken",
      message: "My zanzibarite amplifier makes no sound.",
    });
    const caseId = opened.body.id;
    let res = await agent.get(`/api/v1/cases/${caseId}/article-suggestions`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const got = ids(res.body.items);
    assert.ok(got.includes(art.agentsOnly?.id as string), "any visibility");
    assert.ok(got.includes(art.customersOnly?.id as string));
    assert.ok(!got.includes(art.draft?.id as string), "published only");
    assert.equal((await customer.get(`/api/v1/cases/${caseId}/article-suggestions`)).status, 403);
    assert.equal(
      (await agent.get("/api/v1/cases/00000000-0000-4000-8000-000000000000/article-suggestions")).status,
      404,
    );

    res = await agent.post(`/api/v1/cases/${caseId}/shared-articles`, { articleId: art.customersOnly?.id });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.match(res.body.url, new RegExp(`/help/articles/${art.customersOnly?.slug}$`));
    assert.equal(res.body.title, "Zanzibarite amplifier warranty claim");
    assert.equal(res.body.markdownLink, `[Zanzibarite amplifier warranty claim](${res.body.url})`);
    res = await agent.post(`/api/v1/cases/${caseId}/shared-articles`, { articleId: art.agentsOnly?.id });
    assert.equal(res.status, 409);
    const tl = await customer.get(`/api/v1/cases/${caseId}/timeline`);
    assert.equal(tl.status, 200);
    const ev = tl.body.items.find((e: { kind: string }) => e.kind === "article.shared");
    assert.ok(ev, "the customer sees the shared article");
    assert.equal(ev.data.articleId, art.customersOnly?.id);
  });

  test("analytics: content gaps grouped by wording, articles older than device firmware; help.manage only", async () => {
    await anon.get(`/api/v1/help/search?q=${encodeURIComponent("flux capacitor")}`);
    await anon.get(`/api/v1/help/search?q=${encodeURIComponent("Flux capacitors!")}`);
    const body = (await agent.get("/api/v1/help/analytics")).body;
    const gap = body.contentGaps.find((g: { examples: string[] }) => g.examples.includes("flux capacitor"));
    assert.ok(gap, JSON.stringify(body.contentGaps));
    assert.equal(gap.count, 2);
    const outdated = body.outdated.find((o: { id: string }) => o.id === art.wifiArc?.id);
    assert.ok(outdated, "an Arc reported firmware after the Arc article was written");
    assert.equal(outdated.newerFirmware[0].firmware, "1.0");
    assert.ok(!body.outdated.some((o: { id: string }) => o.id === art.wifiSub?.id), "no firmware reported");
    assert.equal((await customer.get("/api/v1/help/analytics")).status, 403);
  });
});

test("the help demo loads categories and published articles with versions and translations", async () => {
  const db = server.runtime.ctx.db;
  const ws = await insertWorkspace(db, "Demo Help Co");
  const created = await loadHelpDemo(server.runtime.ctx, ws.id);
  assert.ok(created >= 30, `${created} articles`);
  assert.equal(await loadHelpDemo(server.runtime.ctx, ws.id), 0, "a second run adds nothing");
  const { rows } = await sql<{ articles: number; versions: number; grouped: number }>`
    select (select count(*)::int from help_articles where workspace_id = ${ws.id} and state = 'published') as articles,
           (select count(*)::int from help_article_versions where workspace_id = ${ws.id}) as versions,
           (select count(*)::int from help_articles a where a.workspace_id = ${ws.id} and a.locale = 'de'
              and exists (select 1 from help_articles b where b.translation_group = a.translation_group and b.locale = 'en')) as grouped
  `.execute(db);
  assert.deepEqual(rows[0], { articles: created, versions: created, grouped: 6 });
});
