import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { comparison, meansInterval, poissonRateSe, proportionsInterval } from "./compare.ts";

describe("trained against untrained: what the sample supports", () => {
  test("a clear difference of shares with 100 a side is told, its interval excludes zero", () => {
    const c = comparison("retention", { n: 100, value: 0.9 }, { n: 100, value: 0.6 }, () =>
      proportionsInterval(90, 100, 60, 100),
    );
    assert.equal(c.verdict, "trainedHigher");
    assert.equal(c.difference, 0.3);
    assert.ok((c.low ?? 0) > 0 && (c.high ?? 0) < 0.5);
  });

  test("a small difference is not enough data to tell: the interval includes zero", () => {
    const c = comparison("repeatContacts", { n: 40, value: 0.2 }, { n: 40, value: 0.25 }, () =>
      proportionsInterval(8, 40, 10, 40),
    );
    assert.equal(c.verdict, "notEnoughData");
    assert.ok((c.low ?? 0) < 0 && (c.high ?? 0) > 0);
  });

  test("under 30 in a group: no value, no difference, not enough data, however large the gap", () => {
    const c = comparison("retention", { n: 29, value: 1 }, { n: 500, value: 0 }, () =>
      proportionsInterval(29, 29, 0, 500),
    );
    assert.deepEqual(
      [c.verdict, c.trained.value, c.untrained.value, c.difference],
      ["notEnoughData", null, 0, null],
    );
  });

  test("all shares at 0 or 1 still get an interval (Agresti–Caffo), not a point", () => {
    const i = proportionsInterval(30, 30, 0, 30);
    assert.equal(i.difference, 1);
    assert.ok(i.low > 0.8 && i.low < 1 && i.high > 1);
  });

  test("means: fewer contacts among the trained, with spread, is told as lower", () => {
    const c = comparison("contactRate", { n: 50, value: 0.2 }, { n: 50, value: 1 }, () =>
      meansInterval(0.2, 0.1, 50, 1, 0.5, 50),
    );
    assert.equal(c.verdict, "trainedLower");
    assert.equal(c.difference, -0.8);
  });

  test("no spread in either group: the interval is still an interval (Poisson floor), not a point", () => {
    // 30 customers with no case in 60 customer-months, 30 with one case each over 60.
    const i = meansInterval(0, 0, 30, 0.5, 0, 30, poissonRateSe(0, 60, 30, 60));
    assert.equal(i.difference, -0.5);
    assert.ok(i.high < 0 && i.high > -0.5 && i.low < -0.5, JSON.stringify(i));
  });
});
