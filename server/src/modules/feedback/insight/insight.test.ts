import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { TestClient } from "../../../../test/client.ts";
import { customerClient, setUpWorkspace, staffClient } from "../../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../../test/harness.ts";
import { customerWithCases, feedbackFixture } from "./insight.fixture.ts";
import { setChurnSource } from "./score.ts";
import { sweepIdeaVectors } from "./vectors.ts";

const F = "/api/v1/feedback";
const DAY = 86_400_000;

let server: TestServer;
let admin: TestClient;
let agent: TestClient;
let customer: TestClient;
let anon: TestClient;
let fx: ReturnType<typeof feedbackFixture>;
let workspaceId: string;

before(async () => {
  server = await startTestServer();
  ({ admin, workspaceId } = await setUpWorkspace(server));
  agent = (await staffClient(server, "agent")).client;
  customer = (await customerClient(server)).client;
  anon = new TestClient(server.url);
  fx = feedbackFixture(server.runtime.ctx.db, workspaceId);
});
after(async () => {
  await server.close();
});

describe("priorities: the score shows every term and how it was computed", () => {
  let ann: { id: string; caseIds: string[] };
  let ben: { id: string; caseIds: string[] };
  let cat: { id: string; caseIds: string[] };
  let older: string;
  let newer: string;

  before(async () => {
    await fx.settings({ requesters: 10, value: 1, repeats: 3, churned: 5, recencyHalfLifeDays: 30 }, "mrr");
    ann = await customerWithCases(agent, "Ann Archer", 3);
    ben = await customerWithCases(agent, "Ben Baker");
    cat = await customerWithCases(agent, "Cat Cooper", 1);
    const dan = await customerWithCases(agent, "Dan Dyer");
    const board = await fx.board("Product");
    const month = new Date(Date.now() - 30 * DAY);
    older = await fx.idea(board, "Bulk export of tickets", { createdAt: month, requesters: 3 });
    newer = await fx.idea(board, "Keyboard shortcuts for replies", { requesters: 1 });
    await fx.idea(board, "Already shipped thing", { status: "done" });
    // Ann raised it on three cases (two repeats), Ben voted, Cat raised it on one case.
    await fx.requester(older, ann.id, { byCase: true, at: month });
    await fx.requester(older, ben.id, { byVote: true, at: month });
    await fx.requester(older, cat.id, { byCase: true, at: month });
    for (const c of ann.caseIds) await fx.linkCase(older, c, ann.id, month);
    await fx.linkCase(older, cat.caseIds[0] as string, cat.id, month);
    await fx.requester(newer, ben.id, { byVote: true });
    // Current values only: Ben's old 5000 was superseded by 200; Cat's is not a number; Dan asked nothing.
    await fx.fact(ann.id, "mrr", 1000);
    await fx.fact(ben.id, "mrr", 5000, true);
    await fx.fact(ben.id, "mrr", "200");
    await fx.fact(cat.id, "mrr", "lots");
    await fx.fact(dan.id, "mrr", 9999);
  });

  test("requesters, value, repeats and recency are counted and explained", async () => {
    const res = await agent.get(`${F}/priorities`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.weights, {
      requesters: 10,
      value: 1,
      repeats: 3,
      churned: 5,
      recencyHalfLifeDays: 30,
    });
    assert.equal(res.body.valueFactKey, "mrr");
    const titles = res.body.items.map((i: { idea: { title: string } }) => i.idea.title);
    assert.ok(!titles.includes("Already shipped thing"), "done ideas are not ranked by default");
    const top = res.body.items[0];
    assert.equal(top.idea.id, older);
    assert.deepEqual(top.terms.requesters, { count: 3, weight: 10, points: 30 });
    assert.deepEqual(top.terms.value, { total: 1200, weight: 1, points: 1200 });
    assert.deepEqual(top.terms.repeats, { count: 2, weight: 3, points: 6 });
    assert.deepEqual(top.terms.churned, { count: 0, weight: 5, points: 0 });
    assert.equal(top.terms.recency.halfLifeDays, 30);
    assert.equal(top.terms.recency.factor, 0.5, "a month old at a 30-day half-life counts half");
    assert.equal(top.score, 618);
    assert.match(
      top.explanation,
      /3 requesters × 10 \+ mrr 1200 × 1 \+ 2 repeats × 3 \+ 0 churned × 5\) = 1236/,
    );
    assert.match(top.explanation, /= 618$/);
    const second = res.body.items[1];
    assert.equal(second.idea.id, newer);
    assert.equal(second.terms.recency.factor, 1);
    assert.equal(second.score, 210);
  });

  test("churned requesters come from the retention hook and count", async () => {
    const seen: string[][] = [];
    const previous = setChurnSource(async (scope, ids) => {
      assert.equal(scope.workspaceId, workspaceId);
      seen.push(ids);
      return new Set([ann.id]);
    });
    try {
      const res = await agent.get(`${F}/priorities`);
      assert.equal(res.status, 200);
      const top = res.body.items.find((i: { idea: { id: string } }) => i.idea.id === older);
      assert.deepEqual(top.terms.churned, { count: 1, weight: 5, points: 5 });
      assert.equal(top.score, 620.5);
      assert.ok(seen.some((ids) => ids.includes(ann.id) && ids.includes(cat.id)));
    } finally {
      setChurnSource(previous);
    }
  });

  test("filters by status and board; triage only; bad input names the field", async () => {
    const done = await agent.get(`${F}/priorities?status=done`);
    assert.equal(done.status, 200);
    assert.deepEqual(
      done.body.items.map((i: { idea: { title: string } }) => i.idea.title),
      ["Already shipped thing"],
    );
    const other = await fx.board("Elsewhere");
    const elsewhere = await fx.idea(other, "Something on another board");
    const onBoard = await agent.get(`${F}/priorities?boardId=${other}`);
    assert.deepEqual(
      onBoard.body.items.map((i: { idea: { id: string } }) => i.idea.id),
      [elsewhere],
    );
    const bad = await agent.get(`${F}/priorities?status=nonsense`);
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "status");
    assert.equal((await customer.get(`${F}/priorities`)).status, 403);
    assert.equal((await anon.get(`${F}/priorities`)).status, 401);
    assert.equal((await admin.get(`${F}/priorities`)).status, 200);
  });
});

