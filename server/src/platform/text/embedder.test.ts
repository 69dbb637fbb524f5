import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { bytesToVector, cosine, vectorToBytes } from "./embedder.ts";
import { UseEmbedder } from "./use-embedder.ts";

const embedder = new UseEmbedder();
after(() => embedder.close());

describe("USE-lite embedder (real model, in a worker thread)", () => {
  test("sentences that mean the same are closer than unrelated ones", async () => {
    const [wifi, wifi2, refund, printer] = await embedder.embed([
      "My speaker keeps dropping off the wifi",
      "The speaker loses its wireless connection every hour",
      "I would like a refund for last month's invoice",
      "The printer says paper jam but nothing is stuck",
    ]);
    assert.equal(wifi?.length, 512);
    const same = cosine(wifi as Float32Array, wifi2 as Float32Array);
    assert.ok(same > cosine(wifi as Float32Array, refund as Float32Array) + 0.2, `paraphrase ${same}`);
    assert.ok(same > cosine(wifi as Float32Array, printer as Float32Array) + 0.2);
    assert.ok(Math.abs(cosine(wifi as Float32Array, wifi as Float32Array) - 1) < 1e-4, "unit length");
  });

  test("more texts than one batch come back in order, and survive storage as bytes", async () => {
    const texts = Array.from({ length: 40 }, (_, i) => (i % 2 ? "refund my invoice" : "printer paper jam"));
    const vectors = await embedder.embed(texts);
    assert.equal(vectors.length, 40);
    const back = bytesToVector(vectorToBytes(vectors[39] as Float32Array));
    assert.ok(cosine(back, vectors[1] as Float32Array) > 0.999);
    assert.ok(cosine(back, vectors[0] as Float32Array) < 0.8);
  });
});
