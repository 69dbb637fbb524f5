import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { otherWorkspace } from "../../../test/factories.ts";
import {
  F,
  type FeedbackWorld,
  getIdea,
  ids,
  newIdea,
  recordFeedbackEvents,
  startFeedbackWorld,
  vote,
  watchWebhooks,
} from "./feedback.testkit.ts";
import { setIdeaScorer } from "./scorer.ts";

let w: FeedbackWorld;
const events = recordFeedbackEvents();
let deliveries: Awaited<ReturnType<typeof watchWebhooks>>;
before(async () => {
  w = await startFeedbackWorld();
  deliveries = await watchWebhooks(w, ["idea.created"]);
});
after(() => w.server.close());

describe("boards", () => {
  test("managers create, rename and delete them; slugs come from names, are unique and avoid page paths", async () => {
    const a = await w.admin.post(`${F}/boards`, { name: "Mobile app", description: "iOS and Android" });
    assert.equal(a.status, 201, JSON.stringify(a.body));
    assert.equal(a.body.slug, "mobile-app");
    assert.equal(a.body.visibility, "public");
    assert.equal(a.body.url, "/feedback/mobile-app");
    const again = await w.admin.post(`${F}/boards`, { name: "Mobile App" });
    assert.equal(again.body.slug, "mobile-app-2");
    assert.equal((await w.admin.post(`${F}/boards`, { name: "X", slug: "mobile-app" })).status, 409);
    // The public pages own /feedback/roadmap and /feedback/ideas/…
    const roadmap = await w.admin.post(`${F}/boards`, { name: "Roadmap" });
    assert.equal(roadmap.body.slug, "roadmap-2");
    const renamed = await w.admin.patch(`${F}/boards/${again.body.id}`, { name: "Phones", position: 2 });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.name, "Phones");
    assert.equal(renamed.body.position, 2);
    await newIdea(w.alice, a.body.id);
    const busy = await w.admin.delete(`${F}/boards/${a.body.id}`);
    assert.equal(busy.status, 409, "a board with ideas stays");
    assert.equal((await w.admin.delete(`${F}/boards/${again.body.id}`)).status, 204);
    assert.equal((await w.admin.delete(`${F}/boards/${again.body.id}`)).status, 404);
  });

  test("only managers change boards; bad input names the field", async () => {
    assert.equal((await w.agent.post(`${F}/boards`, { name: "Nope" })).status, 403);
    assert.equal((await w.alice.post(`${F}/boards`, { name: "Nope" })).status, 403);
    assert.equal((await w.anon.post(`${F}/boards`, { name: "Nope" })).status, 401);
    const vis = await w.admin.post(`${F}/boards`, { name: "X", visibility: "secret" });
    assert.equal(vis.status, 400);
    assert.equal(vis.body.error.field, "visibility");
    const empty = await w.admin.post(`${F}/boards`, { name: " " });
    assert.equal(empty.body.error.field, "name");
  });

  test("each reader sees the boards their visibility allows", async () => {
    const names = async (c: typeof w.anon) => ids((await c.get(`${F}/boards`)).body.items);
    const anon = await names(w.anon);
    assert.ok(anon.includes(w.boards.pub));
    assert.ok(!anon.includes(w.boards.customers) && !anon.includes(w.boards.staff));
    const alice = await names(w.alice);
    assert.ok(alice.includes(w.boards.customers) && !alice.includes(w.boards.staff));
    assert.ok((await names(w.agent)).includes(w.boards.staff));
  });
});

describe("private boards never leak", () => {
  test("ideas on boards a reader may not see are 404 by id, number and filter, and absent from lists", async () => {
    const secret = await newIdea(w.agent, w.boards.staff, { title: "Internal: rewrite the sync engine" });
    const members = await newIdea(w.alice, w.boards.customers, { title: "Invoices in PDF/A" });
    for (const path of [secret.id, secret.number]) {
      assert.equal((await w.anon.get(`${F}/ideas/${path}`)).status, 404);
      assert.equal((await w.alice.get(`${F}/ideas/${path}`)).status, 404);
      assert.equal((await w.alice.get(`${F}/ideas/${path}/comments`)).status, 404);
    }
    assert.equal((await w.agent.get(`${F}/ideas/${secret.number}`)).status, 200);
    assert.equal(
      (await w.anon.get(`${F}/ideas/${members.id}`)).status,
      404,
      "customers' boards need a sign-in",
    );
    assert.equal((await w.bob.get(`${F}/ideas/${members.id}`)).status, 200);
    const filtered = await w.alice.get(`${F}/ideas?boardId=${w.boards.staff}`);
    assert.equal(filtered.status, 404);
    assert.equal(filtered.body.error.field, "boardId");
    assert.ok(!ids((await w.alice.get(`${F}/ideas?pageSize=100`)).body.items).includes(secret.id));
    assert.ok(!ids((await w.anon.get(`${F}/ideas?pageSize=100`)).body.items).includes(members.id));
    // Neither voting, commenting nor posting reaches a board the customer may not read.
    assert.equal((await w.alice.post(`${F}/ideas/${secret.id}/votes`, {})).status, 404);
    assert.equal((await w.alice.post(`${F}/ideas/${secret.id}/comments`, { body: "hi" })).status, 404);
    const post = await w.alice.post(`${F}/ideas`, { boardId: w.boards.staff, title: "Sneaky idea" });
    assert.equal(post.status, 404);
    assert.equal(post.body.error.field, "boardId");
    assert.equal((await deliveries("idea.created")).filter((d) => d.idea.id === secret.id).length, 0);
  });
});

