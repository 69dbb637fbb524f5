import assert from "node:assert/strict";
import { after, test } from "node:test";
import { closeSharedEmbedder } from "../../platform/text/use-embedder.ts";
import { resignedSentences } from "./language.ts";
import { LANGUAGE_EVAL } from "./language-eval.ts";

after(() => closeSharedEmbedder());

test("apologetic or resigned language: precision and recall on the evaluation set", async () => {
  const hits = await resignedSentences(LANGUAGE_EVAL.map(([s]) => s));
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [i, [, expected]] of LANGUAGE_EVAL.entries()) {
    const got = hits[i] !== null;
    if (got && expected) tp++;
    else if (got) fp++;
    else if (expected) fn++;
  }
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  // The figures reported in bench/AT-RISK.md; a calm customer must not be flagged.
  assert.ok(precision >= 0.9, `precision ${precision}`);
  assert.ok(recall >= 0.7, `recall ${recall}`);
  // A paraphrase no rule knows is found by similarity to the exemplars.
  const [paraphrase] = await resignedSentences(["I know you must be tired of hearing from me."]);
  assert.equal(paraphrase?.how, "similar");
});
