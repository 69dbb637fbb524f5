import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { badgeRuleSchema } from "../../../../../contracts/community-reputation.ts";
import { periodStart } from "./leaderboard.ts";
import { competitionRank } from "./ranking.ts";
import { DEFAULT_SETTINGS, mergeSettings } from "./settings.ts";
import { streakEndingOn } from "./streaks.ts";
import { earnedLevel, privilegesOf, trustOf } from "./trust.ts";

describe("competition ranking", () => {
  test("ties share a rank and the next rank skips", () => {
    const ranked = competitionRank([50, 40, 40, 40, 10, 10, 5].map((points) => ({ points })));
    assert.deepEqual(
      ranked.map((r) => r.rank),
      [1, 2, 2, 2, 5, 5, 7],
    );
  });
  test("everyone tied is first; nobody is an empty board", () => {
    assert.deepEqual(
      competitionRank([{ points: 3 }, { points: 3 }]).map((r) => r.rank),
      [1, 1],
    );
    assert.deepEqual(competitionRank([]), []);
  });
});

describe("periods", () => {
  test("weeks start on Monday and months on the 1st, in UTC", () => {
    assert.equal(periodStart("week", new Date("2026-11-26T09:00:00Z")), "2026-11-23"); // a Thursday
    assert.equal(periodStart("week", new Date("2026-11-29T23:59:59Z")), "2026-11-23"); // Sunday night
    assert.equal(periodStart("week", new Date("2026-11-30T00:00:00Z")), "2026-11-30"); // Monday
    assert.equal(periodStart("month", new Date("2026-03-01T00:00:00Z")), "2026-03-01");
    assert.equal(periodStart("month", new Date("2026-02-28T23:00:00Z")), "2026-02-01");
    assert.equal(periodStart("all", new Date()), "1970-01-01");
  });
});

describe("streaks", () => {
  test("the run of days ending today; a gap ends it; today missing means no streak", () => {
    const days = ["2026-11-20", "2026-11-22", "2026-11-23", "2026-11-24"];
    assert.deepEqual(streakEndingOn(days, "2026-11-24"), { start: "2026-11-22", length: 3 });
    assert.equal(streakEndingOn(days, "2026-11-25").length, 0);
    assert.deepEqual(streakEndingOn(["2026-02-28", "2026-03-01"], "2026-03-01"), {
      start: "2026-02-28",
      length: 2,
    });
  });
});

describe("trust", () => {
  const s = DEFAULT_SETTINGS;
  const a = { posts: 0, acceptedAnswers: 0, reputation: 0, accountDays: 0, flagsAgainst: 0 };
  test("levels rise only when every threshold is met", () => {
    assert.equal(earnedLevel(a, s), 0);
    assert.equal(earnedLevel({ ...a, posts: 1, accountDays: 1 }, s), 1);
    assert.equal(earnedLevel({ ...a, posts: 10, accountDays: 7, acceptedAnswers: 1, reputation: 50 }, s), 2);
    assert.equal(earnedLevel({ ...a, posts: 10, accountDays: 6, acceptedAnswers: 1, reputation: 50 }, s), 1);
    const regular = { posts: 50, accountDays: 30, acceptedAnswers: 10, reputation: 500, flagsAgainst: 0 };
    assert.equal(earnedLevel(regular, s), 3);
    assert.equal(earnedLevel({ ...regular, flagsAgainst: 3 }, s), 1, "upheld flags hold a member at basic");
  });
  test("a penalty holds trust at 0 and silences; staff keep full privileges", () => {
    const now = new Date("2026-11-26T10:00:00Z");
    const penalised = { trustLevel: 3, penaltyUntil: new Date("2026-11-27T00:00:00Z") };
    assert.equal(trustOf(penalised, now), 0);
    assert.equal(privilegesOf(penalised, now).canPost, false);
    assert.equal(
      trustOf({ ...penalised, penaltyUntil: new Date("2026-11-25T00:00:00Z") }, now),
      3,
      "expired",
    );
    assert.deepEqual(privilegesOf({ trustLevel: 0 }), {
      canPost: true,
      canLink: false,
      canImage: false,
      flagWeight: 1,
      postsPerHour: 3,
    });
    assert.ok(privilegesOf({ trustLevel: 3 }).flagWeight > privilegesOf({ trustLevel: 1 }).flagWeight);
    assert.ok(
      privilegesOf({ trustLevel: 0, isStaff: true }).flagWeight >= DEFAULT_SETTINGS.flagHideThreshold,
    );
  });
});

describe("settings and rules as data", () => {
  test("stored values override defaults field by field; values that no longer fit are ignored", () => {
    const m = mergeSettings({ points: { answerAccepted: 30 }, dailyCap: 50 });
    assert.equal(m.points.answerAccepted, 30);
    assert.equal(m.points.answerUpvoted, 10);
    assert.equal(m.dailyCap, 50);
    assert.deepEqual(mergeSettings({ dailyCap: "lots" }), DEFAULT_SETTINGS);
  });
  test("badge rules name the field at fault", () => {
    const bad = badgeRuleSchema.safeParse({ metric: "answers", atLeast: 2, categoryId: "x" });
    assert.equal(bad.success, false);
    assert.deepEqual(bad.error?.issues[0]?.path, ["categoryId"]);
    const both = badgeRuleSchema.safeParse({
      metric: "answers",
      atLeast: 2,
      categoryId: "00000000-0000-4000-8000-000000000000",
      inAnyCategory: true,
    });
    assert.deepEqual(both.error?.issues[0]?.path, ["inAnyCategory"]);
    assert.equal(
      badgeRuleSchema.safeParse({ metric: "accepted_answers", atLeast: 10, inAnyCategory: true }).success,
      true,
    );
  });
});