describe("merges and other workspaces do not leak either", () => {
  test("a public duplicate of a staff-only idea names no original, and votes on it lead nowhere", async () => {
    const open = await newIdea(w.alice, w.boards.pub, { title: "Faster sync please" });
    const internal = await newIdea(w.agent, w.boards.staff, { title: "Secret: sync engine v3" });
    assert.equal((await w.agent.post(`${F}/ideas/${open.id}/merge`, { intoId: internal.id })).status, 200);
    const seen = await getIdea(w.anon, open.id);
    assert.equal(seen.status, "duplicate");
    assert.equal(seen.mergedInto, null, "the staff-only original is not named");
    assert.doesNotMatch(JSON.stringify(seen), /Secret/);
    assert.equal((await w.bob.post(`${F}/ideas/${open.id}/votes`, {})).status, 404);
    assert.equal((await w.bob.post(`${F}/ideas/${open.id}/subscription`)).status, 404);
    assert.equal((await getIdea(w.agent, open.id)).mergedInto.id, internal.id, "staff see where it went");
    // And the other way: a staff-only duplicate is not listed on a public original.
    const pub = await newIdea(w.alice, w.boards.pub, { title: "Sync on mobile data" });
    const note = await newIdea(w.agent, w.boards.staff, { title: "Secret: same as the public one" });
    await w.agent.post(`${F}/ideas/${note.id}/merge`, { intoId: pub.id });
    assert.deepEqual((await getIdea(w.anon, pub.id)).duplicates, []);
    assert.deepEqual(ids((await getIdea(w.agent, pub.id)).duplicates), [note.id]);
  });

  test("another workspace sees none of it, and cannot use this one's customers or cases", async () => {
    const { client: other } = await otherWorkspace(w.server);
    assert.equal((await other.get(`${F}/ideas/${w.idea.id}`)).status, 404);
    assert.equal((await other.get(`${F}/ideas/${w.idea.number}`)).status, 404);
    assert.deepEqual((await other.get(`${F}/boards`)).body.items, []);
    assert.equal(
      (await other.post(`${F}/ideas/${w.idea.id}/votes`, { customerId: w.customers.bob })).status,
      404,
    );
    const board = (await other.post(`${F}/boards`, { name: "Theirs" })).body.id;
    const theirs = await newIdea(other, board);
    const res = await other.post(`${F}/ideas/${theirs.id}/votes`, { customerId: w.customers.bob });
    assert.equal(res.status, 404);
    assert.equal(res.body.error.field, "customerId");
    assert.equal((await w.anon.get(`${F}/ideas/${theirs.id}`)).status, 404);
  });
});

