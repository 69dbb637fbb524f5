/**
 * How well does detection group cases that report the same problem, and how fast?
 *   node bench/grouping.ts            (uses node_modules/.bin/node, Node 24, via npx if needed)
 *
 * 1. Pairwise precision/recall on bench/eval/grouping-set.json for each method:
 *    lexical baselines (pg_trgm-style trigrams; full-text-style stemmed words, tf-idf),
 *    sentence embeddings (USE-lite), a fusion of embeddings and words, and the combined final
 *    method (error signatures first, then embeddings), over a range of thresholds. Every method
 *    is clustered by the same code; groups merge at the threshold + 0.05 (0.3 when shipped).
 * 2. The time to group 10,000 new cases made by sampling and perturbing the set: signatures,
 *    embedding (2 worker threads) and clustering, measured separately and in total.
 * Writes the numbers to stdout as Markdown; bench/GROUPING.md records a run.
 */
import fs from "node:fs";
import os from "node:os";
import {
  clusterVectors,
  signatureSeeds,
  TEXT_THRESHOLD,
  textVectors,
} from "../server/src/modules/problems/detection/grouping.ts";
import { extractSignatures } from "../server/src/modules/problems/detection/signatures.ts";
import { problemText } from "../server/src/platform/text/clean.ts";
import { normalise } from "../server/src/platform/text/embedder.ts";
import { tfidfVectors, trigramVector } from "../server/src/platform/text/lexical.ts";
import { backgroundMean } from "../server/src/platform/text/use-background.ts";
import { UseEmbedder } from "../server/src/platform/text/use-embedder.ts";

type Item = { text: string; group: string | null };
const set: Item[] = JSON.parse(
  fs.readFileSync(new URL("./eval/grouping-set.json", import.meta.url), "utf8"),
).items;

// --- pairwise precision / recall ------------------------------------------------------------
function pairwise(truth: Array<string | null>, predicted: number[]) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < truth.length; i++) {
    for (let j = i + 1; j < truth.length; j++) {
      const same = truth[i] !== null && truth[i] === truth[j];
      const together = predicted[i] === predicted[j];
      if (same && together) tp++;
      else if (together) fp++;
      else if (same) fn++;
    }
  }
  return { precision: tp / (tp + fp || 1), recall: tp / (tp + fn || 1) };
}

const fmt = (x: number) => x.toFixed(3);

// --- perturbation for the 10k run -----------------------------------------------------------
let seed = 42;
const rand = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
};
const GREETINGS = ["Hi,", "Hello team,", "Good morning.", "Hey there!", "Dear support,", ""];
const SIGNOFFS = ["Thanks", "Regards, Alex", "Best, M.", "Sent from my phone", "Cheers", ""];
function perturb(t: string): string {
  const ws = t.split(" ").map((w) => {
    const r = rand();
    if (r < 0.04 && w.length > 3) {
      const k = 1 + Math.floor(rand() * (w.length - 2));
      return w.slice(0, k) + w.slice(k + 1); // a dropped letter
    }
    if (r < 0.06 && w.length > 3) return w + w.slice(-1); // a doubled letter
    return w;
  });
  const g = GREETINGS[Math.floor(rand() * GREETINGS.length)];
  const s = SIGNOFFS[Math.floor(rand() * SIGNOFFS.length)];
  return [g, ws.join(" "), s].filter(Boolean).join(" ");
}

// --- run ------------------------------------------------------------------------------------
const embedder = new UseEmbedder({ threads: 2 });
// What detection compares: the message without greetings and sign-offs (clean.ts); signatures
// are read from the whole text.
const raw = set.map((i) => i.text);
const texts = raw.map(problemText);
const truth = set.map((i) => i.group);
const sigs = raw.map((t) => extractSignatures({ texts: [t] }));
const seeds = signatureSeeds(sigs);

const t0 = performance.now();
const emb = await embedder.embed(texts);
const evalEmbedMs = performance.now() - t0;
const tri = texts.map(trigramVector);
const fts = tfidfVectors(texts);
const mean = backgroundMean();
const centred = emb.map((v) => normalise(v.map((x, j) => x - (mean[j] as number))));
const fused = textVectors(emb, texts, embedder.modelId);

