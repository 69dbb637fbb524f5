import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { TestClient } from "../../../test/client.ts";
import { customerClient, setUpWorkspace } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { visitorLocales } from "./pages/visitor.ts";

/**
 * The public help center: sitemap, robots.txt, the no-JavaScript feedback form and the
 * visitor's language always; the server-rendered pages (head tags, 301, 404, hostile markdown)
 * when the web app is built (`npm run build`), as the harness serves it only then.
 */
const built = existsSync(path.resolve(import.meta.dirname, "../../../../web/dist/server/entry-server.js"));
const needsWeb = { skip: built ? false : "the web app is not built (npm run build)" };

let server: TestServer;
let admin: TestClient;
let anon: TestClient;
let workspaceId: string;
const ids: Record<string, { id: string; slug: string }> = {};
let categorySlug = "";

async function article(key: string, body: Record<string, unknown>) {
  const res = await admin.post("/api/v1/help/articles", {
    state: "published",
    visibility: "public",
    body: "Open the app and follow the steps.",
    ...body,
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  ids[key] = { id: res.body.id, slug: res.body.slug };
  return res.body;
}

before(async () => {
  server = await startTestServer({ web: built });
  ({ admin, workspaceId } = await setUpWorkspace(server, "Acme <Audio> & Co"));
  anon = new TestClient(server.url);
  const cat = await admin.post("/api/v1/help/categories", {
    name: "Speakers & Sound",
    description: "Setting up & fixing speakers",
    sections: [{ name: "Wi-Fi" }],
  });
  assert.equal(cat.status, 201, JSON.stringify(cat.body));
  categorySlug = cat.body.slug;
  const sectionId = cat.body.sections[0].id;
  const reset = await article("reset", {
    title: "Reset your speaker",
    sectionId,
    body: "Hold the button for ten seconds until the light blinks white.",
  });
  await article("resetDe", {
    title: "Lautsprecher zurücksetzen",
    locale: "de",
    translationOf: reset.id,
    sectionId,
    body: "Halten Sie die Taste zehn Sekunden lang gedrückt.",
  });
  await article("draft", { title: "Secret draft speaker", state: "draft", categoryId: cat.body.id });
  await article("agents", { title: "Agents only speaker", visibility: "agents", categoryId: cat.body.id });
  await article("customers", {
    title: "Customers only speaker",
    visibility: "customers",
    categoryId: cat.body.id,
  });
  await article("archived", { title: "Archived speaker", state: "archived", categoryId: cat.body.id });
  await article("hostile", {
    title: 'Hostile </title><script>alert("t")</script>',
    categoryId: cat.body.id,
    body: [
      "<script>alert(1)</script>",
      '<img src="x" onerror="alert(2)">',
      "[click](javascript:alert(3))",
      "![pic](javascript:alert(4))",
      '<a href="javascript:alert(5)">x</a>',
    ].join("\n\n"),
  });
  await article("renamed", { title: "Pair a remote speaker", categoryId: cat.body.id });
  const patched = await admin.patch(`/api/v1/help/articles/${ids.renamed?.id}`, { slug: "pair-your-remote" });
  assert.equal(patched.status, 200, JSON.stringify(patched.body));
});
after(() => server.close());

describe("sitemap and robots", () => {
  test("the sitemap lists the help center, categories and published public articles only", async () => {
    const res = await anon.get("/sitemap.xml");
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /application\/xml/);
    const xml = String(res.body);
    assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>/);
    assert.ok(xml.includes(`<loc>${server.url}/help</loc>`), xml);
    assert.ok(xml.includes(`<loc>${server.url}/help/${categorySlug}</loc>`));
    assert.ok(xml.includes(`<loc>${server.url}/help/articles/${ids.reset?.slug}</loc>`));
    assert.ok(xml.includes(`<loc>${server.url}/help/articles/${ids.resetDe?.slug}?lang=de</loc>`));
    assert.ok(xml.includes("/help/articles/pair-your-remote<"), "the current slug");
    for (const hidden of ["draft", "agents", "customers", "archived"]) {
      assert.ok(!xml.includes(`/${ids[hidden]?.slug}<`), `${hidden} must not be listed`);
    }
    assert.ok(!xml.includes("pair-a-remote-speaker"), "an old slug is not listed");
    assert.match(xml, /<lastmod>\d{4}-\d{2}-\d{2}<\/lastmod>/);
    // Every text node is escaped: no bare "&" or "<" inside a <loc>.
    for (const loc of xml.match(/<loc>[^<]*<\/loc>/g) ?? [])
      assert.doesNotMatch(loc, /&(?!amp;|lt;|gt;|quot;|apos;)/);
  });

  test("robots.txt allows the help center, keeps crawlers out of the app and the API", async () => {
    const res = await anon.get("/robots.txt");
    assert.equal(res.status, 200);
    const text = String(res.body);
    assert.match(text, /^Allow: \/help$/m);
    assert.match(text, /^Disallow: \/app$/m);
    assert.match(text, /^Disallow: \/api$/m);
    assert.match(text, new RegExp(`^Sitemap: ${server.url}/sitemap.xml$`, "m"));
  });
});

