import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { TestClient } from "../../../../test/client.ts";
import {
  EXPLANATION,
  F,
  type FeedbackWorld,
  newIdea,
  startFeedbackWorld,
  vote,
} from "../feedback.testkit.ts";

/**
 * The board page is served from its last render while the board's version (migration 0036) is
 * the same (issue #17, Scale). These tests write through the core's API, as the product does,
 * and check that every change a reader could see shows at once, and that a page rendered for
 * one kind of reader is never served to a reader who may not read the board. They also check
 * that a visitor's own anonymous vote comes back on the idea page after a reload.
 */
const built = existsSync(path.resolve(import.meta.dirname, "../../../../../web/dist/server/entry-server.js"));
const needsWeb = { skip: built ? false : "the web app is not built (npm run build)" };

let w: FeedbackWorld;
before(async () => {
  w = await startFeedbackWorld({ web: built });
});
after(() => w.server.close());

type ListItem = { id: string; title: string; votes: number; status: string };
type BoardData = { board: { name: string; visibility: string }; ideas: ListItem[]; total: number };
const SSR = /<script id="rapport-ssr-data" type="application\/json"[^>]*>([\s\S]*?)<\/script>/;

async function load(p: string, client: TestClient = w.anon) {
  const res = await client.get(p);
  const html = String(res.body);
  const json = SSR.exec(html)?.[1];
  return { status: res.status, html, data: json ? JSON.parse(json).page : null };
}
async function boardPage(p: string, client?: TestClient) {
  const res = await load(p, client);
  assert.equal(res.status, 200, p);
  return { ...res, data: res.data as BoardData };
}
const itemOf = (data: BoardData, id: string) => data.ideas.find((i) => i.id === id);
const slugOf = async (boardId: string) =>
  (await w.server.runtime.ctx.pool.query("select slug from feedback_boards where id = $1", [boardId])).rows[0]
    .slug as string;

describe("the board page's cache", needsWeb, () => {
  test("a vote, a status, a new idea, a title, a merge and a rename show at once", async () => {
    const p = `/feedback/${await slugOf(w.boards.pub)}`;
    const idea = await newIdea(w.alice, w.boards.pub, { title: "Keyboard shortcuts everywhere" });
    const before = await boardPage(p);
    // The same page but for its CSP nonce, which is new on every response.
    const unNonced = (html: string) => html.replace(/ nonce="[^"]*"/g, "");
    assert.equal(
      unNonced((await boardPage(p)).html),
      unNonced(before.html),
      "an unchanged page is the same page",
    );
    const votes = itemOf(before.data, idea.id)?.votes as number;

    await vote(w.bob, idea.id);
    assert.equal(itemOf((await boardPage(p)).data, idea.id)?.votes, votes + 1, "the vote shows");
    assert.equal(itemOf((await boardPage(`${p}?sort=recent`)).data, idea.id)?.votes, votes + 1);

    const planned = await w.admin.patch(`${F}/ideas/${idea.id}`, {
      status: "planned",
      explanation: EXPLANATION,
    });
    assert.equal(planned.status, 200, JSON.stringify(planned.body));
    assert.equal(itemOf((await boardPage(p)).data, idea.id)?.status, "planned", "the status shows");
    assert.ok(itemOf((await boardPage(`${p}?status=planned`)).data, idea.id), "the status filter finds it");

    const total = (await boardPage(p)).data.total;
    const other = await newIdea(w.carol, w.boards.pub, { title: "Shortcuts for everything please" });
    const withNew = (await boardPage(`${p}?sort=recent`)).data;
    assert.equal(withNew.total, total + 1, "the board's count moves");
    assert.equal(withNew.ideas[0]?.id, other.id, "the new idea is first by newest");

    const retitled = await w.admin.patch(`${F}/ideas/${other.id}`, { title: "Shortcuts for every screen" });
    assert.equal(retitled.status, 200, JSON.stringify(retitled.body));
    assert.ok((await boardPage(`${p}?sort=recent`)).html.includes("Shortcuts for every screen"));

    const merged = await w.admin.post(`${F}/ideas/${other.id}/merge`, { intoId: idea.id });
    assert.equal(merged.status, 200, JSON.stringify(merged.body));
    const afterMerge = (await boardPage(`${p}?sort=recent`)).data;
    assert.equal(afterMerge.total, total, "a merged idea leaves the count");
    assert.equal(itemOf(afterMerge, other.id), undefined, "and the list");

    const renamed = await w.admin.patch(`${F}/boards/${w.boards.pub}`, { name: "Product ideas" });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    const page = await boardPage(p);
    assert.equal(page.data.board.name, "Product ideas");
    assert.match(page.html, /<h1[^>]*>Product ideas<\/h1>/, "the rename shows");

    const drift = await w.server.runtime.ctx.pool.query(
      `select b.name, b.idea_count, (select count(*)::int from feedback_ideas i where i.board_id = b.id
         and i.deleted_at is null and i.merged_into_id is null) as live
       from feedback_boards b`,
    );
    for (const r of drift.rows)
      assert.equal(r.idea_count, r.live, `${r.name}: the kept count is the live count`);
  });

  test("a private board's page is never served to a reader who may not read it", async () => {
    const customersBoard = `/feedback/${await slugOf(w.boards.customers)}`;
    await newIdea(w.alice, w.boards.customers, { title: "Invoices in my own currency" });
    assert.equal((await load(customersBoard, w.alice)).status, 200, "a customer reads the customers' board");
    assert.equal((await load(customersBoard, w.alice)).status, 200, "and again, from the cache");
    const stranger = await load(customersBoard);
    assert.equal(stranger.status, 404, "a visitor gets the 404 of a board that does not exist");
    assert.ok(!stranger.html.includes("Invoices in my own currency"));

    const staffBoard = `/feedback/${await slugOf(w.boards.staff)}`;
    assert.equal((await load(staffBoard, w.admin)).status, 200);
    assert.equal((await load(staffBoard, w.alice)).status, 404, "staff's board is not the customers'");
    assert.equal((await load(staffBoard)).status, 404);

    // A public board made private: the page a visitor just read from the cache is gone at once.
    const board = await w.admin.post(`${F}/boards`, { name: "Soon private", visibility: "public" });
    assert.equal(board.status, 201, JSON.stringify(board.body));
    const p = `/feedback/${board.body.slug}`;
    assert.equal((await load(p)).status, 200);
    assert.equal((await load(p)).status, 200);
    const hidden = await w.admin.patch(`${F}/boards/${board.body.id}`, { visibility: "customers" });
    assert.equal(hidden.status, 200, JSON.stringify(hidden.body));
    assert.equal((await load(p)).status, 404, "the visitor no longer reads it");
    const customer = await load(p, w.alice);
    assert.equal(customer.status, 200);
    assert.match(
      customer.html,
      /<meta name="robots" content="noindex">/,
      "rendered for a customer, unindexed",
    );
  });
});

