import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { TestClient } from "../../../../test/client.ts";
import { customerClient, setUpWorkspace, uniqueEmail } from "../../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../../test/harness.ts";
import { topicMemoryOf } from "./topic-memory.ts";

/**
 * How a topic page is served (issue #16): one render for every reader of a kind, each member's
 * own votes and rights beside it, the posts' HTML sent once, views counted where the page is
 * served, and answering, commenting and asking with plain HTML forms (no JavaScript). Over HTTP
 * against the built web app (`npm run build`), with the community's rules wired as in the app.
 */
const built = existsSync(path.resolve(import.meta.dirname, "../../../../../web/dist/server/entry-server.js"));
const needsWeb = { skip: built ? false : "the web app is not built (npm run build)" };

const C = "/api/v1/community";
const BROWSER = { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0" };
const FORM = { "content-type": "application/x-www-form-urlencoded", ...BROWSER };

let server: TestServer;
let admin: TestClient;
let alice: TestClient;
let bob: TestClient;
let pub: string;
let topic: { id: string; number: number; url: string };
let href: string;
let answerId: string;

const ssrData = (html: string) =>
  /<script id="rapport-ssr-data" type="application\/json"[^>]*>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "";
const personal = (html: string) => {
  const m = /<script id="rapport-community-personal" type="application\/json"[^>]*>([\s\S]*?)<\/script>/.exec(
    html,
  );
  return m ? JSON.parse(m[1] as string) : null;
};
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
/** The topic's count once the views gathered so far are written (they are written in batches). */
const viewCount = async () => {
  await topicMemoryOf(server.runtime.app as FastifyInstance)?.views.flush();
  return (
    await server.runtime.ctx.db
      .selectFrom("community_topics")
      .select("view_count")
      .where("id", "=", topic.id)
      .executeTakeFirstOrThrow()
  ).view_count;
};
const get = async (client: TestClient, p: string, headers: Record<string, string> = BROWSER) => {
  const res = await client.get(p, headers);
  return { status: res.status, html: String(res.body), headers: res.headers };
};
/** Follows a form's 303 like a browser: the page it leads to. */
const follow = async (client: TestClient, location: string | null) => {
  assert.ok(location, "a redirect");
  const u = new URL(location, server.url);
  return get(client, u.pathname + u.search);
};

before(async () => {
  server = await startTestServer({ web: built });
  ({ admin } = await setUpWorkspace(server));
  ({ client: alice } = await customerClient(server, uniqueEmail("alice")));
  ({ client: bob } = await customerClient(server, uniqueEmail("bob")));
  const cat = await admin.post(`${C}/categories`, { name: "Speakers", visibility: "public" });
  assert.equal(cat.status, 201, JSON.stringify(cat.body));
  pub = cat.body.id;
  const t = await alice.post(`${C}/topics`, {
    categoryId: pub,
    kind: "question",
    title: "My speaker drops off the wifi",
    body: "Since the update it keeps **disconnecting**.",
  });
  assert.equal(t.status, 201, JSON.stringify(t.body));
  topic = t.body;
  href = new URL(topic.url, server.url).pathname;
  // Trusted members (trust 2): neither the new-account rate limit nor the spam hold applies.
  await server.runtime.ctx.db.updateTable("community_members").set({ trust_level: 2 }).execute();
  const a = await bob.post(`${C}/topics/${topic.id}/posts`, {
    body: "Restart the router, then the speaker.",
  });
  assert.equal(a.status, 201, JSON.stringify(a.body));
  answerId = a.body.id;
});
after(() => server.close());

describe("the topic page", () => {
  test("carries each post's HTML once: the hydration data leaves the bodies out", needsWeb, async () => {
    const { status, html } = await get(new TestClient(server.url), href);
    assert.equal(status, 200);
    assert.ok(html.includes(`id="post-${answerId}-body"`), "the body is in the page");
    assert.ok(html.includes("Restart the router, then the speaker."));
    const data = ssrData(html);
    assert.ok(data.includes(answerId), "the hydration data names the post");
    assert.ok(!data.includes("Restart the router"), "but not its body again");
    assert.ok(!data.includes("<strong>disconnecting"), "nor the question's");
  });

  test(
    "a vote shows at once; each member gets their own votes and rights, anonymous readers none",
    needsWeb,
    async () => {
      const anon = new TestClient(server.url);
      const before = await get(anon, href);
      assert.match(before.html, /0 votes/);
      assert.equal(personal(before.html), null);
      const vote = await alice.post(`${C}/posts/${answerId}/votes`, { value: 1 });
      assert.equal(vote.status, 200, JSON.stringify(vote.body));
      const after = await get(anon, href);
      assert.match(after.html, /1 vote</, "the cached page gave way to the vote");

      const mine = personal((await get(alice, href)).html);
      assert.deepEqual(mine.votes, { [answerId]: 1 });
      assert.equal(mine.can.accept, true, "the asker may accept");
      assert.equal(mine.following, true, "askers follow their topic");
      const bobs = personal((await get(bob, href)).html);
      assert.deepEqual(bobs.votes, {}, "alice's vote is not bob's");
      assert.equal(bobs.can.accept, false);
      assert.notEqual(bobs.memberId, mine.memberId);
    },
  );

  test("an edit and a new answer show on the next read", needsWeb, async () => {
    const anon = new TestClient(server.url);
    await get(anon, href);
    const edit = await bob.patch(`${C}/posts/${answerId}`, {
      body: "Restart the router first, then the speaker.",
    });
    assert.equal(edit.status, 200, JSON.stringify(edit.body));
    assert.ok((await get(anon, href)).html.includes("Restart the router first"));
    const t = await admin.post(`${C}/topics/${topic.id}/posts`, { body: "Firmware 15.3 fixes this." });
    assert.equal(t.status, 201, JSON.stringify(t.body));
    const page = (await get(anon, href)).html;
    assert.ok(page.includes("Firmware 15.3 fixes this.") && page.includes(">Official<"));
  });
});

describe("views", () => {
  test("one per visitor per day, readers without JavaScript included, crawlers not", needsWeb, async () => {
    const start = await viewCount();
    const reader = new TestClient(server.url);
    const first = await get(reader, href);
    assert.match(first.headers.get("set-cookie") ?? "", /rapport_hv=[\w-]+;.*HttpOnly; SameSite=Lax/);
    assert.equal(await viewCount(), start + 1);
    await get(reader, href);
    await get(reader, `${href}?utm=mail`);
    assert.equal(await viewCount(), start + 1, "the same reader again the same day");
    await get(new TestClient(server.url), href);
    assert.equal(await viewCount(), start + 2, "another reader counts, though the page came from its cache");
    const bot = await get(new TestClient(server.url), href, { "user-agent": "Googlebot/2.1" });
    assert.equal(bot.headers.get("set-cookie"), null, "crawlers get no cookie");
    assert.equal(await viewCount(), start + 2);
    const list = await get(new TestClient(server.url), "/community/speakers");
    assert.ok(list.html.includes(`${start + 2} views`), "lists show the count");
  });
});

describe("posting without JavaScript", () => {
  test(
    "a signed-in customer answers and comments with plain forms and comes back to the post",
    needsWeb,
    async () => {
      const answered = await alice.post(
        `/community/t/${topic.number}/posts`,
        form({ body: "It was the *router*." }),
        FORM,
      );
      assert.equal(answered.status, 303);
      const location = answered.headers.get("location") ?? "";
      assert.match(location, new RegExp(`^${href}#post-[0-9a-f-]{36}$`));
      const page = await follow(alice, location);
      assert.ok(page.html.includes("It was the <em>router</em>."));
      const newId = location.split("#post-")[1] as string;

      const commented = await bob.post(
        `/community/t/${topic.number}/posts`,
        form({ body: "Which router?", parentPostId: newId }),
        FORM,
      );
      assert.equal(commented.status, 303);
      const after = await follow(bob, commented.headers.get("location"));
      assert.ok(after.html.includes("Which router?"));
      const api = await bob.get(`${C}/topics/${topic.id}`);
      const written = api.body.posts.find((p: { id: string }) => p.id === newId);
      assert.equal(written.comments[0].body, "Which router?", "the comment hangs under the answer");
    },
  );

  test(
    "the forms are in the server's HTML for signed-in readers, not for anonymous ones",
    needsWeb,
    async () => {
      const signedIn = (await get(alice, href)).html;
      const forms = signedIn.match(/<form[^>]*>/g) ?? [];
      const posting = forms.filter((f) => f.includes(`action="/community/t/${topic.number}/posts"`));
      assert.ok(posting.length >= 2, forms.join("\n"));
      assert.ok(
        posting.every((f) => f.includes('method="post"')),
        "plain forms that post",
      );
      assert.ok(
        signedIn.includes(`name="parentPostId" value="${answerId}"`),
        "a comment form under each post",
      );
      const anon = (await get(new TestClient(server.url), href)).html;
      assert.ok(!anon.includes(`action="/community/t/${topic.number}/posts"`));
      assert.ok(anon.includes("Sign in to answer"));
    },
  );

  test(
    "a refusal comes back to the form naming the field; a forged notice shows nothing",
    needsWeb,
    async () => {
      const empty = await alice.post(`/community/t/${topic.number}/posts`, form({ body: "   " }), FORM);
      assert.equal(empty.status, 303);
      assert.match(empty.headers.get("location") ?? "", /\?notice=.+#answer-form$/);
      const page = await follow(alice, empty.headers.get("location"));
      assert.equal(page.status, 200);
      assert.match(page.html, /Your answer: [^<]*(too small|at least|empty|>=1)/i);
      assert.match(page.html, /aria-invalid="true"/);

      const forged = await get(
        alice,
        `${href}?notice=eyJraW5kIjoiZXJyb3IiLCJmaWVsZCI6ImJvZHkiLCJtZXNzYWdlIjoiQ2FsbCAxLTgwMCJ9.AAAA`,
      );
      assert.equal(forged.status, 200);
      assert.ok(!forged.html.includes("Call 1-800"), "only notices this server signed are shown");
    },
  );

  test("a closed topic, a held post and a bad comment target follow the API's rules", needsWeb, async () => {
    const { client: carol } = await customerClient(server, uniqueEmail("carol"));
    const post = (body: string) => carol.post(`/community/t/${topic.number}/posts`, form({ body }), FORM);
    // A new member may not post links yet (reputation's privileges), as through the API.
    const links = await follow(
      carol,
      (await post("See https://router.example/help")).headers.get("location"),
    );
    assert.match(links.html, /Your answer: New members cannot post links yet/);
    assert.equal((await post("Thanks, same here.")).status, 303);
    const memberId = personal((await get(carol, href)).html).memberId;
    await server.runtime.ctx.db
      .updateTable("community_members")
      .set({ trust_level: 1 })
      .where("id", "=", memberId)
      .execute();
    // Five links from a basic member: held for a moderator (moderation's spam check).
    const spam = [1, 2, 3, 4, 5].map((i) => `https://spam.example/${i}`).join(" ");
    const held = await post(`Cheap routers: ${spam}`);
    assert.equal(held.status, 303);
    const heldPage = await follow(carol, held.headers.get("location"));
    assert.ok(heldPage.html.includes("Your post is waiting for a moderator"));
    assert.ok(!(await get(new TestClient(server.url), href)).html.includes("spam.example"), "and not shown");

    const badParent = await alice.post(
      `/community/t/${topic.number}/posts`,
      form({ body: "A comment", parentPostId: "not-a-uuid" }),
      FORM,
    );
    const badPage = await follow(alice, badParent.headers.get("location"));
    assert.match(badPage.html, /parentPostId: [^<]+/, "the refusal names the field");

    const closed = await admin.patch(`${C}/topics/${topic.id}/moderation`, { status: "closed" });
    assert.equal(closed.status, 200, JSON.stringify(closed.body));
    const late = await alice.post(
      `/community/t/${topic.number}/posts`,
      form({ body: "One more thing" }),
      FORM,
    );
    assert.equal(late.status, 303);
    const latePage = await follow(alice, late.headers.get("location"));
    assert.ok(latePage.html.includes("This topic is closed to new posts"), "the refusal is shown");
    assert.ok(!latePage.html.includes("One more thing"));
    await admin.patch(`${C}/topics/${topic.id}/moderation`, { status: "open" });
  });

  test(
    "forms from another site, or without an Origin, are refused; anonymous posts go to sign in",
    needsWeb,
    async () => {
      const before = (await alice.get(`${C}/topics/${topic.id}`)).body.posts.length;
      alice.origin = "https://evil.example";
      const foreign = await alice.post(
        `/community/t/${topic.number}/posts`,
        form({ body: "Forged answer" }),
        FORM,
      );
      alice.origin = server.url;
      assert.equal(foreign.status, 403);
      const crossSite = await alice.post(
        `/community/t/${topic.number}/posts`,
        form({ body: "Forged answer" }),
        { ...FORM, "sec-fetch-site": "cross-site" },
      );
      assert.equal(crossSite.status, 403, "the browser says it came from another site");
      // Under the app's no-referrer policy a browser sends Origin "null" with a form; the topic
      // page asks for same-origin referrers, and Sec-Fetch-Site says where the form came from.
      const pageHeaders = (await get(alice, href)).headers;
      assert.equal(pageHeaders.get("referrer-policy"), "same-origin");
      alice.origin = "null";
      const nullOrigin = await alice.post(`/community/t/${topic.number}/posts`, form({ body: "   " }), {
        ...FORM,
        "sec-fetch-site": "same-origin",
      });
      alice.origin = server.url;
      assert.equal(nullOrigin.status, 303, "a same-origin form without an Origin is taken");
      const noOrigin = new TestClient(server.url, { origin: null });
      const anon = await noOrigin.post(`/community/t/${topic.number}/posts`, form({ body: "Hello" }), FORM);
      assert.equal(anon.status, 403, "no Origin: refused before anything else");
      const signedOut = await new TestClient(server.url).post(
        `/community/t/${topic.number}/posts`,
        form({ body: "Hello" }),
        FORM,
      );
      assert.equal(signedOut.status, 303);
      assert.equal(signedOut.headers.get("location"), "/portal");
      assert.equal(
        (await alice.get(`${C}/topics/${topic.id}`)).body.posts.length,
        before,
        "nothing was posted",
      );
      assert.equal((await alice.post("/community/t/999999/posts", form({ body: "x" }), FORM)).status, 404);
    },
  );

  test(
    "a customer asks a question with the plain form; a short title comes back naming it",
    needsWeb,
    async () => {
      const short = await alice.post(
        "/community/new",
        form({ categoryId: pub, title: "Wifi", body: "Drops." }),
        FORM,
      );
      assert.equal(short.status, 303);
      const again = await follow(alice, short.headers.get("location"));
      assert.match(again.html, /Title: must be at least 5 characters/);
      const asked = await alice.post(
        "/community/new",
        form({ categoryId: pub, title: "The app cannot find my speaker", body: "It worked yesterday." }),
        FORM,
      );
      assert.equal(asked.status, 303);
      const page = await follow(alice, asked.headers.get("location"));
      assert.equal(page.status, 200);
      assert.match(page.html, /<h1[^>]*>The app cannot find my speaker<\/h1>/);
    },
  );
});
