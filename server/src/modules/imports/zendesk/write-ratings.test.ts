import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  assertSilent,
  assessPage,
  importedCase,
  type Kit,
  mapId,
  newTeam,
  startKit,
  writePage,
} from "./extras.testkit.ts";
import { MAX_COMMENT, ratingsWriter } from "./write-ratings.ts";
import type { ZdSatisfactionRating } from "./zendesk-types.ts";

let kit: Kit;
before(async () => {
  kit = await startKit();
});
after(async () => {
  await kit.server.close();
});

function rating(
  id: number,
  ticketId: number,
  over: Partial<ZdSatisfactionRating> = {},
): ZdSatisfactionRating {
  return {
    id,
    ticket_id: ticketId,
    requester_id: 9000 + id,
    assignee_id: null,
    group_id: null,
    score: "good",
    comment: null,
    reason: null,
    created_at: "2024-03-01T10:00:00Z",
    updated_at: "2024-03-02T09:30:00Z",
    ...over,
  };
}

async function responsesOf(caseId: string) {
  const res = await kit.admin.get(`/api/v1/surveys/responses?caseId=${caseId}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as {
    items: Array<{
      rating: number;
      scale: string;
      sentiment: string;
      comment: string | null;
      reason: string | null;
      respondedAt: string;
      teamId: string | null;
    }>;
    csatPositivePercent: number | null;
  };
}

describe("satisfaction ratings → survey answers", () => {
  test("good and bad become the case's answers on the three-point scale, with comment, reason and time", async () => {
    const happy = await importedCase(kit, 101);
    const unhappy = await importedCase(kit, 102);
    const team = await newTeam(kit, "Billing desk");
    await mapId(kit, "group", 77, team);
    const out = await writePage(kit, ratingsWriter, [
      rating(1, 101, { comment: "Quick and kind 🎉" }),
      rating(2, 102, {
        score: "bad",
        comment: "ما زلت أنتظر",
        reason: "The issue took too long to resolve",
        group_id: 77,
      }),
    ]);
    assert.deepEqual(out, { created: 2, updated: 0, skips: [] });

    const good = await responsesOf(happy.id);
    assert.equal(good.items.length, 1);
    assert.equal(good.items[0]?.rating, 3);
    assert.equal(good.items[0]?.scale, "three");
    assert.equal(good.items[0]?.sentiment, "positive");
    assert.equal(good.items[0]?.comment, "Quick and kind 🎉");
    assert.equal(good.items[0]?.reason, null);
    assert.equal(good.items[0]?.respondedAt, "2024-03-02T09:30:00.000Z");
    assert.equal(good.csatPositivePercent, 100);

    const bad = (await responsesOf(unhappy.id)).items[0];
    assert.equal(bad?.rating, 1);
    assert.equal(bad?.sentiment, "negative");
    assert.equal(bad?.comment, "ما زلت أنتظر");
    assert.equal(bad?.reason, "speed");
    assert.equal(bad?.teamId, team, "the rating's group is the answer's team");

    const timeline = await kit.admin.get(`/api/v1/cases/${unhappy.id}/timeline`);
    const line = (
      timeline.body.items as Array<{ kind: string; occurredAt: string; data: { rating: number } }>
    ).find((e) => e.kind === "survey.responded");
    assert.equal(line?.occurredAt, "2024-03-02T09:30:00.000Z");
    assert.equal(line?.data.rating, 1);
    await assertSilent(kit);
  });

  test("the same page twice changes nothing; a re-rating in a delta updates the answer", async () => {
    const c = await importedCase(kit, 103);
    const page = [rating(3, 103, { score: "bad", reason: "The agent's attitude is unsatisfactory" })];
    assert.equal((await writePage(kit, ratingsWriter, page)).created, 1);
    const again = await writePage(kit, ratingsWriter, page);
    assert.deepEqual(again, { created: 0, updated: 1, skips: [] });
    let answers = await responsesOf(c.id);
    assert.equal(answers.items.length, 1, "no duplicate answer");
    assert.equal(answers.items[0]?.reason, "agent");

    await writePage(kit, ratingsWriter, [
      rating(3, 103, { score: "good", comment: "Sorted in the end", updated_at: "2024-04-01T08:00:00Z" }),
    ]);
    answers = await responsesOf(c.id);
    assert.equal(answers.items.length, 1);
    assert.equal(answers.items[0]?.sentiment, "positive");
    assert.equal(answers.items[0]?.reason, null, "a reason only stays on a negative answer");
    assert.equal(answers.items[0]?.comment, "Sorted in the end");
    const timeline = await kit.admin.get(`/api/v1/cases/${c.id}/timeline`);
    const lines = (timeline.body.items as Array<{ kind: string }>).filter(
      (e) => e.kind === "survey.responded",
    );
    assert.equal(lines.length, 2, "the first answer and the change, not the identical rewrite");
    await assertSilent(kit);
  });

  test("unanswered ratings, ratings of tickets not imported and malformed records are skipped with reasons", async () => {
    const c = await importedCase(kit, 104);
    const records = [
      rating(4, 104, { score: "offered" }),
      rating(5, 104, { score: "unoffered" }),
      rating(6, 999_999),
      { ...rating(7, 104), id: "x" as unknown as number },
    ];
    const dry = await assessPage(kit, ratingsWriter, records);
    const out = await writePage(kit, ratingsWriter, records);
    assert.equal(out.created, 0);
    // A dry run writes no tickets, so it assumes an unmapped ticket will be imported; the rest
    // it tells exactly.
    assert.equal(dry.created, 1);
    assert.deepEqual(
      dry.skips,
      out.skips.filter((s) => s.externalId !== "6"),
    );
    const reasons = Object.fromEntries(out.skips.map((s) => [s.externalId, `${s.outcome}: ${s.reason}`]));
    assert.match(reasons["4"] ?? "", /^skipped: rating offered but never answered/);
    assert.match(reasons["5"] ?? "", /^skipped: rating never offered/);
    assert.match(reasons["6"] ?? "", /^skipped: its ticket 999999 was not imported/);
    assert.match(reasons.x ?? "", /^failed: rating without a valid id/);
    assert.equal((await responsesOf(c.id)).items.length, 0);
  });

  test("a comment longer than an answer holds is kept to the limit and reported", async () => {
    const c = await importedCase(kit, 105);
    const out = await writePage(kit, ratingsWriter, [
      rating(8, 105, { comment: "x".repeat(MAX_COMMENT + 50) }),
    ]);
    assert.equal(out.created, 1);
    assert.match(out.skips[0]?.reason ?? "", /cut to 4000/);
    assert.equal((await responsesOf(c.id)).items[0]?.comment?.length, MAX_COMMENT);
  });
});
