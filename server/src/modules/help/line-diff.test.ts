import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { lineDiff } from "./line-diff.ts";
import { slugify } from "./slugs.ts";

describe("line diff", () => {
  test("equal texts are all equal lines", () => {
    assert.deepEqual(lineDiff("a\nb", "a\nb"), [
      { op: "equal", text: "a" },
      { op: "equal", text: "b" },
    ]);
  });

  test("a changed line in the middle is removed then added, the rest kept", () => {
    assert.deepEqual(lineDiff("one\ntwo\nthree", "one\n2\nthree"), [
      { op: "equal", text: "one" },
      { op: "remove", text: "two" },
      { op: "add", text: "2" },
      { op: "equal", text: "three" },
    ]);
  });

  test("insertions and deletions keep the longest common lines", () => {
    const d = lineDiff("a\nb\nc\nd", "b\nc\nx\nd\ne");
    assert.deepEqual(d, [
      { op: "remove", text: "a" },
      { op: "equal", text: "b" },
      { op: "equal", text: "c" },
      { op: "add", text: "x" },
      { op: "equal", text: "d" },
      { op: "add", text: "e" },
    ]);
    // Applying the diff gives back both texts.
    assert.equal(
      d
        .filter((l) => l.op !== "add")
        .map((l) => l.text)
        .join("\n"),
      "a\nb\nc\nd",
    );
    assert.equal(
      d
        .filter((l) => l.op !== "remove")
        .map((l) => l.text)
        .join("\n"),
      "b\nc\nx\nd\ne",
    );
  });

  test("from empty and to empty", () => {
    assert.deepEqual(lineDiff("", "x"), [
      { op: "remove", text: "" },
      { op: "add", text: "x" },
    ]);
    assert.deepEqual(lineDiff("x\ny", "x"), [
      { op: "equal", text: "x" },
      { op: "remove", text: "y" },
    ]);
  });

  test("very large different middles fall back to remove-then-add without a huge table", () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`).join("\n");
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`).join("\n");
    const d = lineDiff(a, b);
    assert.equal(d.length, 6000);
    assert.equal(d[0]?.op, "remove");
    assert.equal(d[5999]?.op, "add");
  });
});

describe("slugify", () => {
  test("folds accents, lower-cases and joins words by hyphens", () => {
    assert.equal(slugify("Réinitialiser  votre Play:5 !"), "reinitialiser-votre-play-5");
    assert.equal(slugify("Straße"), "strasse");
    assert.equal(slugify("🙂🙂"), "article");
    assert.ok(slugify("x".repeat(300)).length <= 80);
  });
});
