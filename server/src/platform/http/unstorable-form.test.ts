import assert from "node:assert/strict";
import { test } from "node:test";
import { withoutUnstorable } from "./unstorable-text.ts";

// Form posts from the public pages are cleaned, not refused: the visitor keeps what they wrote.
test("a form body loses NULs and lone surrogates in values and keys, and keeps everything else", () => {
  const nul = String.fromCharCode(0);
  const body = { [`com${nul}ment`]: `Still${nul} slow \ud800😀`, tags: ["a", `b${nul}`], rating: "4" };
  assert.deepEqual(withoutUnstorable(body), { comment: "Still slow 😀", tags: ["a", "b"], rating: "4" });
});