describe("the visitor's language", () => {
  test("the visitor's languages come from ?lang= then Accept-Language by weight", () => {
    const locales = visitorLocales({
      query: { lang: "pt-br" },
      headers: { "accept-language": "fr;q=0.5, de-AT, *;q=0.1" },
    });
    assert.deepEqual(locales, ["pt-BR", "pt", "de-AT", "de", "fr"]);
  });
});

describe("Did this help? without JavaScript", () => {
  const form = (client: TestClient, slug: string, fields: Record<string, string>) =>
    client.request("POST", `/help/articles/${slug}/feedback`, new URLSearchParams(fields).toString(), {
      "content-type": "application/x-www-form-urlencoded",
    });

  test("No asks why, then thanks; Yes thanks; hidden articles are 404", async () => {
    const slug = ids.reset?.slug as string;
    const no = await form(anon, slug, { helpful: "no" });
    assert.equal(no.status, 303);
    assert.equal(no.headers.get("location"), `/help/articles/${slug}?feedback=why#feedback`);
    const why = await form(anon, slug, { helpful: "no", reason: "out_of_date" });
    assert.equal(why.status, 303);
    assert.equal(why.headers.get("location"), `/help/articles/${slug}?feedback=sorry#feedback`);
    const yes = await form(anon, slug, { helpful: "yes" });
    assert.equal(yes.headers.get("location"), `/help/articles/${slug}?feedback=thanks#feedback`);
    const de = await anon.request(
      "POST",
      `/help/articles/${ids.resetDe?.slug}/feedback?lang=de`,
      "helpful=yes",
      { "content-type": "application/x-www-form-urlencoded" },
    );
    assert.equal(
      de.headers.get("location"),
      `/help/articles/${ids.resetDe?.slug}?lang=de&feedback=thanks#feedback`,
    );
    for (const hidden of ["draft", "agents", "customers"]) {
      assert.equal((await form(anon, ids[hidden]?.slug as string, { helpful: "yes" })).status, 404, hidden);
    }
  });

  test("the form parser is this route's only: API routes still refuse form posts", async () => {
    const res = await admin.request("POST", "/api/v1/help/categories", "name=Sneaky", {
      "content-type": "application/x-www-form-urlencoded",
    });
    assert.ok(res.status === 400 || res.status === 415, String(res.status));
    const list = await anon.get("/api/v1/help/categories");
    assert.ok(!JSON.stringify(list.body).includes("Sneaky"));
  });
});

