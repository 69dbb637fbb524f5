import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { collectOrphanedFiles } from "../cases/orphaned-files.ts";
import { answer, C, ids, newTopic, startWorld, type World } from "./community.testkit.ts";
import { type CommunityEvent, onCommunityEvent } from "./events.ts";

let w: World;
const events: CommunityEvent[] = [];
before(async () => {
  w = await startWorld();
  onCommunityEvent(async (_ctx, e) => {
    events.push(e);
  });
  assert.equal((await w.admin.put("/api/v1/help/settings", { holdoutPercent: 0 })).status, 200);
});
after(() => w.server.close());

const PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

async function newProblem(title = "Error 1013 after the 12.1 update") {
  const res = await w.agent.post("/api/v1/problems", { title, description: "internal notes" });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id as string;
}

describe("problem links", () => {
  test("a linked problem's public status shows; a workaround and a fix each post once, officially", async () => {
    const t = await newTopic(w.alice, w.cats.pub);
    const problemId = await newProblem();
    assert.equal((await w.alice.post(`${C}/topics/${t.id}/links`, { problemId })).status, 403);
    const linked = await w.agent.post(`${C}/topics/${t.id}/links`, { problemId });
    assert.equal(linked.status, 200, JSON.stringify(linked.body));
    assert.ok(events.some((e) => e.type === "topic.problem_linked" && e.topicId === t.id));
    const byProblem = await w.agent.get(`${C}/topics?problemId=${problemId}`);
    assert.deepEqual(
      byProblem.body.items.map((i: { id: string }) => i.id),
      [t.id],
    );
    let page = await w.anon.get(`${C}/topics/${t.id}`);
    assert.deepEqual(page.body.topic.problem, {
      id: problemId,
      title: "A known problem we are working on",
      status: "investigating",
      workaroundHtml: null,
    });
    assert.equal(page.body.posts.length, 0);

    await w.agent.patch(`/api/v1/problems/${problemId}`, {
      publicTitle: "Speakers drop off after updating",
      publicWorkaround: "Restart the speaker <script>x</script>",
      status: "workaround_available",
    });
    page = await w.anon.get(`${C}/topics/${t.id}`);
    assert.equal(page.body.topic.problem.status, "workaround_available");
    assert.equal(page.body.topic.problem.title, "Speakers drop off after updating");
    assert.doesNotMatch(page.body.topic.problem.workaroundHtml, /<script/);
    assert.equal(page.body.posts.length, 1);
    assert.equal(page.body.posts[0].official, true);
    assert.match(page.body.posts[0].body, /workaround is available/);
    assert.doesNotMatch(page.body.posts[0].bodyHtml, /<script/);

    // Announced again (a title change, the workaround reworded): nothing new is posted.
    await w.agent.patch(`/api/v1/problems/${problemId}`, { publicWorkaround: "Restart the speaker twice" });
    await w.agent.patch(`/api/v1/problems/${problemId}`, { status: "fixed" });
    await w.agent.patch(`/api/v1/problems/${problemId}`, { publicTitle: "Drop-offs after 12.1" });
    page = await w.anon.get(`${C}/topics/${t.id}`);
    assert.equal(page.body.topic.problem.status, "fixed");
    assert.deepEqual(
      page.body.posts.map((p: { body: string }) => /Fixed/.test(p.body)),
      [false, true],
    );
    assert.equal(events.filter((e) => e.type === "topic.official_post" && e.topicId === t.id).length, 2);

    // A topic linked to a problem that already has a workaround says so at once.
    const late = await newTopic(w.bob, w.cats.pub);
    await w.agent.post(`${C}/topics/${late.id}/links`, { problemId });
    await w.agent.post(`${C}/topics/${late.id}/links`, { problemId });
    assert.equal((await w.anon.get(`${C}/topics/${late.id}`)).body.posts.length, 2);

    assert.equal((await w.agent.delete(`${C}/topics/${t.id}/links/${problemId}`)).status, 204);
    assert.equal((await w.anon.get(`${C}/topics/${t.id}`)).body.topic.problem, null);
  });

  test("links name the field at fault", async () => {
    const t = await newTopic(w.alice, w.cats.pub);
    const both = await w.agent.post(`${C}/topics/${t.id}/links`, {});
    assert.equal(both.status, 400);
    assert.equal(both.body.error.field, "caseId");
    const unknownProblem = await w.agent.post(`${C}/topics/${t.id}/links`, {
      problemId: crypto.randomUUID(),
    });
    assert.equal(unknownProblem.status, 404);
    assert.equal(unknownProblem.body.error.field, "problemId");
    const unknownCase = await w.agent.post(`${C}/topics/${t.id}/links`, { caseId: crypto.randomUUID() });
    assert.equal(unknownCase.status, 404);
    assert.equal(unknownCase.body.error.field, "caseId");
    const notLinked = await w.agent.delete(`${C}/topics/${t.id}/links/${crypto.randomUUID()}`);
    assert.equal(notLinked.status, 404);
    assert.equal(notLinked.body.error.field, "targetId");
  });
});

