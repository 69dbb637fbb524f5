import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { TestClient } from "../../../../test/client.ts";
import { customerClient, setUpWorkspace } from "../../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../../test/harness.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { periodStart } from "../reputation/leaderboard.ts";

/**
 * The community's public pages (issue #16) over HTTP, as a browser without JavaScript gets
 * them. The data is written with SQL (the pages read the tables directly; the core API is
 * another part's). The server-rendered pages need the built web app (`npm run build`).
 */
const built = existsSync(path.resolve(import.meta.dirname, "../../../../../web/dist/server/entry-server.js"));
const needsWeb = { skip: built ? false : "the web app is not built (npm run build)" };

let server: TestServer;
let admin: TestClient;
let anon: TestClient;
let scope: TenantScope;
const HOSTILE_NAME = `Mallory <img src=x onerror=alert("name")>`;
const HOSTILE_TITLE = `Speaker </script><script>alert("title")</script> drops Wi-Fi`;

type Ids = Record<string, string>;
const members: Ids = {};
const cats: Ids = {};
const topics: Record<string, { id: string; number: string; slug: string }> = {};
const posts: Ids = {};
let tick = 0;
/** Distinct, increasing creation times, so "oldest first" is well defined. */
const at = () => new Date(Date.UTC(2026, 10, 1, 12, 0, tick++));

async function member(
  key: string,
  displayName: string,
  extra: { is_staff?: boolean; reputation?: number } = {},
) {
  const row = await scope
    .insertInto("community_members", { display_name: displayName, bio: `Bio of ${displayName}`, ...extra })
    .returning("id")
    .executeTakeFirstOrThrow();
  members[key] = row.id;
}

async function category(key: string, name: string, visibility: "public" | "customers" | "mvp" | "staff") {
  const row = await scope
    .insertInto("community_categories", { name, slug: key, visibility, description: `About ${name}` })
    .returning("id")
    .executeTakeFirstOrThrow();
  cats[key] = row.id;
}

async function topic(
  key: string,
  cat: string,
  author: string,
  title: string,
  body: string,
  extra: { hidden?: boolean; kind?: "question" | "discussion" } = {},
) {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  const created = at();
  const row = await scope
    .insertInto("community_topics", {
      category_id: cats[cat] as string,
      kind: extra.kind ?? "question",
      title,
      slug,
      author_member_id: members[author] as string,
      hidden: extra.hidden ?? false,
      created_at: created,
      last_activity_at: created,
    })
    .returning(["id", "number"])
    .executeTakeFirstOrThrow();
  topics[key] = { id: row.id, number: String(row.number), slug };
  await post(`${key}:opening`, key, "opening", author, body);
}

