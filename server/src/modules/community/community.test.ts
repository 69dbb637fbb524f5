import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AppError } from "../../platform/http/errors.ts";
import { answer, C, ids, memberIdOf, newTopic, startWorld, type World } from "./community.testkit.ts";
import { DEFAULT_PRIVILEGES, setPostChecks, setReputationHooks } from "./hooks.ts";

let w: World;
before(async () => {
  w = await startWorld();
});
after(() => w.server.close());

const q = (sql: string, params: unknown[] = []) => w.server.runtime.ctx.pool.query(sql, params);

describe("categories", () => {
  test("managers create, rename and delete them; slugs come from names and are unique", async () => {
    const a = await w.admin.post(`${C}/categories`, { name: "Wi-Fi & Networks", productModel: "Play:5" });
    assert.equal(a.status, 201, JSON.stringify(a.body));
    assert.equal(a.body.slug, "wi-fi-networks");
    assert.equal(a.body.visibility, "public");
    assert.equal(a.body.productModel, "Play:5");
    const again = await w.moderator.post(`${C}/categories`, { name: "Wi-Fi & Networks" });
    assert.equal(again.status, 201, "moderators manage categories too");
    assert.equal(again.body.slug, "wi-fi-networks-2");
    const taken = await w.admin.post(`${C}/categories`, { name: "Other", slug: "wi-fi-networks" });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.error.field, "slug");
    // The public pages own /community/t/… and friends: a category named "New" gets new-2.
    assert.equal((await w.admin.post(`${C}/categories`, { name: "T", slug: "t" })).status, 409);
    const named = await w.admin.post(`${C}/categories`, { name: "New" });
    assert.equal(named.body.slug, "new-2");
    assert.equal((await w.admin.delete(`${C}/categories/${named.body.id}`)).status, 204);
    const renamed = await w.admin.patch(`${C}/categories/${again.body.id}`, {
      name: "Networks",
      position: 3,
    });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.name, "Networks");
    assert.equal(renamed.body.position, 3);
    assert.equal((await w.admin.delete(`${C}/categories/${again.body.id}`)).status, 204);
    assert.equal((await w.admin.delete(`${C}/categories/${again.body.id}`)).status, 404);
  });

  test("a category with topics cannot be deleted", async () => {
    const cat = await w.admin.post(`${C}/categories`, { name: "Busy" });
    await newTopic(w.alice, cat.body.id);
    const res = await w.admin.delete(`${C}/categories/${cat.body.id}`);
    assert.equal(res.status, 409);
    const list = await w.anon.get(`${C}/categories`);
    assert.equal(list.body.items.find((c: { id: string }) => c.id === cat.body.id).topicCount, 1);
  });

  test("only managers change categories; bad input names the field", async () => {
    assert.equal((await w.agent.post(`${C}/categories`, { name: "Nope" })).status, 403);
    assert.equal((await w.alice.post(`${C}/categories`, { name: "Nope" })).status, 403);
    assert.equal((await w.anon.post(`${C}/categories`, { name: "Nope" })).status, 401);
    const empty = await w.admin.post(`${C}/categories`, { name: " " });
    assert.equal(empty.status, 400);
    assert.equal(empty.body.error.field, "name");
    const vis = await w.admin.post(`${C}/categories`, { name: "X", visibility: "secret" });
    assert.equal(vis.status, 400);
    assert.equal(vis.body.error.field, "visibility");
  });
});

