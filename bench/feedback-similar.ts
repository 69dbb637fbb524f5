/**
 * How well do merge suggestions find duplicate ideas said in other words?
 *   npm run bench:feedback-similar   (node bench/feedback-similar.ts; Node 24, no database)
 *
 * 1. Pairwise precision/recall of merge suggestions on bench/eval/feedback-similar.json for the
 *    two modes of server/src/modules/feedback/insight/pair-similarity.ts — words only (tf-idf
 *    over stemmed content words, what a full-text match sees) and fused (0.6 × embedding cosine
 *    + 0.4 × words) — over a range of thresholds, using the shipped code (similarPairs).
 * 2. While typing: an idea's title as the query; is its duplicate among the first five of the
 *    other ideas, and how many unrelated ideas pass the cosine floor (QUERY_COSINE_FLOOR)?
 * Prints Markdown; bench/FEEDBACK-SIMILAR.md records a run.
 */
import fs from "node:fs";
import os from "node:os";
import {
  type PairMode,
  similarPairs,
  THRESHOLD,
} from "../server/src/modules/feedback/insight/pair-similarity.ts";
import { QUERY_COSINE_FLOOR } from "../server/src/modules/feedback/insight/similar.service.ts";
import { embeddingText } from "../server/src/modules/help/search/vectors.ts";
import { cosine } from "../server/src/platform/text/embedder.ts";
import { terms } from "../server/src/platform/text/lexical.ts";
import { reciprocalRankFusion } from "../server/src/platform/text/rrf.ts";
import { UseEmbedder } from "../server/src/platform/text/use-embedder.ts";

type Idea = { id: string; group: string | null; title: string; description: string };
const ideas: Idea[] = JSON.parse(
  fs.readFileSync(new URL("./eval/feedback-similar.json", import.meta.url), "utf8"),
).items;
const fmt = (x: number) => x.toFixed(2);

const embedder = new UseEmbedder();
const t0 = performance.now();
const vectors = await embedder.embed(ideas.map((i) => embeddingText(i.title, i.description)));
const titleVectors = await embedder.embed(ideas.map((i) => i.title));
const embedMs = performance.now() - t0;
await embedder.close();

const truth = new Set<string>();
for (let i = 0; i < ideas.length; i++)
  for (let j = i + 1; j < ideas.length; j++) {
    const a = ideas[i] as Idea;
    const b = ideas[j] as Idea;
    if (a.group !== null && a.group === b.group) truth.add(`${a.id}|${b.id}`);
  }

console.log(`# Merge suggestions on ${ideas.length} ideas (${truth.size} duplicate pairs)\n`);
console.log(
  `${os.cpus().length} × ${os.cpus()[0]?.model}, load ${os.loadavg()[0]?.toFixed(1)}; embedding ${ideas.length * 2} texts: ${embedMs.toFixed(0)} ms\n`,
);
const items = ideas.map((i, k) => ({
  id: i.id,
  text: `${i.title}. ${i.description}`,
  vector: vectors[k] ?? null,
}));
for (const mode of ["text", "fused"] as PairMode[]) {
  console.log(`## ${mode === "text" ? "Words only (text)" : "Fused (0.6 embedding + 0.4 words)"}\n`);
  console.log("| threshold | suggested | precision | recall | F1 |\n|---|---|---|---|---|");
  for (let t = 0.15; t <= 0.751; t += 0.05) {
    const pairs = similarPairs(items, mode, t);
    const tp = pairs.filter((p) => truth.has(`${p.a}|${p.b}`) || truth.has(`${p.b}|${p.a}`)).length;
    const precision = tp / (pairs.length || 1);
    const recall = tp / truth.size;
    const f1 = (2 * precision * recall) / (precision + recall || 1);
    const shipped = mode === "fused" && Math.abs(t - THRESHOLD[mode]) < 1e-9 ? " **(shipped)**" : "";
    console.log(
      `| ${fmt(t)}${shipped} | ${pairs.length} | ${fmt(precision)} | ${fmt(recall)} | ${fmt(f1)} |`,
    );
  }
  console.log("");
}

// While typing: the title alone against the other ideas' title + description.
const docTerms = ideas.map((i) => new Set(terms(`${i.title} ${i.description}`)));
let textHit = 0;
let fusedHit = 0;
let grouped = 0;
let unrelatedAboveFloor = 0;
let partnerAboveFloor = 0;
for (let q = 0; q < ideas.length; q++) {
  const idea = ideas[q] as Idea;
  if (idea.group === null) continue;
  grouped++;
  const qTerms = [...new Set(terms(idea.title))];
  const others = ideas.map((_, k) => k).filter((k) => k !== q);
  const byWords = others
    .map((k) => ({ k, n: qTerms.filter((t) => docTerms[k]?.has(t)).length }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n)
    .map((x) => ideas[x.k]?.id as string);
  const cos = others.map((k) => ({
    k,
    c: cosine(titleVectors[q] as Float32Array, vectors[k] as Float32Array),
  }));
  for (const { k, c } of cos) {
    if (c < QUERY_COSINE_FLOOR) continue;
    if (ideas[k]?.group === idea.group) partnerAboveFloor++;
    else unrelatedAboveFloor++;
  }
  const byVector = cos.sort((a, b) => b.c - a.c).map((x) => ideas[x.k]?.id as string);
  const floorOk = new Set(cos.filter((x) => x.c >= QUERY_COSINE_FLOOR).map((x) => ideas[x.k]?.id));
  const fused = reciprocalRankFusion([byWords, byVector])
    .map((h) => h.id)
    .filter((id) => byWords.includes(id) || floorOk.has(id));
  const partner = (id: string) => ideas.find((i) => i.id === id)?.group === idea.group;
  if (byWords.slice(0, 5).some(partner)) textHit++;
  if (fused.slice(0, 5).some(partner)) fusedHit++;
}
console.log(`## While typing (title as the query, ${grouped} ideas with a duplicate)\n`);
console.log("| ranking | duplicate in the first 5 |\n|---|---|");
console.log(`| words only | ${textHit}/${grouped} (${fmt(textHit / grouped)}) |`);
console.log(
  `| fused (words + cosine ≥ ${QUERY_COSINE_FLOOR}) | ${fusedHit}/${grouped} (${fmt(fusedHit / grouped)}) |`,
);
console.log(
  `\nAbove the cosine floor ${QUERY_COSINE_FLOOR}: ${partnerAboveFloor} duplicates, ${unrelatedAboveFloor} other ideas (over all ${grouped} queries).`,
);

// The merge-suggestion bound: all pairs of MAX_PAIR_ITEMS ideas (the set repeated with its
// vectors, so texts and vectors are realistic), timed without the database.
const { MAX_PAIR_ITEMS } = await import(
  "../server/src/modules/feedback/insight/merge-suggestions.service.ts"
);
const many = Array.from({ length: MAX_PAIR_ITEMS }, (_, k) => {
  const base = items[k % items.length] as (typeof items)[number];
  return { ...base, id: `x${k}`, text: `${base.text} ${k}` };
});
const t1 = performance.now();
const found = similarPairs(many, "fused");
console.log(
  `\n## Cost at the bound\n\nAll pairs of ${MAX_PAIR_ITEMS} ideas (${((MAX_PAIR_ITEMS * (MAX_PAIR_ITEMS - 1)) / 2).toLocaleString("en")} pairs): ${(performance.now() - t1).toFixed(0)} ms, ${found.length} pairs above the threshold.`,
);