describe("themes: growth by month, board and tag", () => {
  test("new ideas and linked cases per month, and this month's top movers", async () => {
    const now = new Date();
    const thisMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1, 12));
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15));
    const mobile = await fx.board("Mobile app");
    const billing = await fx.board("Billing");
    const hot = await fx.idea(mobile, "Widget for the home screen", {
      tags: ["ios-widgets"],
      createdAt: thisMonth,
    });
    await fx.idea(mobile, "Face ID sign-in", { tags: ["ios-widgets"], createdAt: thisMonth });
    await fx.idea(mobile, "Landscape layout on tablets", { tags: ["ios-widgets"], createdAt: thisMonth });
    await fx.idea(mobile, "Android back gesture", { tags: ["android-nav"], createdAt: lastMonth });
    await fx.idea(billing, "Pay by bank transfer", { createdAt: lastMonth });
    await fx.idea(billing, "Annual plan discount", { createdAt: lastMonth });
    const eve = await customerWithCases(agent, "Eve Evans", 2);
    for (const c of eve.caseIds) await fx.linkCase(hot, c, eve.id, thisMonth);

    const res = await agent.get(`${F}/themes?months=3`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.months.length, 3);
    assert.equal(res.body.months[2], now.toISOString().slice(0, 7));
    const board = (id: string) => res.body.boards.find((b: { key: string }) => b.key === id);
    assert.deepEqual(board(mobile).ideas, [0, 1, 3]);
    assert.deepEqual(board(mobile).cases, [0, 0, 2]);
    assert.equal(board(mobile).name, "Mobile app");
    assert.deepEqual(board(billing).ideas, [0, 2, 0]);
    const tag = res.body.tags.find((t: { key: string }) => t.key === "ios-widgets");
    assert.deepEqual(tag.ideas, [0, 0, 3]);
    assert.deepEqual(tag.cases, [0, 0, 2]);

    const movers = res.body.topMovers as Array<{
      kind: string;
      key: string;
      growth: number;
      thisMonth: number;
      lastMonth: number;
    }>;
    const ios = movers.findIndex((m) => m.kind === "tag" && m.key === "ios-widgets");
    const mob = movers.findIndex((m) => m.kind === "board" && m.key === mobile);
    assert.ok(ios >= 0 && mob > ios, JSON.stringify(movers));
    assert.deepEqual(movers[mob], {
      kind: "board",
      key: mobile,
      name: "Mobile app",
      thisMonth: 5,
      lastMonth: 1,
      growth: 4,
    });
    assert.ok(!movers.some((m) => m.key === billing), "a board that shrank is not a mover");

    const bad = await agent.get(`${F}/themes?months=99`);
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "months");
    assert.equal((await customer.get(`${F}/themes`)).status, 403);
  });
});