describe("server-rendered pages", () => {
  const page = async (url: string, headers: Record<string, string> = {}, client = anon) => {
    const res = await client.get(url, headers);
    return { status: res.status, html: String(res.body), location: res.headers.get("location") };
  };
  const head = (html: string) => html.slice(0, html.indexOf("</head>"));

  test(
    "/help lists categories, sections and readable article titles, with a search box",
    needsWeb,
    async () => {
      const { status, html } = await page("/help");
      assert.equal(status, 200);
      assert.match(html, /<html lang="en"/);
      assert.match(head(html), /<title>Acme &#60;Audio&#62; &#38; Co help center<\/title>/);
      assert.ok(html.includes("Speakers &amp; Sound"));
      assert.ok(html.includes("Reset your speaker"));
      assert.ok(html.includes('action="/help/search"'));
      assert.ok(!html.includes("Secret draft speaker") && !html.includes("Agents only speaker"));
      assert.ok(
        !html.includes("Customers only speaker"),
        "anonymous visitors do not see customers' articles",
      );
      assert.match(head(html), new RegExp(`<link rel="canonical" href="${server.url}/help">`));
    },
  );

  test("an article page has its head tags, breadcrumb and translation links", async (t) => {
    if (!built) return t.skip("the web app is not built");
    const { status, html } = await page(`/help/articles/${ids.reset?.slug}`);
    assert.equal(status, 200);
    const h = head(html);
    const url = `${server.url}/help/articles/${ids.reset?.slug}`;
    assert.match(h, /<title>Reset your speaker – Acme &#60;Audio&#62; &#38; Co help center<\/title>/);
    assert.match(
      h,
      /<meta name="description" content="Hold the button for ten seconds until the light blinks white.">/,
    );
    assert.ok(h.includes(`<link rel="canonical" href="${url}">`));
    assert.ok(h.includes(`<link rel="alternate" hreflang="en" href="${url}">`));
    assert.ok(
      h.includes(
        `<link rel="alternate" hreflang="de" href="${server.url}/help/articles/${ids.resetDe?.slug}?lang=de">`,
      ),
    );
    assert.ok(h.includes('<meta property="og:type" content="article">'));
    assert.ok(h.includes(`<meta property="og:url" content="${url}">`));
    assert.ok(h.includes('<meta property="og:title" content="Reset your speaker'));
    assert.ok(h.includes('<meta property="og:description" content="Hold the button'));
    assert.ok(h.includes('<meta property="og:site_name" content="Acme &#60;Audio&#62; &#38; Co">'));
    assert.equal((h.match(/<title>/g) ?? []).length, 1, "one title");
    assert.ok(html.includes(`href="/help/${categorySlug}"`), "breadcrumb to the category");
    assert.ok(html.includes(`/help/articles/${ids.resetDe?.slug}?lang=de`), "translation link");
    assert.ok(html.includes('action="/help/articles/'), "the feedback form");

    const de = await page(`/help/articles/${ids.resetDe?.slug}?lang=de`);
    assert.equal(de.status, 200);
    assert.match(de.html, /<html lang="de"/);
    assert.ok(de.html.includes("Lautsprecher zurücksetzen"));
    const accept = await page("/help", { "accept-language": "de-DE,de;q=0.9" });
    assert.match(accept.html, /<html lang="de"/);
    assert.ok(accept.html.includes("Lautsprecher zurücksetzen"), "the visitor's translation is listed");
  });

  test(
    "an old slug is a 301 to the new URL; unknown or unreadable pages are real 404s",
    needsWeb,
    async () => {
      const old = await page("/help/articles/pair-a-remote-speaker");
      assert.equal(old.status, 301);
      assert.equal(old.location, "/help/articles/pair-your-remote");
      for (const url of [
        "/help/articles/no-such-article",
        "/help/no-such-category",
        `/help/${categorySlug}/no-such-section`,
        `/help/articles/${ids.draft?.slug}`,
        `/help/articles/${ids.agents?.slug}`,
        `/help/articles/${ids.customers?.slug}`,
        `/help/articles/${ids.archived?.slug}`,
      ]) {
        const res = await page(url);
        assert.equal(res.status, 404, url);
        assert.match(res.html, /<meta name="robots" content="noindex">/);
        assert.ok(!res.html.includes("Secret draft speaker"));
      }
      // Malformed percent-encoding never reaches a 500 (Fastify answers 400 before routing).
      const malformed = await page("/help/articles/%zz");
      assert.ok([400, 404].includes(malformed.status), String(malformed.status));
      const { client: customer } = await customerClient(server);
      const signedIn = await page(`/help/articles/${ids.customers?.slug}`, {}, customer);
      assert.equal(signedIn.status, 200, "a signed-in customer reads customers' articles");
      assert.ok(signedIn.html.includes("Customers only speaker"));
    },
  );

  test("category, section and search pages render", needsWeb, async () => {
    const cat = await page(`/help/${categorySlug}`);
    assert.equal(cat.status, 200);
    assert.ok(cat.html.includes("Wi-Fi") && cat.html.includes("Pair a remote speaker"));
    const section = await page(`/help/${categorySlug}/wi-fi`);
    assert.equal(section.status, 200);
    assert.ok(section.html.includes("Reset your speaker"));
    const search = await page("/help/search?q=blinks");
    assert.equal(search.status, 200);
    assert.ok(search.html.includes("<mark>blinks</mark>"));
    assert.ok(search.html.includes(`href="/help/articles/${ids.reset?.slug}"`));
  });

  test(
    "an article linked to a problem shows the problem's live public status, never its internal title",
    needsWeb,
    async () => {
      const p = await admin.post("/api/v1/problems", { title: "Internal: DHCP lease bug" });
      assert.equal(p.status, 201, JSON.stringify(p.body));
      const patched = await admin.patch(`/api/v1/problems/${p.body.id}`, {
        publicTitle: "Speakers drop off Wi-Fi",
        publicWorkaround: "Restart your router, then the speaker.",
      });
      assert.equal(patched.status, 200, JSON.stringify(patched.body));
      const made = await admin.post(`/api/v1/help/articles/from-problem/${p.body.id}`);
      assert.ok(made.status === 200 || made.status === 201, JSON.stringify(made.body));
      const { status, html } = await page(`/help/articles/${made.body.slug}`);
      assert.equal(status, 200);
      assert.ok(html.includes("Known issue: Speakers drop off Wi-Fi"), "the problem's public title");
      assert.match(html, new RegExp(`Status: ${String(made.body.problem.status).replace(/_/g, " ")}`));
      assert.ok(!html.includes("DHCP lease bug"), "never the internal title");
    },
  );

  test("hostile markdown never executes", needsWeb, async () => {
    const { status, html } = await page(`/help/articles/${ids.hostile?.slug}`);
    assert.equal(status, 200);
    // Our own scripts only: the module entry and the non-executing JSON data.
    const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
    for (const s of scripts) assert.match(s, /type="(module|application\/json)"|data-mantine-script/, s);
    // Every tag's attributes: no event handler, no javascript: URL (text that merely mentions
    // them, escaped inside a value or the page's JSON data, is harmless).
    for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
      for (const [, name, value] of tag.matchAll(/\s([\w:-]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
        assert.doesNotMatch(name ?? "", /^on/i, `event handler in ${tag}`);
        assert.doesNotMatch(
          (value ?? "").replace(/^["']|["']$/g, "").trim(),
          /^javascript:/i,
          `javascript: in ${tag}`,
        );
      }
    }
    assert.ok(html.includes("&lt;script&gt;alert(1)&lt;/script&gt;"), "raw HTML shows as text");
    assert.match(head(html), /<title>Hostile &#60;\/title&#62;&#60;script&#62;/);
  });

  test("long sections are paged with plain links; other pages show a bounded few", needsWeb, async () => {
    const cat = await admin.post("/api/v1/help/categories", {
      name: "Library",
      sections: [{ name: "Bulk" }],
    });
    assert.equal(cat.status, 201, JSON.stringify(cat.body));
    const sectionId = cat.body.sections[0].id;
    // 55 published articles, written straight to the table: the API path is tested elsewhere.
    await sql`
      insert into help_articles (workspace_id, locale, slug, title, body, category_id, section_id,
                                 visibility, state, published_at)
      select ${workspaceId}, 'en', 'bulk-' || lpad(n::text, 2, '0'), 'Bulk guide ' || lpad(n::text, 2, '0'),
             'Body', ${cat.body.id}, ${sectionId}, 'public', 'published', now()
      from generate_series(1, 55) n`.execute(server.runtime.ctx.db);
    const base = `/help/${cat.body.slug}/bulk`;

    const first = await page(base);
    assert.equal(first.status, 200);
    assert.equal((first.html.match(/>Bulk guide \d\d</g) ?? []).length, 50, "a page holds 50 titles");
    assert.ok(first.html.includes("Bulk guide 50<") && !first.html.includes("Bulk guide 51<"));
    assert.ok(first.html.includes(`href="${base}?page=2"`), "a plain link to the next page");
    assert.ok(first.html.includes("Page 1 of 2"));

    const second = await page(`${base}?page=2`);
    assert.equal(second.status, 200);
    assert.equal((second.html.match(/>Bulk guide \d\d</g) ?? []).length, 5);
    assert.ok(second.html.includes("Bulk guide 55<") && !second.html.includes("Bulk guide 01<"));
    assert.ok(second.html.includes(`href="${base}"`), "back to the first page");
    assert.ok(second.html.includes(`<link rel="canonical" href="${server.url}${base}?page=2">`));
    assert.equal((await page(`${base}?page=3`)).status, 404, "past the last page");
    assert.equal((await page(`${base}?page=abc`)).status, 200, "a bad page number reads as the first");

    const home = await page("/help");
    assert.equal((home.html.match(/>Bulk guide \d\d</g) ?? []).length, 5, "the home page shows a few");
    assert.ok(home.html.includes("See all 55 articles"));
    const category = await page(`/help/${cat.body.slug}`);
    assert.equal((category.html.match(/>Bulk guide \d\d</g) ?? []).length, 5);
    assert.ok(category.html.includes(`href="${base}"`));

    const article = await page("/help/articles/bulk-30");
    assert.equal(article.status, 200);
    const related = article.html.slice(article.html.indexOf('id="siblings-title"'));
    assert.equal((related.match(/>Bulk guide \d\d</g) ?? []).length, 20, "20 siblings, not 54");
    assert.ok(!related.includes(">Bulk guide 30<"), "not itself");
  });
});
