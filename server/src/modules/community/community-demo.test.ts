import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { loadDemo } from "../demo/demo.ts";

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

test("the demo has an active community: a solved Error 1013 thread linked to the problem, an MVP, badges and leaderboards", async () => {
  await loadDemo(server.runtime.ctx, { password: "a-demo-password-for-tests" });
  await loadDemo(server.runtime.ctx, { password: "a-demo-password-for-tests" });
  const ws = await server.runtime.ctx.db
    .selectFrom("workspaces")
    .select("host")
    .where("is_demo", "=", true)
    .executeTakeFirstOrThrow();
  assert.equal(ws.host, null, "the only workspace answers on any host");
  const anon = new TestClient(server.url);
  const C = "/api/v1/community";

  const categories = (await anon.get(`${C}/categories`)).body.items;
  assert.deepEqual(
    categories.map((c: { slug: string }) => c.slug),
    ["speakers", "routers", "app"],
    "loading twice adds nothing; the MVP lounge is not public",
  );
  const topics = (await anon.get(`${C}/topics?q=1013`)).body.items;
  assert.equal(topics.length, 1);
  const t = topics[0];
  assert.equal(t.solved, true);
  assert.match(t.problem?.title ?? "", /1013/, "linked to the problem, shown by its public title");
  const page = await anon.get(`${C}/topics/${t.id}`);
  const accepted = page.body.posts[0];
  assert.equal(accepted.accepted, true, "the accepted answer comes first");
  assert.equal(accepted.author.displayName, "Sam L.");
  assert.equal(accepted.author.isMvp, true);
  assert.match(accepted.bodyHtml, /UPnP/);

  const board = (await anon.get(`${C}/leaderboard?period=all`)).body.items;
  assert.equal(board[0]?.member.displayName, "Sam L.", JSON.stringify(board));
  assert.ok(board.length >= 3);
  const profile = (await anon.get(`${C}/users/${accepted.author.id}`)).body;
  assert.ok(profile.badges.length >= 1, JSON.stringify(profile.badges));
  const mvps = (await anon.get(`${C}/mvp`)).body.items;
  assert.equal(mvps.length, 1);
});