describe("similar ideas while typing", () => {
  let darkMode: string;
  let portalDark: string;
  let staffDark: string;
  let pub: string;

  before(async () => {
    pub = await fx.board("Speakers", "public");
    const owners = await fx.board("Owners", "customers");
    const internal = await fx.board("Internal", "staff");
    darkMode = await fx.idea(pub, "Dark mode for the app", {
      description:
        "The white screen is blinding when I adjust the speaker at night. Please add a dark theme.",
    });
    await fx.idea(pub, "Gift cards", {
      description: "I would like to buy a voucher as a present for a friend.",
    });
    portalDark = await fx.idea(owners, "Dark mode in the owners' portal", {
      description: "Same as the app.",
    });
    staffDark = await fx.idea(internal, "Dark mode for the admin console", { description: "Internal only." });
    // Every session sees suggestions (no holdout), so the article check is not left to chance.
    assert.equal((await admin.put("/api/v1/help/settings", { holdoutPercent: 0 })).status, 200);
    const article = await agent.post("/api/v1/help/articles", {
      title: "Switching the app to dark mode",
      body: "Open Settings, then Display, and choose Dark.",
      state: "published",
      visibility: "public",
    });
    assert.equal(article.status, 201, JSON.stringify(article.body));
  });

  test("a duplicate said in other words is found", async () => {
    // No word in common with the idea: only its embedding can find it.
    const q = encodeURIComponent("black background in the evening, the bright display hurts my eyes");
    const res = await anon.get(`${F}/ideas/similar?q=${q}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.ideas[0]?.id, darkMode, JSON.stringify(res.body.ideas));
    assert.match(res.body.ideas[0].url, /^\/feedback\/ideas\/\d+-idea-\d+$/);
    assert.ok(!res.body.ideas.some((i: { title: string }) => i.title === "Gift cards"));
  });

  test("private boards are never suggested to customers; staff see every board; articles come along", async () => {
    const q = encodeURIComponent("dark mode");
    const ids = async (c: TestClient, extra = "") => {
      const res = await c.get(`${F}/ideas/similar?q=${q}${extra}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.ideas.map((i: { id: string }) => i.id) as string[];
    };
    const anonymous = await ids(anon);
    assert.ok(anonymous.includes(darkMode));
    assert.ok(!anonymous.includes(portalDark) && !anonymous.includes(staffDark));
    const signedIn = await ids(customer);
    assert.ok(signedIn.includes(darkMode) && signedIn.includes(portalDark));
    assert.ok(!signedIn.includes(staffDark), "a staff board never reaches a customer");
    const staff = await ids(agent);
    assert.ok(staff.includes(staffDark) && staff.includes(portalDark));
    assert.deepEqual(await ids(agent, `&boardId=${pub}`), [darkMode]);
    const withArticles = await anon.get(`${F}/ideas/similar?q=${q}`);
    assert.deepEqual(
      withArticles.body.articles.map((a: { title: string }) => a.title),
      ["Switching the app to dark mode"],
    );
  });

  test("an edited idea is found by its new words and meaning; the sweep re-embeds edits", async () => {
    const { db } = server.runtime.ctx;
    const id = await fx.idea(pub, "Longer warranty", { description: "Two years is not enough." });
    await sweepIdeaVectors(server.runtime.ctx);
    const before = await db
      .selectFrom("feedback_idea_vectors")
      .select("source_hash")
      .where("idea_id", "=", id)
      .executeTakeFirstOrThrow();
    // The core edits ideas; here the row is changed the way it would be.
    await db
      .updateTable("feedback_ideas")
      .set({
        title: "Podcast episodes on the speaker",
        description: "Subscribe to shows and play new episodes.",
      })
      .where("id", "=", id)
      .execute();
    await sweepIdeaVectors(server.runtime.ctx);
    const after = await db
      .selectFrom("feedback_idea_vectors")
      .select("source_hash")
      .where("idea_id", "=", id)
      .executeTakeFirstOrThrow();
    assert.notEqual(after.source_hash, before.source_hash);
    const res = await anon.get(
      `${F}/ideas/similar?q=${encodeURIComponent("listen to talk shows and podcasts")}`,
    );
    assert.equal(res.body.ideas[0]?.id, id, JSON.stringify(res.body.ideas));
  });

  test("a missing query is a 400 naming q", async () => {
    const res = await anon.get(`${F}/ideas/similar?q=`);
    assert.equal(res.status, 400);
    assert.equal(res.body.error.field, "q");
  });
});

describe("merge suggestions", () => {
  test("similar open ideas are suggested with the reason; others, done and merged ones are not", async () => {
    const board = await fx.board("Playback");
    const first = await fx.idea(board, "Sleep timer", {
      description: "Stop the music automatically after 30 minutes so it does not play all night.",
      requesters: 4,
      createdAt: new Date(Date.now() - 10 * DAY),
    });
    const second = await fx.idea(board, "Turn off playback after a set time", {
      description:
        "When I fall asleep with music on it keeps going until morning. A countdown to stop would be great.",
    });
    await fx.idea(board, "Gift cards", {
      description: "I would like to buy a voucher as a present for a friend.",
    });
    await fx.idea(board, "Export my listening history as CSV", {
      description: "I want to download the play history into a spreadsheet.",
    });
    await fx.idea(board, "Sleep timer for the music", {
      description: "Stop the music automatically after a while so it does not play all night.",
      status: "done",
    });
    await fx.idea(board, "Automatic sleep timer", {
      description: "Stop the music automatically after 30 minutes so it does not play all night.",
      mergedInto: first,
    });
    const res = await agent.get(`${F}/merge-suggestions?boardId=${board}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.items.length, 1, JSON.stringify(res.body.items));
    const s = res.body.items[0];
    assert.equal(s.idea.id, second, "the idea fewer people asked for goes into the other");
    assert.equal(s.into.id, first);
    assert.ok(s.similarity >= 0.5 && s.similarity <= 1);
    assert.ok(s.cosine > 0.5);
    assert.ok(s.sharedWords.includes("music"));
    assert.match(s.reason, /cosine 0\.\d\d/);
    assert.equal((await customer.get(`${F}/merge-suggestions`)).status, 403);
  });
});
