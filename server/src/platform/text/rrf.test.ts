import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { reciprocalRankFusion } from "./rrf.ts";

describe("reciprocal-rank fusion", () => {
  test("an id ranked well by both methods beats one ranked first by only one", () => {
    const fused = reciprocalRankFusion([
      ["a", "b", "c"],
      ["b", "c", "d"],
    ]);
    assert.deepEqual(
      fused.map((f) => f.id),
      ["b", "c", "a", "d"],
    );
    assert.ok(Math.abs((fused[0]?.score ?? 0) - (1 / 62 + 1 / 61)) < 1e-12);
  });

  test("empty rankings, repeats and ties are handled predictably", () => {
    assert.deepEqual(reciprocalRankFusion([]), []);
    assert.deepEqual(
      reciprocalRankFusion([[], ["x"]]).map((f) => f.id),
      ["x"],
    );
    const repeated = reciprocalRankFusion([["x", "x", "y"]]);
    assert.equal(repeated.find((f) => f.id === "x")?.score, 1 / 61);
    assert.deepEqual(
      reciprocalRankFusion([["b"], ["a"]]).map((f) => f.id),
      ["a", "b"],
      "ties by id",
    );
  });
});
