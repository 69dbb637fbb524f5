import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { assertSilent, assessPage, type Kit, startKit, writePage } from "./extras.testkit.ts";
import { htmlToMarkdown } from "./html-markdown.ts";
import { hcArticlesWriter } from "./write-articles.ts";
import { hcCategoriesWriter, hcSectionsWriter } from "./write-guide.ts";
import type { ZdHcArticle, ZdHcCategory, ZdHcSection, ZdHcTranslation } from "./zendesk-types.ts";

let kit: Kit;
before(async () => {
  kit = await startKit();
});
after(async () => {
  await kit.server.close();
});

const T0 = "2022-01-10T09:00:00Z";
const category = (id: number, name: string, over: Partial<ZdHcCategory> = {}): ZdHcCategory => ({
  id,
  name,
  description: "",
  locale: "en-us",
  source_locale: "en-us",
  position: 0,
  created_at: T0,
  updated_at: T0,
  ...over,
});
const section = (id: number, categoryId: number, name: string): ZdHcSection => ({
  id,
  category_id: categoryId,
  name,
  description: "",
  locale: "en-us",
  source_locale: "en-us",
  position: 1,
  created_at: T0,
  updated_at: T0,
});
const translation = (
  id: number,
  articleId: number,
  locale: string,
  over: Partial<ZdHcTranslation> = {},
): ZdHcTranslation => ({
  id,
  source_id: articleId,
  source_type: "Article",
  locale,
  title: `Title ${locale}`,
  body: `<p>Body ${locale}</p>`,
  draft: false,
  outdated: false,
  created_at: "2022-02-01T10:00:00Z",
  updated_at: "2022-02-05T10:00:00Z",
  ...over,
});
function article(
  id: number,
  sectionId: number,
  translations: ZdHcTranslation[],
  over: Partial<ZdHcArticle> = {},
): ZdHcArticle {
  const first = translations[0] as ZdHcTranslation;
  return {
    id,
    section_id: sectionId,
    title: first.title,
    body: first.body,
    locale: first.locale,
    source_locale: first.locale,
    author_id: null,
    draft: first.draft,
    promoted: false,
    position: 0,
    label_names: ["setup"],
    html_url: `https://acme.zendesk.com/hc/en-us/articles/${id}`,
    created_at: first.created_at,
    updated_at: first.updated_at,
    edited_at: first.updated_at,
    translations,
    ...over,
  };
}