describe("an anonymous visitor's own vote", needsWeb, () => {
  async function setAnonymousVoting(on: boolean) {
    const current = await w.admin.get(`${F}/settings`);
    const res = await w.admin.put(`${F}/settings`, { ...current.body, anonymousVoting: on });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  }
  type IdeaData = { viewer: { anonymousVoting: boolean }; idea: { myVote: boolean; votes: number } };
  const ideaPage = async (url: string, client: TestClient) => (await load(url, client)).data as IdeaData;

  test("the idea page tells a visitor their own vote, and offers voting only when it is on", async () => {
    const idea = await newIdea(w.alice, w.boards.pub, { title: "Offline mode for the app" });
    const url = new URL(idea.url, "http://x").pathname;
    const visitor = new TestClient(w.server.url);
    assert.equal((await ideaPage(url, visitor)).viewer.anonymousVoting, false, "off by default");

    await setAnonymousVoting(true);
    const first = await ideaPage(url, visitor);
    assert.equal(first.viewer.anonymousVoting, true);
    assert.equal(first.idea.myVote, false);
    const cast = await visitor.post(`${F}/ideas/${idea.id}/votes`, {});
    assert.equal(cast.status, 200, JSON.stringify(cast.body));

    const reloaded = await ideaPage(url, visitor);
    assert.equal(reloaded.idea.myVote, true, "after a reload the page knows the visitor voted");
    assert.equal(reloaded.idea.votes, first.idea.votes + 1);
    assert.equal((await ideaPage(url, new TestClient(w.server.url))).idea.myVote, false, "not another's");
    const signedIn = await ideaPage(url, w.bob);
    assert.equal(signedIn.viewer.anonymousVoting, false, "a signed-in customer votes as themselves");
    assert.equal(signedIn.idea.myVote, false);

    assert.equal((await visitor.delete(`${F}/ideas/${idea.id}/votes`)).status, 200);
    assert.equal((await ideaPage(url, visitor)).idea.myVote, false, "the vote taken back");

    await setAnonymousVoting(false);
    const off = await ideaPage(url, visitor);
    assert.equal(off.viewer.anonymousVoting, false, "off again: the page asks to sign in");
  });
});