describe("turning a question into a request", () => {
  test("the asker's unsolved question becomes a portal case that records where it came from", async () => {
    const t = await newTopic(w.alice, w.cats.pub, { title: "Sub won't pair with Arc", body: "Tried twice." });
    assert.equal((await w.alice.get(`${C}/topics/${t.id}`)).body.topic.can.escalate, true);
    assert.equal((await w.bob.post(`${C}/topics/${t.id}/escalate`)).status, 403, "only the asker");
    const res = await w.alice.post(`${C}/topics/${t.id}/escalate`);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const mine = await w.alice.get(`/api/v1/cases/${res.body.caseId}`);
    assert.equal(mine.status, 200);
    assert.equal(mine.body.subject, "Sub won't pair with Arc");
    assert.equal(mine.body.number, res.body.caseNumber);
    const messages = await w.alice.get(`/api/v1/cases/${res.body.caseId}/messages`);
    assert.match(messages.body.items[0].body, /Tried twice\./);
    assert.match(messages.body.items[0].body, new RegExp(t.url));
    const timeline = await w.alice.get(`/api/v1/cases/${res.body.caseId}/timeline`);
    const origin = timeline.body.items.find((e: { kind: string }) => e.kind === "community.escalated");
    assert.equal(origin.data.topicId, t.id);
    assert.equal((await w.agent.get(`${C}/topics/${t.id}`)).body.topic.caseCount, 1);
    assert.equal((await w.alice.post(`${C}/topics/${t.id}/escalate`)).status, 409, "once");
    // The case page's panel lists the topics tied to the case; the link is staff knowledge.
    const tied = await w.agent.get(`${C}/topics?caseId=${res.body.caseId}`);
    assert.deepEqual(
      tied.body.items.map((i: { id: string }) => i.id),
      [t.id],
    );
    assert.deepEqual((await w.alice.get(`${C}/topics?caseId=${res.body.caseId}`)).body.items, []);

    const solved = await newTopic(w.alice, w.cats.pub);
    const a = await answer(w.bob, solved.id);
    await w.alice.post(`${C}/posts/${a.id}/accept`);
    assert.equal((await w.alice.post(`${C}/topics/${solved.id}/escalate`)).status, 409);
    assert.equal((await w.anon.post(`${C}/topics/${solved.id}/escalate`)).status, 401);
  });
});

describe("help article drafts", () => {
  test("a solved question becomes one draft with attribution and a link back", async () => {
    const name = await w.bob.patch(`${C}/users/me`, { displayName: "Bob the *Builder*" });
    assert.equal(name.status, 200, JSON.stringify(name.body));
    const t = await newTopic(w.alice, w.cats.pub, {
      title: "How do I reset a Play:1?",
      body: "It is stuck.",
    });
    assert.equal((await w.agent.post(`${C}/topics/${t.id}/article-draft`)).status, 409, "not solved yet");
    const a = await answer(w.bob, t.id, "Hold play while plugging in.");
    await w.alice.post(`${C}/posts/${a.id}/accept`);
    assert.equal((await w.alice.post(`${C}/topics/${t.id}/article-draft`)).status, 403);
    const draft = await w.agent.post(`${C}/topics/${t.id}/article-draft`);
    assert.equal(draft.status, 201, JSON.stringify(draft.body));
    const article = await w.agent.get(`/api/v1/help/articles/${draft.body.articleId}`);
    assert.equal(article.body.state, "draft");
    assert.equal(article.body.title, "How do I reset a Play:1?");
    assert.match(article.body.body, /It is stuck\./);
    assert.match(article.body.body, /Hold play while plugging in\./);
    assert.match(article.body.bodyHtml, /Answered by Bob the \*Builder\* in the community/);
    assert.match(article.body.bodyHtml, new RegExp(`href="${t.url}"`));
    const again = await w.agent.post(`${C}/topics/${t.id}/article-draft`);
    assert.equal(again.status, 200);
    assert.equal(again.body.articleId, draft.body.articleId);
    assert.equal((await w.agent.get(`${C}/topics/${t.id}`)).body.topic.articleId, draft.body.articleId);
  });
});