describe("topics and posts", () => {
  test("a question is asked, answered and commented, and read by id or number", async () => {
    const t = await newTopic(w.alice, w.cats.pub, { title: "Play:5 keeps rebooting at night" });
    assert.match(t.url, new RegExp(`^/community/t/${t.number}-play-5-keeps-rebooting-at-night$`));
    assert.equal(t.kind, "question");
    assert.equal(t.solved, false);
    const a = await answer(w.bob, t.id, "Turn off *auto update*.");
    assert.equal(a.kind, "answer");
    assert.equal(a.official, false);
    const official = await answer(w.agent, t.id, "We are looking into it.");
    assert.equal(official.official, true, "staff answers carry the official mark");
    const c1 = await w.alice.post(`${C}/topics/${t.id}/posts`, {
      body: "Did that, still happens",
      parentPostId: a.id,
    });
    assert.equal(c1.status, 201, JSON.stringify(c1.body));
    assert.equal(c1.body.kind, "comment");
    const byNumber = await w.anon.get(`${C}/topics/${t.number}`);
    assert.equal(byNumber.status, 200, JSON.stringify(byNumber.body));
    const { topic, posts } = byNumber.body;
    assert.equal(topic.id, t.id);
    assert.equal(topic.body, "Since the update it keeps disconnecting.");
    assert.equal(topic.answerCount, 2);
    assert.deepEqual(ids(posts), [a.id, official.id]);
    assert.equal(posts[0].bodyHtml.includes("<em>auto update</em>"), true);
    assert.deepEqual(ids(posts[0].comments), [c1.body.id]);
    assert.equal(topic.can.answer, false, "anonymous readers cannot answer");
    const list = await w.anon.get(`${C}/topics?categoryId=${w.cats.pub}&sort=new`);
    assert.equal(list.body.items[0].id, t.id);
    assert.equal(list.body.pageSize, 20);
    const found = await w.anon.get(`${C}/topics?q=${encodeURIComponent("rebooting")}`);
    assert.deepEqual(ids(found.body.items), [t.id]);
  });

  test("bad input is refused naming the field", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ categoryId: w.cats.pub, kind: "question", title: "Hi", body: "x" }, "title"],
      [{ categoryId: w.cats.pub, kind: "poll", title: "A fine title", body: "x" }, "kind"],
      [{ categoryId: "nope", kind: "question", title: "A fine title", body: "x" }, "categoryId"],
      [{ categoryId: w.cats.pub, kind: "question", title: "A fine title", body: "   " }, "body"],
      [{ categoryId: w.cats.pub, kind: "question", title: "A fine title", body: "x", extra: 1 }, "extra"],
    ];
    for (const [body, field] of cases) {
      const res = await w.alice.post(`${C}/topics`, body);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.error.field, field);
    }
    const unknown = await w.alice.post(`${C}/topics`, {
      categoryId: crypto.randomUUID(),
      kind: "question",
      title: "A fine title",
      body: "x",
    });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.field, "categoryId");
    const t = await newTopic(w.alice, w.cats.pub);
    const badParent = await w.bob.post(`${C}/topics/${t.id}/posts`, {
      body: "x",
      parentPostId: crypto.randomUUID(),
    });
    assert.equal(badParent.status, 404);
    assert.equal(badParent.body.error.field, "parentPostId");
    const sort = await w.anon.get(`${C}/topics?sort=random`);
    assert.equal(sort.status, 400);
    assert.equal(sort.body.error.field, "sort");
    assert.equal((await w.anon.post(`${C}/topics`, { categoryId: w.cats.pub })).status, 401);
  });

  test("a closed topic takes no new posts", async () => {
    const t = await newTopic(w.alice, w.cats.pub);
    await q("update community_topics set status = 'closed' where id = $1", [t.id]);
    const res = await w.bob.post(`${C}/topics/${t.id}/posts`, { body: "Late answer" });
    assert.equal(res.status, 409);
  });

  test("authors and moderators edit and delete posts; others may not", async () => {
    const t = await newTopic(w.alice, w.cats.pub);
    const a = await answer(w.bob, t.id, "First version");
    assert.equal((await w.alice.patch(`${C}/posts/${a.id}`, { body: "Hijacked" })).status, 403);
    const edited = await w.bob.patch(`${C}/posts/${a.id}`, { body: "Second **version**" });
    assert.equal(edited.status, 200);
    assert.ok(edited.body.editedAt);
    assert.match(edited.body.bodyHtml, /<strong>version<\/strong>/);
    const empty = await w.bob.patch(`${C}/posts/${a.id}`, { body: "" });
    assert.equal(empty.status, 400);
    assert.equal(empty.body.error.field, "body");
    assert.equal((await w.alice.delete(`${C}/posts/${a.id}`)).status, 403);
    assert.equal((await w.bob.delete(`${C}/posts/${a.id}`)).status, 204);
    const page = await w.anon.get(`${C}/topics/${t.id}`);
    assert.deepEqual(page.body.posts, []);
    assert.equal(page.body.topic.answerCount, 0);
    const opening = page.body.topic.openingPostId;
    const b = await answer(w.bob, t.id, "Spam-ish");
    assert.equal((await w.alice.delete(`${C}/posts/${opening}`)).status, 409, "answers keep the question");
    assert.equal((await w.moderator.delete(`${C}/posts/${b.id}`)).status, 204);
    const { rows } = await q("select action from audit_log where subject_id = $1", [b.id]);
    assert.deepEqual(
      rows.map((r) => r.action),
      ["community.post_deleted"],
    );
    assert.equal((await w.alice.delete(`${C}/posts/${opening}`)).status, 204, "no answers left");
    assert.equal((await w.bob.get(`${C}/topics/${t.id}`)).status, 404, "the question is gone");
  });
});