type Summary = {
  id: string;
  slug: string;
  locale: string;
  title: string;
  state: string;
  sectionId: string;
  categoryId: string;
  translationGroupId: string;
  version: number;
  tags: string[];
  createdAt: string;
  updatedAt: string;
};
async function articles(): Promise<Summary[]> {
  const res = await kit.admin.get("/api/v1/help/articles");
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.items;
}
async function full(id: string) {
  const res = await kit.admin.get(`/api/v1/help/articles/${id}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as Summary & { body: string; bodyHtml: string };
}

const HOSTILE =
  '<h2>Reset</h2><p onclick="steal()">Hold <strong>Play</strong>.<script>fetch("//evil")</script></p>' +
  '<p><a href="javascript:alert(1)">here</a> <a href="https://acme.example/help">docs</a></p>' +
  '<iframe src="https://evil.example"></iframe><img src="x" onerror="alert(1)"><p>5 * 3 &lt;b&gt;</p>';

describe("article HTML → markdown", () => {
  test("structure kept, hostile markup gone, text stays text", () => {
    const md = htmlToMarkdown(
      `${HOSTILE}<ol><li>One</li><li>Two</li></ol><blockquote><p>Note</p></blockquote>`,
    );
    assert.equal(
      md,
      "## Reset\n\nHold **Play**.\n\nhere [docs](https://acme.example/help)\n\n![](x)\n\n5 \\* 3 <b>\n\n1. One\n2. Two\n\n> Note",
    );
  });
});

describe("Guide → help center", () => {
  let groupId = "";
  test("categories, sections and articles in each locale, drafts and times kept, hostile HTML sanitised", async () => {
    const sectionsDry = await assessPage(kit, hcSectionsWriter, [section(20, 10, "Setup")]);
    assert.deepEqual(sectionsDry, { created: 1, updated: 0, skips: [] }, "a dry run has no categories yet");
    assert.equal(
      (
        await writePage(kit, hcCategoriesWriter, [
          category(10, "Getting started", { description: "First steps" }),
        ])
      ).created,
      1,
    );
    assert.equal(
      (await writePage(kit, hcSectionsWriter, [section(20, 10, "Setup"), section(21, 999, "Orphan")]))
        .created,
      1,
    );
    const page = [
      article(30, 20, [
        translation(301, 30, "en-us", { title: "Reset your speaker", body: HOSTILE }),
        translation(302, 30, "de", { title: "Lautsprecher zurücksetzen", draft: true }),
        translation(303, 30, "en-gb", { title: "Reset your speaker (UK)" }),
      ]),
      article(31, 777, [translation(311, 31, "en-us")]),
    ];
    const dry = await assessPage(kit, hcArticlesWriter, page);
    assert.equal(dry.created, 3 + 1, "a dry run assumes the unmapped section 777 will be imported");
    assert.equal((await articles()).length, 0, "the dry run wrote nothing");

    const out = await writePage(kit, hcArticlesWriter, page);
    assert.equal(out.created, 3);
    assert.match(out.skips.find((s) => s.externalId === "31")?.reason ?? "", /section 777 was not imported/);

    const cats = await kit.admin.get("/api/v1/help/categories");
    const cat = (
      cats.body.items as Array<{
        id: string;
        name: string;
        slug: string;
        description: string;
        sections: Array<{ id: string; name: string; slug: string }>;
      }>
    ).find((c) => c.name === "Getting started");
    assert.equal(cat?.slug, "getting-started");
    assert.equal(cat?.description, "First steps");
    assert.equal(cat?.sections[0]?.slug, "setup");

    const list = await articles();
    const byLocale = Object.fromEntries(list.map((a) => [a.locale, a]));
    assert.deepEqual(Object.keys(byLocale).sort(), ["de", "en", "en-GB"]);
    assert.equal(byLocale.en?.slug, "reset-your-speaker");
    assert.equal(byLocale.en?.state, "published");
    assert.equal(byLocale.de?.state, "draft", "a Zendesk draft stays a draft");
    assert.equal(byLocale.en?.sectionId, cat?.sections[0]?.id);
    assert.equal(byLocale.en?.categoryId, cat?.id);
    assert.deepEqual(byLocale.en?.tags, ["setup"]);
    assert.equal(byLocale.en?.createdAt, "2022-02-01T10:00:00.000Z");
    assert.equal(byLocale.en?.updatedAt, "2022-02-05T10:00:00.000Z");
    groupId = byLocale.en?.translationGroupId ?? "";
    assert.ok(
      list.every((a) => a.translationGroupId === groupId),
      "one translation group",
    );

    const en = await full(byLocale.en?.id ?? "");
    assert.doesNotMatch(en.body, /script|onclick|onerror|iframe|javascript/);
    assert.doesNotMatch(en.bodyHtml, /<script|onclick|onerror|<iframe|javascript:/);
    assert.match(en.bodyHtml, /<h2>Reset<\/h2>/);
    assert.match(en.bodyHtml, /<strong>Play<\/strong>/);

    // Anonymous readers get the published article, and not the draft.
    const pub = await fetch(`${kit.server.url}/api/v1/help/articles/by-slug/en/reset-your-speaker`);
    assert.equal(pub.status, 200);
    const draft = await fetch(`${kit.server.url}/api/v1/help/articles/by-slug/de/${byLocale.de?.slug}`);
    assert.equal(draft.status, 404);
    await assertSilent(kit);
  });

  test("the same pages twice add nothing; a delta updates the article as a new version", async () => {
    await writePage(kit, hcCategoriesWriter, [category(10, "Getting started")]);
    await writePage(kit, hcSectionsWriter, [section(20, 10, "Setup")]);
    const same = [
      article(30, 20, [
        translation(301, 30, "en-us", { title: "Reset your speaker", body: HOSTILE }),
        translation(302, 30, "de", { title: "Lautsprecher zurücksetzen", draft: true }),
        translation(303, 30, "en-gb", { title: "Reset your speaker (UK)" }),
      ]),
    ];
    const again = await writePage(kit, hcArticlesWriter, same);
    assert.deepEqual([again.created, again.updated], [0, 3]);
    assert.equal((await articles()).length, 3);
    const cats = await kit.admin.get("/api/v1/help/categories");
    assert.equal(cats.body.items.length, 1);

    const delta = await writePage(kit, hcArticlesWriter, [
      article(30, 20, [
        translation(301, 30, "en-us", {
          title: "Reset your speaker",
          body: "<p>Hold Play for 10 seconds.</p>",
          updated_at: "2023-01-01T00:00:00Z",
        }),
        translation(302, 30, "de", {
          title: "Lautsprecher zurücksetzen",
          draft: false,
          updated_at: "2023-01-02T00:00:00Z",
        }),
        translation(303, 30, "en-gb", { title: "Reset your speaker (UK)" }),
      ]),
    ]);
    assert.deepEqual([delta.created, delta.updated], [0, 3]);
    const list = await articles();
    const en = list.find((a) => a.locale === "en");
    const de = list.find((a) => a.locale === "de");
    assert.equal(en?.version, 2);
    assert.equal(en?.slug, "reset-your-speaker", "the slug stays, so links stay valid");
    assert.equal(en?.updatedAt, "2023-01-01T00:00:00.000Z");
    assert.equal(de?.state, "published", "published in Zendesk since");
    assert.equal(list.find((a) => a.locale === "en-GB")?.version, 1, "unchanged: no new version");
    const versions = await kit.admin.get(`/api/v1/help/articles/${en?.id}/versions`);
    assert.equal(versions.status, 200, JSON.stringify(versions.body));
    assert.deepEqual((versions.body.items as Array<{ number: number }>).map((v) => v.number).sort(), [1, 2]);
    const body = (await full(en?.id ?? "")).body;
    assert.equal(body, "Hold Play for 10 seconds.");
    await assertSilent(kit);
  });
});