describe("ideas", () => {
  test("a customer posts an idea: numbered URL, author, subscribed, announced", async () => {
    const before = events.length;
    const idea = await newIdea(w.bob, w.boards.pub, {
      title: "Résumé sync over Wi-Fi!",
      description: "Please *sync* when on Wi-Fi",
      tags: ["Sync", "wifi", "sync"],
    });
    assert.match(idea.url, new RegExp(`^/feedback/ideas/${idea.number}-resume-sync-over-wi-fi$`));
    assert.equal(idea.status, "open");
    assert.equal(idea.statusLabel, "Open");
    assert.deepEqual(idea.tags, ["sync", "wifi"]);
    assert.equal(idea.descriptionHtml, "<p>Please <em>sync</em> when on Wi-Fi</p>\n");
    assert.deepEqual(idea.author, {
      kind: "customer",
      id: w.customers.bob,
      name: (idea.author as { name: string }).name,
    });
    assert.equal(idea.subscribed, true, "the author follows their idea");
    assert.deepEqual(events.slice(before), [{ type: "idea.created", ideaId: idea.id }]);
    const hooks = await deliveries("idea.created");
    assert.ok(hooks.some((d) => d.idea.id === idea.id && d.idea.title === "Résumé sync over Wi-Fi!"));
    assert.equal((await w.anon.get(`${F}/ideas/${idea.number}`)).body.id, idea.id, "readable by number");
  });

  test("customers see a first name and initial; staff see the full name", async () => {
    const anonView = await getIdea(w.anon, w.idea.id);
    const staffView = await getIdea(w.agent, w.idea.id);
    assert.equal(anonView.author.kind, "customer");
    assert.ok(staffView.author.name.length >= anonView.author.name.length);
  });

  test("bad input names the field; anonymous visitors cannot post", async () => {
    const short = await w.alice.post(`${F}/ideas`, { boardId: w.boards.pub, title: "Hi" });
    assert.equal(short.status, 400);
    assert.equal(short.body.error.field, "title");
    const extra = await w.alice.post(`${F}/ideas`, { boardId: w.boards.pub, title: "Hello there", votes: 9 });
    assert.equal(extra.status, 400);
    assert.equal(
      (await w.anon.post(`${F}/ideas`, { boardId: w.boards.pub, title: "Hello there" })).status,
      401,
    );
    const onBehalf = await w.alice.post(`${F}/ideas`, {
      boardId: w.boards.pub,
      title: "Hello there",
      customerId: w.customers.bob,
    });
    assert.equal(onBehalf.status, 403);
    assert.equal(onBehalf.body.error.field, "customerId");
  });

  test("hostile markdown never executes, in descriptions or comments", async () => {
    const evil =
      '<script>alert(1)</script> <img src=x onerror="alert(2)"> [click](javascript:alert(3)) <iframe src="https://evil.test"></iframe>';
    const idea = await newIdea(w.alice, w.boards.pub, { title: "<b>Bold</b> idea", description: evil });
    for (const html of [idea.descriptionHtml as string]) {
      assert.doesNotMatch(html, /<(script|img|iframe)\b|<[^>]*\son\w+=|href="javascript:/i);
    }
    const c = await w.bob.post(`${F}/ideas/${idea.id}/comments`, { body: evil });
    assert.equal(c.status, 201);
    assert.doesNotMatch(c.body.bodyHtml, /<(script|img|iframe)\b|<[^>]*\son\w+=|href="javascript:/i);
    assert.equal(idea.title, "<b>Bold</b> idea", "titles are text; pages escape them");
  });

  test("the author edits while the idea is open; others may not; staff always may", async () => {
    const idea = await newIdea(w.alice, w.boards.pub);
    const edited = await w.alice.patch(`${F}/ideas/${idea.id}`, {
      title: "Export reports as Excel",
      tags: ["export"],
    });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.equal(edited.body.title, "Export reports as Excel");
    assert.match(edited.body.url, /-export-reports-as-excel$/);
    assert.equal((await w.bob.patch(`${F}/ideas/${idea.id}`, { title: "Bob was here" })).status, 403);
    const status = await w.alice.patch(`${F}/ideas/${idea.id}`, { status: "planned" });
    assert.equal(status.status, 403);
    assert.equal(status.body.error.field, "status");
    assert.equal((await w.agent.patch(`${F}/ideas/${idea.id}`, { status: "planned" })).status, 200);
    assert.equal((await w.alice.patch(`${F}/ideas/${idea.id}`, { title: "Too late to edit" })).status, 403);
    const moved = await w.agent.patch(`${F}/ideas/${idea.id}`, { boardId: w.boards.customers });
    assert.equal(moved.body.boardId, w.boards.customers);
  });

  test("lists filter by board, status, tag and text, sort by votes or recent, and page", async () => {
    const board = (await w.admin.post(`${F}/boards`, { name: "Listing" })).body.id;
    const a = await newIdea(w.alice, board, { title: "Offline maps for hiking", tags: ["maps"] });
    const b = await newIdea(w.alice, board, { title: "Share playlists with friends", tags: ["social"] });
    const c = await newIdea(w.alice, board, { title: "Offline playlists", tags: ["maps", "social"] });
    await vote(w.bob, b.id);
    await vote(w.carol, b.id);
    await vote(w.bob, c.id);
    await w.agent.patch(`${F}/ideas/${a.id}`, { status: "planned" });
    const list = async (query: string) => {
      const res = await w.anon.get(`${F}/ideas?boardId=${board}&${query}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body;
    };
    assert.deepEqual(ids((await list("sort=votes")).items), [b.id, c.id, a.id]);
    assert.deepEqual(ids((await list("sort=recent")).items), [c.id, b.id, a.id]);
    assert.deepEqual(ids((await list("status=planned")).items), [a.id]);
    assert.deepEqual(ids((await list("status=open,planned&sort=recent")).items), [c.id, b.id, a.id]);
    assert.deepEqual(ids((await list("tag=maps&sort=recent")).items), [c.id, a.id]);
    assert.deepEqual(ids((await list("q=offline&sort=recent")).items), [c.id, a.id]);
    const page = await list("sort=votes&pageSize=2&page=2");
    assert.deepEqual(ids(page.items), [a.id]);
    assert.equal(page.total, 3);
    assert.equal(page.page, 2);
    const bad = await w.anon.get(`${F}/ideas?sort=loudest`);
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "sort");
    // sort=score asks the installed scorer (insight's), and falls back to votes without one.
    assert.deepEqual(ids((await list("sort=score")).items), [b.id, c.id, a.id]);
    setIdeaScorer(async (_scope, ideaIds) => new Map(ideaIds.map((id) => [id, id === a.id ? 100 : 0])));
    try {
      assert.deepEqual(ids((await list("sort=score")).items), [a.id, b.id, c.id]);
      assert.deepEqual(ids((await list("sort=score&pageSize=1&page=2")).items), [b.id]);
    } finally {
      setIdeaScorer(null);
    }
  });
});