describe("reading rules", () => {
  test("private categories never leak: lists, pages, similar, posting", async () => {
    const pub = await newTopic(w.alice, w.cats.pub, { title: "Zebrafish sound issue public" });
    const cust = await newTopic(w.alice, w.cats.customers, { title: "Zebrafish sound issue owners" });
    const mvp = await newTopic(w.agent, w.cats.mvp, { title: "Zebrafish sound issue mvp" });
    const staff = await newTopic(w.agent, w.cats.staff, { title: "Zebrafish sound issue staff" });
    const seen = async (client: typeof w.anon) => {
      const list = await client.get(`${C}/topics?q=zebrafish`);
      const similar = await client.get(`${C}/topics/similar?q=zebrafish`);
      return { list: ids(list.body.items).sort(), similar: ids(similar.body.topics).sort() };
    };
    const anon = await seen(w.anon);
    assert.deepEqual(anon.list, [pub.id]);
    assert.deepEqual(anon.similar, [pub.id]);
    assert.deepEqual((await seen(w.bob)).list, [pub.id, cust.id].sort());
    assert.deepEqual((await seen(w.bob)).similar, [pub.id, cust.id].sort());
    assert.deepEqual((await seen(w.agent)).list, [pub.id, cust.id, mvp.id, staff.id].sort());
    for (const t of [cust, mvp, staff]) assert.equal((await w.anon.get(`${C}/topics/${t.id}`)).status, 404);
    for (const t of [mvp, staff]) {
      assert.equal((await w.bob.get(`${C}/topics/${t.number}`)).status, 404);
      assert.equal((await w.bob.post(`${C}/topics/${t.id}/posts`, { body: "hi" })).status, 404);
    }
    const cats = await w.anon.get(`${C}/categories`);
    assert.ok(cats.body.items.every((c: { visibility: string }) => c.visibility === "public"));
    const intoStaff = await w.bob.post(`${C}/topics`, {
      categoryId: w.cats.staff,
      kind: "question",
      title: "Let me in please",
      body: "x",
    });
    assert.equal(intoStaff.status, 404);
    assert.equal(intoStaff.body.error.field, "categoryId");

    // An MVP (a term covering now) also reads the MVP category, never the staff one.
    const bobId = await memberIdOf(w.bob);
    await q(
      `insert into community_mvp_terms (workspace_id, member_id, starts_at, ends_at)
       select workspace_id, id, now() - interval '1 day', now() + interval '30 days' from community_members where id = $1`,
      [bobId],
    );
    assert.deepEqual((await seen(w.bob)).list, [pub.id, cust.id, mvp.id].sort());
    assert.equal((await w.bob.get(`${C}/topics/${staff.id}`)).status, 404);
    const a = await answer(w.bob, pub.id);
    assert.equal(a.author && (a.author as { isMvp: boolean }).isMvp, true);
  });

  test("held posts are hidden from all but their author and moderators; rate limits answer 429", async () => {
    setPostChecks({
      checkNewPost: async (_s, _m, body) => ({ hold: body.includes("BUY NOW"), reasons: ["test"] }),
      assertCanPost: async (_s, _m) => {},
    });
    try {
      const t = await newTopic(w.alice, w.cats.pub);
      const held = await answer(w.bob, t.id, "BUY NOW cheap speakers");
      assert.equal(held.hidden, true);
      const ok = await answer(w.bob, t.id, "A real answer");
      assert.deepEqual(ids((await w.anon.get(`${C}/topics/${t.id}`)).body.posts), [ok.id]);
      assert.deepEqual(ids((await w.alice.get(`${C}/topics/${t.id}`)).body.posts), [ok.id]);
      assert.deepEqual(ids((await w.bob.get(`${C}/topics/${t.id}`)).body.posts), [held.id, ok.id]);
      assert.deepEqual(ids((await w.moderator.get(`${C}/topics/${t.id}`)).body.posts), [held.id, ok.id]);
      assert.equal((await w.alice.post(`${C}/posts/${held.id}/votes`, { value: 1 })).status, 404);
      const { rows } = await q("select hidden_reason from community_posts where id = $1", [held.id]);
      assert.equal(rows[0].hidden_reason, "spam");

      const spamTopic = await newTopic(w.bob, w.cats.pub, {
        title: "BUY NOW speakers here",
        body: "BUY NOW",
      });
      assert.equal(spamTopic.hidden, true, "a held opening post holds its topic");
      assert.equal((await w.alice.get(`${C}/topics/${spamTopic.id}`)).status, 404);
      assert.equal((await w.bob.get(`${C}/topics/${spamTopic.id}`)).status, 200);
      assert.ok(!ids((await w.anon.get(`${C}/topics?sort=new`)).body.items).includes(spamTopic.id));

      setPostChecks({
        checkNewPost: async () => ({ hold: false, reasons: [] }),
        assertCanPost: async () => {
          throw new AppError("rate_limited", "Slow down");
        },
      });
      const limited = await w.bob.post(`${C}/topics/${t.id}/posts`, { body: "Again" });
      assert.equal(limited.status, 429);
    } finally {
      setPostChecks({
        checkNewPost: async () => ({ hold: false, reasons: [] }),
        assertCanPost: async () => {},
      });
    }
  });
});

