import assert from "node:assert/strict";
import fs from "node:fs";
import { test } from "node:test";
import { assessSpam, fingerprint, matchDuplicate } from "./spam-signals.ts";

/**
 * The spam check against spam-eval.json: examples of spam and of ordinary posts, each with what
 * the check knows about its author. Spam must be held at least 80% of the time; an ordinary
 * post from a trusted member must never be held.
 */
type Example = {
  id: string;
  label: "spam" | "ham";
  member: {
    trust: number;
    accountAgeDays: number;
    priorPosts: number;
    postsLastHour?: number;
    postsLastDay?: number;
    isStaff?: boolean;
  };
  recent?: string[];
  recentOwn?: string[];
  title?: string;
  body: string;
};

const { examples } = JSON.parse(fs.readFileSync(new URL("./spam-eval.json", import.meta.url), "utf8")) as {
  examples: Example[];
};

function verdict(e: Example) {
  const recent = [
    ...(e.recent ?? []).map((t) => ({ ...fingerprint(t), memberId: "someone-else" })),
    ...(e.recentOwn ?? []).map((t) => ({ ...fingerprint(t), memberId: "author" })),
  ];
  return assessSpam(e.title ? `${e.title}\n\n${e.body}` : e.body, {
    trust: e.member.trust,
    isStaff: e.member.isStaff ?? false,
    accountAgeDays: e.member.accountAgeDays,
    postsLastHour: e.member.postsLastHour ?? 0,
    postsLastDay: e.member.postsLastDay ?? e.member.postsLastHour ?? 0,
    priorPosts: e.member.priorPosts,
    duplicate: matchDuplicate(fingerprint(e.body), recent, "author"),
  });
}

test("the evaluation set is large enough to mean something", () => {
  assert.ok(examples.length >= 40, `${examples.length} examples`);
  assert.ok(examples.filter((e) => e.label === "spam").length >= 20);
  assert.ok(
    examples.filter((e) => e.label === "ham" && (e.member.trust >= 2 || e.member.isStaff)).length >= 10,
  );
});

test("spam is held at least 80% of the time", () => {
  const spam = examples.filter((e) => e.label === "spam");
  const missed = spam.filter((e) => !verdict(e).hold).map((e) => e.id);
  const rate = (spam.length - missed.length) / spam.length;
  assert.ok(rate >= 0.8, `held ${(rate * 100).toFixed(0)}% of spam; missed ${missed.join(", ")}`);
});

test("ordinary posts from trusted members are never held, links and repeats included", () => {
  const trusted = examples.filter((e) => e.label === "ham" && (e.member.trust >= 2 || e.member.isStaff));
  const held = trusted.filter((e) => verdict(e).hold).map((e) => e.id);
  assert.deepEqual(held, []);
});

test("ordinary posts from new and basic members are seldom held (at most 1 in 5)", () => {
  const untrusted = examples.filter((e) => e.label === "ham" && e.member.trust < 2 && !e.member.isStaff);
  const held = untrusted.filter((e) => verdict(e).hold).map((e) => e.id);
  assert.ok(held.length <= untrusted.length / 5, `held ${held.join(", ")}`);
});

test("every hold says why", () => {
  for (const e of examples) {
    const v = verdict(e);
    assert.equal(v.hold, v.reasons.length > 0, e.id);
  }
});