async function post(
  key: string,
  topicKey: string,
  kind: "opening" | "answer" | "comment",
  author: string,
  body: string,
  extra: { accepted?: boolean; official?: boolean; hidden?: boolean; score?: number; parent?: string } = {},
) {
  const created = at();
  const row = await scope
    .insertInto("community_posts", {
      topic_id: topics[topicKey]?.id as string,
      kind,
      author_member_id: members[author] as string,
      body,
      accepted: extra.accepted ?? false,
      accepted_at: extra.accepted ? created : null,
      official: extra.official ?? false,
      hidden: extra.hidden ?? false,
      score: extra.score ?? 0,
      parent_post_id: extra.parent ? (posts[extra.parent] as string) : null,
      created_at: created,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  posts[key] = row.id;
}

const url = (key: string, slug?: string) =>
  `/community/t/${topics[key]?.number}-${slug ?? topics[key]?.slug}`;

before(async () => {
  server = await startTestServer({ web: built });
  let workspaceId: string;
  ({ admin, workspaceId } = await setUpWorkspace(server, "Acme <Audio> & Co"));
  anon = new TestClient(server.url);
  scope = new TenantScope(server.runtime.ctx.db, workspaceId);

  await member("asker", "Carla Customer", { reputation: 12 });
  await member("mvp", "Marta MVP", { reputation: 480 });
  await member("staff", "Sam Support", { is_staff: true });
  await member("other", "Otto Owner", { reputation: 480 });
  await member("hostile", HOSTILE_NAME, { reputation: 3 });
  await scope
    .insertInto("community_mvp_terms", {
      member_id: members.mvp as string,
      starts_at: new Date(Date.now() - 86_400_000),
      ends_at: new Date(Date.now() + 180 * 86_400_000),
    })
    .execute();

  await category("speakers", "Speakers", "public");
  await category("owners", "Owners lounge", "customers");
  await category("mvp-lounge", "MVP lounge", "mvp");
  await category("staff-room", "Staff room", "staff");

  await topic(
    "q",
    "speakers",
    "asker",
    "Error 1013 when updating the speaker",
    "My speaker shows **error 1013** after the update.",
  );
  await post("plain", "q", "answer", "other", "Have you tried turning it off and on again?", { score: 2 });
  await post("official", "q", "answer", "staff", "We are looking into 1013 right now.", {
    official: true,
    score: 1,
  });
  await post("hidden", "q", "answer", "hostile", "Buy cheap pills here", { hidden: true });
  await post("accepted", "q", "answer", "mvp", "Hold the Join button for ten seconds, then update again.", {
    accepted: true,
    score: 7,
  });
  await post("comment", "q", "comment", "asker", "That fixed it, thanks!", { parent: "accepted" });
  await post(
    "hostileAnswer",
    "q",
    "answer",
    "hostile",
    [
      "<script>alert(1)</script>",
      '<img src="x" onerror="alert(2)">',
      "[click](javascript:alert(3))",
      "</script><script>alert(4)</script>",
    ].join("\n\n"),
  );

  await topic("hostileTopic", "speakers", "hostile", HOSTILE_TITLE, "Question with </script> inside.");
  await post("hostileTopicAnswer", "hostileTopic", "answer", "mvp", "An answer with </script><!-- inside");

  await topic("owners", "owners", "asker", "Owners only question about subwoofers", "For owners.");
  await topic("mvpOnly", "mvp-lounge", "mvp", "Secret MVP roadmap question", "Only MVPs see this.");
  await post("mvpAnswer", "mvpOnly", "answer", "mvp", "Secret MVP answer text");
  await topic("staffOnly", "staff-room", "staff", "Staff only planning thread", "Staff.");
  await topic("hiddenTopic", "speakers", "hostile", "Hidden spam topic about pills", "Spam.", {
    hidden: true,
  });
  await topic("merged", "speakers", "other", "Error 1013 again after update", "Same as the other one.");
  await scope
    .updateTable("community_topics")
    .set({ merged_into_id: topics.q?.id })
    .where("id", "=", topics.merged?.id as string)
    .execute();

  // The question is tied to a problem: its public title and status show, never its internal title.
  const p = await admin.post("/api/v1/problems", { title: "Internal: firmware 1013 regression" });
  assert.equal(p.status, 201, JSON.stringify(p.body));
  const patched = await admin.patch(`/api/v1/problems/${p.body.id}`, {
    publicTitle: "Updates fail with error 1013",
  });
  assert.equal(patched.status, 200, JSON.stringify(patched.body));
  await scope
    .updateTable("community_topics")
    .set({ problem_id: p.body.id, solved: true, answer_count: 4 })
    .where("id", "=", topics.q?.id as string)
    .execute();

  // Reputation this week: Marta and Otto tie at 30, Carla 10 (the rows reputation keeps per
  // period beside its ledger, which the page and the API both read).
  for (const [who, points] of [
    ["mvp", 30],
    ["other", 30],
    ["asker", 10],
  ] as const) {
    await scope
      .insertInto("community_reputation_periods", {
        member_id: members[who] as string,
        period: "week",
        starts_on: periodStart("week", new Date()),
        category_id: null,
        points,
      })
      .execute();
  }
  const badge = await scope
    .insertInto("community_badges", {
      slug: "first-accepted",
      name: "First accepted answer",
      tier: "bronze",
      rule: JSON.stringify({ metric: "accepted_answers", atLeast: 1 }),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await scope
    .insertInto("community_badge_awards", { badge_id: badge.id, member_id: members.mvp as string })
    .execute();
});
after(() => server.close());

const page = async (path: string, client = anon) => {
  const res = await client.get(path);
  return { status: res.status, html: String(res.body), location: res.headers.get("location") };
};
const head = (html: string) => html.slice(0, html.indexOf("</head>"));
const jsonLd = (html: string) =>
  [...html.matchAll(/<script type="application\/ld\+json"(?: nonce="[^"]*")?>([\s\S]*?)<\/script>/g)].map(
    (m) => JSON.parse(m[1] as string),
  );

describe("the sitemap and robots.txt", () => {
  test("list the public categories and visible topics, never private, hidden or merged ones", async () => {
    const xml = String((await anon.get("/sitemap.xml")).body);
    assert.ok(xml.includes(`<loc>${server.url}/help</loc>`), "the help center is still there");
    assert.ok(xml.includes(`<loc>${server.url}/community</loc>`));
    assert.ok(xml.includes(`<loc>${server.url}/community/speakers</loc>`));
    assert.ok(xml.includes(`<loc>${server.url}${url("q")}</loc>`));
    for (const key of ["owners", "mvpOnly", "staffOnly", "hiddenTopic", "merged"]) {
      assert.ok(!xml.includes(`/community/t/${topics[key]?.number}-`), `${key} must not be listed`);
    }
    for (const slug of ["owners", "mvp-lounge", "staff-room"])
      assert.ok(!xml.includes(`/community/${slug}<`), slug);
    const robots = String((await anon.get("/robots.txt")).body);
    assert.match(robots, /^Allow: \/community$/m);
  });
});

describe("server-rendered community pages", () => {
  test(
    "a question reads without JavaScript: question, then the accepted answer, marks and the engineer banner",
    needsWeb,
    async () => {
      const { status, html } = await page(url("q"));
      assert.equal(status, 200);
      // The page as shown: the body (the head's JSON-LD and hydration data repeat the answers).
      const shown = html.slice(html.indexOf("<body"));
      const q = shown.indexOf("My speaker shows <strong>error 1013</strong>");
      const accepted = shown.indexOf("Hold the Join button for ten seconds");
      const plain = shown.indexOf("Have you tried turning it off");
      const official = shown.indexOf("We are looking into 1013");
      assert.ok(q > 0 && accepted > q, "the question comes first");
      assert.ok(
        plain > accepted && official > accepted,
        "the accepted answer comes right below the question",
      );
      assert.ok(plain < official, "the other answers follow by time");
      assert.ok(html.includes("Accepted answer"));
      assert.ok(html.includes(">Official<"), "the staff answer is marked official");
      assert.match(html, /Marta MVP<\/a><abbr class="cm-badge cm-badge-mvp"[^>]*>MVP<\/abbr>/);
      assert.ok(html.includes("That fixed it, thanks!"), "comments under the answer");
      assert.ok(html.includes("An engineer is on this"));
      assert.ok(html.includes("Updates fail with error 1013"), "the problem's public title");
      assert.ok(!html.includes("firmware 1013 regression"), "never its internal title");
      assert.ok(!html.includes("Buy cheap pills"), "hidden posts are not public");
      assert.ok(html.includes('href="/portal"'), "a sign-in link to answer");
      const h = head(html);
      assert.match(
        h,
        /<title>Error 1013 when updating the speaker – Acme &#60;Audio&#62; &#38; Co community<\/title>/,
      );
      assert.ok(h.includes(`<link rel="canonical" href="${server.url}${url("q")}">`));
      assert.ok(h.includes('<meta property="og:type" content="article">'));
      assert.ok(
        h.includes('<meta name="description" content="My speaker shows error 1013 after the update.">'),
      );
    },
  );

  test("a question carries QAPage JSON-LD with its accepted and suggested answers", needsWeb, async () => {
    const [ld, ...more] = jsonLd((await page(url("q"))).html);
    assert.equal(more.length, 0);
    assert.equal(ld["@type"], "QAPage");
    const qn = ld.mainEntity;
    assert.equal(qn["@type"], "Question");
    assert.equal(qn.name, "Error 1013 when updating the speaker");
    assert.equal(qn.text, "My speaker shows error 1013 after the update.");
    assert.equal(qn.answerCount, 4);
    assert.equal(qn.author.name, "Carla Customer");
    assert.match(qn.dateCreated, /^\d{4}-\d\d-\d\dT/);
    assert.equal(qn.acceptedAnswer.length, 1);
    assert.equal(qn.acceptedAnswer[0].text, "Hold the Join button for ten seconds, then update again.");
    assert.equal(qn.acceptedAnswer[0].upvoteCount, 7);
    assert.equal(qn.acceptedAnswer[0].url, `${server.url}${url("q")}#post-${posts.accepted}`);
    assert.equal(qn.suggestedAnswer.length, 3);
    assert.ok(!JSON.stringify(ld).includes("pills"), "no hidden post in structured data");
  });

  test(
    "a wrong or missing slug is a 301 to the topic's address; a merged topic 301s to its target",
    needsWeb,
    async () => {
      const wrong = await page(url("q", "some-old-title"));
      assert.equal(wrong.status, 301);
      assert.equal(wrong.location, url("q"));
      const bare = await page(`/community/t/${topics.q?.number}`);
      assert.equal(bare.status, 301);
      assert.equal(bare.location, url("q"));
      const merged = await page(url("merged"));
      assert.equal(merged.status, 301);
      assert.equal(merged.location, url("q"));
    },
  );

  test(
    "private categories' topics are 404 to strangers and absent from listings and JSON-LD",
    needsWeb,
    async () => {
      for (const key of ["owners", "mvpOnly", "staffOnly", "hiddenTopic"]) {
        const res = await page(url(key));
        assert.equal(res.status, 404, key);
        assert.match(res.html, /<meta name="robots" content="noindex">/);
        assert.ok(!res.html.includes("Secret MVP"), key);
      }
      for (const slug of ["owners", "mvp-lounge", "staff-room"])
        assert.equal((await page(`/community/${slug}`)).status, 404, slug);
      const home = await page("/community");
      assert.equal(home.status, 200);
      assert.ok(home.html.includes("Speakers") && home.html.includes("Error 1013 when updating"));
      for (const text of [
        "Owners lounge",
        "MVP lounge",
        "Staff room",
        "Secret MVP",
        "Owners only",
        "Hidden spam",
        "Staff only planning",
      ]) {
        assert.ok(!home.html.includes(text), text);
      }
      const cat = await page("/community/speakers");
      assert.equal(cat.status, 200);
      assert.ok(
        !cat.html.includes("Hidden spam topic") && !cat.html.includes("Error 1013 again"),
        "no hidden or merged topic",
      );
      // The MVP's profile does not list (or count) their answer in the MVP lounge for a stranger.
      const profile = await page(`/community/u/${members.mvp}`);
      assert.ok(!profile.html.includes("Secret MVP"));
      for (const p of [home, cat, profile]) assert.ok(!JSON.stringify(jsonLd(p.html)).includes("Secret"));
    },
  );

  test(
    "a signed-in customer also reads customers' categories; staff read every category",
    needsWeb,
    async () => {
      const { client: customer } = await customerClient(server);
      assert.equal((await page(url("owners"), customer)).status, 200);
      assert.ok((await page("/community", customer)).html.includes("Owners lounge"));
      assert.equal(
        (await page(url("mvpOnly"), customer)).status,
        404,
        "an MVP category is not for every customer",
      );
      const staffView = await page(url("mvpOnly"), admin);
      assert.equal(staffView.status, 200);
      assert.match(
        head(staffView.html),
        /<meta name="robots" content="noindex">/,
        "a private page is never indexed",
      );
      assert.equal(jsonLd(staffView.html).length, 0, "and carries no structured data");
      assert.equal((await page(url("staffOnly"), admin)).status, 200);
      assert.equal(
        (await page(url("hiddenTopic"), admin)).status,
        404,
        "hidden topics are never on public pages",
      );
    },
  );

  test(
    "hostile markdown, titles and display names never execute or escape their element",
    needsWeb,
    async () => {
      for (const target of [
        url("q"),
        url("hostileTopic"),
        `/community/u/${members.hostile}`,
        "/community/leaderboard?period=all",
        "/community",
      ]) {
        const { status, html } = await page(target);
        assert.equal(status, 200, target);
        const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
        for (const s of scripts)
          assert.match(s, /type="(module|application\/json|application\/ld\+json)"|data-mantine-script/, s);
        for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
          for (const [, name, value] of tag.matchAll(/\s([\w:-]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
            assert.doesNotMatch(name ?? "", /^on/i, `event handler in ${tag} on ${target}`);
            assert.doesNotMatch(
              (value ?? "").replace(/^["']|["']$/g, "").trim(),
              /^javascript:/i,
              `javascript: in ${tag}`,
            );
          }
        }
        assert.ok(!html.includes('alert("name")>'), "the name is text");
      }
      const { html } = await page(url("hostileTopic"));
      assert.ok(
        html.includes("Mallory &lt;img src=x onerror=alert(&quot;name&quot;)&gt;"),
        "the name shows as text",
      );
      const [ld] = jsonLd(html);
      assert.equal(ld.mainEntity.name, HOSTILE_TITLE, "the title survives JSON-LD intact");
      assert.equal(ld.mainEntity.suggestedAnswer[0].text, "An answer with </script><!-- inside");
      assert.match(head(html), /<title>Speaker &#60;\/script&#62;&#60;script&#62;/);
      const q = await page(url("q"));
      assert.ok(
        q.html.includes("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "raw HTML in markdown shows as text",
      );
    },
  );

  test("a profile shows the name, MVP mark, reputation, badges and recent answers", needsWeb, async () => {
    const { status, html } = await page(`/community/u/${members.mvp}`);
    assert.equal(status, 200);
    assert.ok(html.includes("Marta MVP") && html.includes("Bio of Marta MVP"));
    assert.ok(html.includes(">MVP<") && html.includes("480 reputation"));
    assert.ok(html.includes("First accepted answer"));
    assert.ok(html.includes(`href="${url("q")}"`), "the recent answer links to its topic");
    assert.equal((await page("/community/u/00000000-0000-4000-8000-000000000000")).status, 404);
    assert.equal((await page("/community/u/not-a-uuid")).status, 404);
  });

  test("the MVP directory and leaderboards (ties share a rank)", needsWeb, async () => {
    const mvps = await page("/community/mvps");
    assert.equal(mvps.status, 200);
    assert.ok(mvps.html.includes("Marta MVP") && !mvps.html.includes("Otto Owner"));
    const week = await page("/community/leaderboard");
    assert.equal(week.status, 200);
    const rows = [
      ...week.html.matchAll(/<tr><td>(\d+)<\/td><td>[\s\S]*?>([^<]+)<\/a>[\s\S]*?<td>(\d+)<\/td><\/tr>/g),
    ].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    assert.deepEqual(rows, ["1 Marta MVP 30", "1 Otto Owner 30", "3 Carla Customer 10"]);
    const all = await page("/community/leaderboard?period=all");
    assert.ok(all.html.includes("480"));
  });

  test(
    "a long topic pages its answers: accepted first on page 1, plain links between pages",
    needsWeb,
    async () => {
      await topic("long", "speakers", "asker", "Which cable for the subwoofer", "Which cable do I need?");
      const t = topics.long as { id: string };
      await sql`insert into community_posts (workspace_id, topic_id, kind, author_member_id, body, accepted, accepted_at, created_at)
      select ${scope.workspaceId}, ${t.id}, 'answer', ${members.other}, 'Long answer number ' || i || '.', i = 60,
             case when i = 60 then now() end, now() + i * interval '1 second'
      from generate_series(1, 60) i`.execute(scope.db);
      const first = await page(url("long"));
      assert.equal(first.status, 200);
      const shown = (html: string) =>
        [...html.slice(html.indexOf("<body")).matchAll(/Long answer number (\d+)\./g)].map((m) =>
          Number(m[1]),
        );
      assert.deepEqual(shown(first.html).slice(0, 3), [60, 1, 2], "the accepted answer leads page 1");
      assert.equal(shown(first.html).length, 50);
      assert.ok(first.html.includes(`href="${url("long")}?page=2#answers-title"`));
      const second = await page(`${url("long")}?page=2`);
      assert.equal(second.status, 200);
      assert.deepEqual(shown(second.html), [50, 51, 52, 53, 54, 55, 56, 57, 58, 59]);
      assert.ok(
        head(second.html).includes(`<link rel="canonical" href="${server.url}${url("long")}?page=2">`),
      );
      assert.equal(jsonLd(second.html)[0].mainEntity.answerCount, 60);
      assert.equal((await page(`${url("long")}?page=3`)).status, 404);
    },
  );

  test("unknown community pages are 404s with noindex", needsWeb, async () => {
    for (const p of [
      "/community/no-such-category",
      "/community/t/999999-nope",
      "/community/t/abc",
      "/community/a/b/c",
    ]) {
      const res = await page(p);
      assert.equal(res.status, 404, p);
      assert.match(res.html, /We could not find that page/);
    }
  });
});