describe("privileges", () => {
  test("members without the privilege cannot post or edit in links and pictures", async () => {
    const t = await newTopic(w.alice, w.cats.pub);
    const a = await answer(w.bob, t.id, "Plain words");
    setReputationHooks({ privilegesOf: () => ({ ...DEFAULT_PRIVILEGES, canLink: false, canImage: false }) });
    try {
      const link = await w.bob.post(`${C}/topics/${t.id}/posts`, { body: "See https://spam.example" });
      assert.equal(link.status, 403);
      assert.equal(link.body.error.field, "body");
      const pic = await w.bob.patch(`${C}/posts/${a.id}`, { body: "![x](https://example.com/x.png)" });
      assert.equal(pic.status, 403);
      assert.equal(pic.body.error.field, "body");
      assert.equal((await w.bob.patch(`${C}/posts/${a.id}`, { body: "Still plain" })).status, 200);
    } finally {
      setReputationHooks({ privilegesOf: () => DEFAULT_PRIVILEGES });
    }
  });
});

describe("markdown", () => {
  test("hostile markdown never executes; code blocks and pictures survive", async () => {
    const body = [
      "<script>alert(1)</script>",
      '<img src=x onerror="alert(1)">',
      "[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=)",
      "![pic](javascript:alert(1))",
      "![cat](https://example.com/cat.png)",
      "```js\nconst a = '<b onclick=x>';\n```",
      "[site](https://example.com)",
    ].join("\n\n");
    const t = await newTopic(w.alice, w.cats.pub, { body });
    const a = await answer(w.bob, t.id, body);
    const page = await w.anon.get(`${C}/topics/${t.id}`);
    for (const html of [page.body.topic.bodyHtml, page.body.posts[0].bodyHtml, a.bodyHtml as string]) {
      assert.doesNotMatch(html, /<script/i);
      assert.doesNotMatch(html, /<[^>]+\son\w+\s*=/i, "no event handler attribute");
      assert.doesNotMatch(html, /(href|src)="(javascript|data):/i);
      assert.match(html, /<img src="https:\/\/example.com\/cat.png" alt="cat"/);
      assert.match(html, /<pre><code class="language-js">const a = '&lt;b onclick=x&gt;';/);
      assert.match(html, /<a href="https:\/\/example.com" rel="nofollow ugc noopener noreferrer">site<\/a>/);
    }
  });

  test("@mentions link to the member and are stored; code is left alone", async () => {
    const res = await w.alice.patch(`${C}/users/me`, { displayName: "Alice Wonder" });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const aliceId = res.body.id;
    const t = await newTopic(w.alice, w.cats.pub);
    const a = await answer(
      w.bob,
      t.id,
      "Thanks @Alice Wonder, and @alice-wonder again. `@Alice Wonder` @nobody",
    );
    const links = (a.bodyHtml as string).match(
      new RegExp(`<a href="/community/u/${aliceId}" class="mention">`, "g"),
    );
    assert.equal(links?.length, 2, a.bodyHtml as string);
    assert.match(a.bodyHtml as string, /<code>@Alice Wonder<\/code>/);
    assert.match(a.bodyHtml as string, /@nobody/);
    const { rows } = await q("select member_id from community_mentions where post_id = $1", [a.id]);
    assert.deepEqual(
      rows.map((r) => r.member_id),
      [aliceId],
    );
    // Stored HTML is never stale: a body changed by any other path is rendered afresh.
    await q("update community_posts set body = 'Changed by **another path**' where id = $1", [a.id]);
    const page = await w.anon.get(`${C}/topics/${t.id}`);
    assert.match(page.body.posts[0].bodyHtml, /<strong>another path<\/strong>/);
    const hostile = await w.bob.patch(`${C}/users/me`, { displayName: "<img src=x onerror=alert(1)>" });
    assert.equal(hostile.status, 400);
    assert.equal(hostile.body.error.field, "displayName");
  });
});