describe("similar questions and articles", () => {
  test("before asking: readable topics by title and body, and published help articles", async () => {
    const art = await w.agent.post("/api/v1/help/articles", {
      title: "Fixing Error 1013 on Play:5",
      body: "Error 1013 means the speaker lost its network. Restart the router.",
      state: "published",
      visibility: "public",
    });
    assert.equal(art.status, 201, JSON.stringify(art.body));
    const byTitle = await newTopic(w.alice, w.cats.pub, { title: "Error 1013 on my Play:5", body: "Help" });
    const byBody = await newTopic(w.alice, w.cats.pub, {
      title: "Speaker silent since Tuesday",
      body: "It shows error 1013 and drops",
    });
    const hidden = await newTopic(w.agent, w.cats.staff, { title: "Error 1013 internal notes" });
    const res = await w.anon.get(`${C}/topics/similar?q=${encodeURIComponent("error 1013 dropping")}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(ids(res.body.topics).slice(0, 2).sort(), [byTitle.id, byBody.id].sort());
    assert.ok(!ids(res.body.topics).includes(hidden.id));
    assert.equal(res.body.topics[0].url.startsWith("/community/t/"), true);
    assert.equal(res.body.articles[0].id, art.body.id);
    const empty = await w.anon.get(`${C}/topics/similar?q=`);
    assert.equal(empty.status, 400);
    assert.equal(empty.body.error.field, "q");
  });
});

describe("profiles", () => {
  test("a member sets their name, bio and picture; names are unique; counts show", async () => {
    const me = await w.alice.patch(`${C}/users/me`, {
      displayName: "Alice Example",
      bio: "Owns six speakers",
    });
    assert.equal(me.status, 200, JSON.stringify(me.body));
    assert.equal(me.body.bio, "Owns six speakers");
    const taken = await w.bob.patch(`${C}/users/me`, { displayName: "alice example" });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.error.field, "displayName");
    const rate = await w.bob.patch(`${C}/users/me`, { digestRate: "hourly" });
    assert.equal(rate.status, 400);
    assert.equal(rate.body.error.field, "digestRate");
    const pic = await w.alice.put(`${C}/users/me/avatar`, { dataBase64: PNG });
    assert.equal(pic.status, 200, JSON.stringify(pic.body));
    assert.match(pic.body.avatarUrl, new RegExp(`^/api/v1/community/users/${me.body.id}/avatar\\?v=`));
    const bytes = await w.anon.get(pic.body.avatarUrl);
    assert.equal(bytes.status, 200);
    assert.equal(bytes.headers.get("content-type"), "image/png");
    await collectOrphanedFiles(w.server.runtime.ctx, { graceHours: 0, now: new Date(Date.now() + 60_000) });
    assert.equal(
      (await w.anon.get(pic.body.avatarUrl)).status,
      200,
      "the file collector keeps community pictures",
    );
    const svg = await w.alice.put(`${C}/users/me/avatar`, {
      dataBase64: Buffer.from("<svg onload=alert(1)/>").toString("base64"),
    });
    assert.equal(svg.status, 400);
    assert.equal(svg.body.error.field, "dataBase64");
    const t = await newTopic(w.alice, w.cats.pub);
    const a = await answer(w.bob, t.id);
    await w.alice.post(`${C}/posts/${a.id}/accept`);
    const bobId = a.author && (a.author as { id: string }).id;
    const profile = await w.anon.get(`${C}/users/${bobId}`);
    assert.equal(profile.status, 200);
    assert.ok(profile.body.acceptedAnswers >= 1);
    assert.equal(profile.body.isMvp, false);
    assert.equal((await w.anon.get(`${C}/users/${crypto.randomUUID()}`)).status, 404);
    assert.equal((await w.anon.patch(`${C}/users/me`, { bio: "x" })).status, 401);
  });
});
