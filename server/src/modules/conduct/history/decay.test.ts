import assert from "node:assert/strict";
import { test } from "node:test";
import { conductScore, decayedWeight } from "./decay.ts";

const DAY = 86_400_000;
const now = new Date("2026-06-01T12:00:00Z");
const ago = (days: number) => new Date(now.getTime() - days * DAY);

test("a confirmed flag weighs 1 today, 1/2 after one half-life, 1/4 after two", () => {
  assert.equal(decayedWeight(now, now, 90), 1);
  assert.equal(decayedWeight(ago(90), now, 90), 0.5);
  assert.equal(decayedWeight(ago(180), now, 90), 0.25);
  assert.ok(Math.abs(decayedWeight(ago(45), now, 90) - Math.SQRT1_2) < 1e-12);
  // A verdict dated after now (clock skew) weighs as today's, never more than 1.
  assert.equal(decayedWeight(new Date(now.getTime() + DAY), now, 90), 1);
});

test("the score sums the weights, and the half-life decides how fast one bad day fades", () => {
  assert.equal(conductScore([now, now, ago(90)], now, 90), 2.5);
  assert.equal(conductScore([ago(30)], now, 30), 0.5);
  assert.equal(conductScore([], now, 90), 0);
  // Three confirmed a year ago count for almost nothing with the default half-life.
  assert.ok(conductScore([ago(365), ago(365), ago(365)], now, 90) < 0.2);
});
