import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { TestClient } from "../../../../test/client.ts";
import { setUpWorkspace } from "../../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../../test/harness.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { leaderboardHref, leaderboardPage } from "./leaderboard-page.ts";
import { Community } from "./test-fixtures.ts";

/**
 * The public leaderboard page ranks the whole community or one public category
 * (`?category=<slug>`, plain links that work without JavaScript); private categories are
 * never listed and never accepted.
 */
const built = existsSync(path.resolve(import.meta.dirname, "../../../../../web/dist/server/entry-server.js"));
const needsWeb = { skip: built ? false : "the web app is not built (npm run build)" };

let server: TestServer;
let scope: TenantScope;
let anon: TestClient;
let c: Community;
before(async () => {
  server = await startTestServer({ web: built });
  const ws = await setUpWorkspace(server);
  anon = new TestClient(server.url);
  c = new Community(server.runtime.ctx, ws.workspaceId);
  scope = new TenantScope(server.runtime.ctx.db, ws.workspaceId);
});
after(() => server.close());

const slugOf = async (id: string) =>
  (
    await scope
      .selectFrom("community_categories")
      .select("slug")
      .where("id", "=", id)
      .executeTakeFirstOrThrow()
  ).slug;
const board = (rows: Array<{ rank: number; points: number; member: { displayName: string } }>) =>
  rows.map((r) => [r.rank, r.member.displayName, r.points]);

test("a category's board ranks only what was earned there; private categories are not offered", async () => {
  const speakers = await c.category("Speakers");
  const soundbars = await c.category("Soundbars");
  const lounge = await c.category("Owners lounge", "customers");
  const asker = await c.member("Asker");
  const [ann, bea] = [await c.member("Ann"), await c.member("Bea")];
  const voters = [await c.member("V1"), await c.member("V2")];
  const answerIn = async (category: string, author: string, votes: number) => {
    const q = await c.question(category, asker);
    const p = await c.answer(q.topicId, author);
    for (let i = 0; i < votes; i++) await c.vote(p, voters[i] as string, 1);
  };
  await answerIn(speakers, ann, 2);
  await answerIn(soundbars, bea, 1);
  await answerIn(lounge, bea, 2);

  const all = await leaderboardPage(scope, new URLSearchParams());
  assert.ok(all);
  assert.equal(all.category, null);
  assert.deepEqual(board(all.rows), [
    [1, "Bea", 30],
    [2, "Ann", 20],
  ]);
  assert.deepEqual(
    all.categories.map((x) => x.name),
    ["Soundbars", "Speakers"],
    "public categories only, never the owners' lounge",
  );

  const speakersSlug = await slugOf(speakers);
  const mine = await leaderboardPage(scope, new URLSearchParams({ period: "month", category: speakersSlug }));
  assert.ok(mine);
  assert.equal(mine.category?.id, speakers);
  assert.equal(mine.period, "month");
  assert.deepEqual(board(mine.rows), [[1, "Ann", 20]]);
  assert.equal(mine.canonical, `/community/leaderboard?period=month&category=${speakersSlug}`);

  // The same board as the API's categoryId.
  const api = await anon.get(`/api/v1/community/leaderboard?period=month&categoryId=${speakers}`);
  assert.equal(api.status, 200);
  assert.deepEqual(board(api.body.items), board(mine.rows));

  // A private category, or one that does not exist, is the page's 404, whoever asks.
  assert.equal(await leaderboardPage(scope, new URLSearchParams({ category: await slugOf(lounge) })), null);
  assert.equal(await leaderboardPage(scope, new URLSearchParams({ category: lounge })), null);
  assert.equal(await leaderboardPage(scope, new URLSearchParams({ category: "no-such-category" })), null);
});

test("the page offers public categories as plain links and ranks the chosen one", needsWeb, async () => {
  const cameras = await c.category("Cameras");
  const secret = await c.category("Beta testers", "mvp");
  const asker = await c.member("Asker");
  const cid = await c.member("Cid");
  const voter = await c.member("Voter");
  const q = await c.question(cameras, asker);
  await c.vote(await c.answer(q.topicId, cid), voter, 1);
  const slug = await slugOf(cameras);

  const res = await fetch(`${server.url}/community/leaderboard?period=all`);
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.ok(
    html.includes(`href="/community/leaderboard?period=all&amp;category=${slug}"`),
    "a link keeping the period",
  );
  assert.ok(html.includes('href="/community/leaderboard?period=all"'));
  assert.doesNotMatch(html, /Beta testers/, "no private category is named");

  const one = await fetch(`${server.url}/community/leaderboard?period=all&category=${slug}`);
  assert.equal(one.status, 200);
  const page = await one.text();
  assert.match(page, /Leaderboard: Cameras/);
  assert.match(page, />Cid</);
  assert.doesNotMatch(page, />Ann</, "points earned elsewhere do not count here");
  assert.ok(page.includes(`href="/community/leaderboard?category=${slug}"`), "periods keep the category");

  const hidden = await fetch(`${server.url}/community/leaderboard?category=${await slugOf(secret)}`);
  assert.equal(hidden.status, 404);
  assert.doesNotMatch(await hidden.text(), /Beta testers/);
});

test("links keep the period and the category, and the defaults stay short", () => {
  assert.equal(leaderboardHref("week", null), "/community/leaderboard");
  assert.equal(leaderboardHref("all", null), "/community/leaderboard?period=all");
  assert.equal(leaderboardHref("week", "speakers"), "/community/leaderboard?category=speakers");
  assert.equal(leaderboardHref("month", "a&b"), "/community/leaderboard?period=month&category=a%26b");
});