const out: string[] = [];
out.push(
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}, load average at start ${os.loadavg()[0]?.toFixed(1)} (shared with other work)`,
);
out.push(
  `Evaluation set: ${set.length} messages, ${new Set(truth.filter(Boolean)).size} groups, ${truth.filter((g) => g === null).length} singletons; embedded in ${Math.round(evalEmbedMs)} ms`,
);
out.push("", "| method | threshold | precision | recall |", "| --- | --- | --- | --- |");
const methods: Array<[string, Float32Array[], number[] | undefined, number[]]> = [
  ["trigram (pg_trgm-style)", tri, undefined, [0.25, 0.3, 0.35, 0.4]],
  ["full-text words (stems, tf-idf)", fts, undefined, [0.1, 0.15, 0.2, 0.3]],
  ["embeddings (USE-lite, raw)", emb, undefined, [0.55, 0.6, 0.65, 0.7]],
  ["embeddings, centred on the background mean", centred, undefined, [0.3, 0.35, 0.4, 0.45]],
  ["fused: 0.6·centred embeddings + 0.4·words", fused, undefined, [0.2, 0.23, 0.25, 0.27, 0.3]],
  ["signatures alone", emb, seeds, [2]],
  ["final: signatures + fused", fused, seeds, [0.2, 0.23, 0.25, 0.27, 0.3]],
];
for (const [name, vectors, s, thresholds] of methods) {
  for (const threshold of thresholds) {
    const predicted =
      threshold > 1
        ? seeds.map((x, i) => (x >= 0 ? x : 100_000 + i))
        : clusterVectors(vectors, { threshold, seeds: s, merge: threshold + 0.05 });
    const { precision, recall } = pairwise(truth, predicted);
    const mark = name.startsWith("final") && threshold === TEXT_THRESHOLD ? " (shipped)" : "";
    out.push(`| ${name}${mark} | ${threshold > 1 ? "—" : threshold} | ${fmt(precision)} | ${fmt(recall)} |`);
  }
}

// Which groups does the shipped method split or merge? (honest misses)
const final = clusterVectors(fused, { seeds });
const perGroup = new Map<string, Set<number>>();
truth.forEach((g, i) => {
  if (!g) return;
  const s = perGroup.get(g) ?? new Set();
  s.add(final[i] as number);
  perGroup.set(g, s);
});
out.push("", "Groups split by the shipped method (group: number of clusters its messages fell into):");
out.push(
  [...perGroup]
    .filter(([, s]) => s.size > 1)
    .map(([g, s]) => `${g}: ${s.size}`)
    .join(", ") || "none",
);

// 10,000 new cases.
const N = 10_000;
const big = Array.from({ length: N }, () => set[Math.floor(rand() * set.length)] as Item);
const bigTexts = big.map((i) => perturb(i.text));
const b0 = performance.now();
const bigSigs = bigTexts.map((t) => extractSignatures({ texts: [t] }));
const b1 = performance.now();
const bigClean = bigTexts.map(problemText);
const bigEmb = await embedder.embed(bigClean);
const b2 = performance.now();
const bigGroups = clusterVectors(textVectors(bigEmb, bigClean, embedder.modelId), {
  seeds: signatureSeeds(bigSigs),
});
const b3 = performance.now();
const q = pairwise(
  big.map((i) => i.group),
  bigGroups,
);
out.push(
  "",
  `10,000 new cases (sampled from the set, with typos, greetings and sign-offs added), shipped method:`,
  `- signatures: ${Math.round(b1 - b0)} ms`,
  `- cleaning and embedding (2 worker threads, batches of 32, texts cut to 60 words): ${((b2 - b1) / 1000).toFixed(1)} s (${Math.round(N / ((b2 - b1) / 1000))} texts/s)`,
  `- words, fusion and clustering: ${((b3 - b2) / 1000).toFixed(1)} s into ${new Set(bigGroups).size} groups`,
  `- total: ${((b3 - b0) / 1000).toFixed(1)} s; pairwise precision ${fmt(q.precision)}, recall ${fmt(q.recall)}`,
);
await embedder.close();
console.log(out.join("\n"));
