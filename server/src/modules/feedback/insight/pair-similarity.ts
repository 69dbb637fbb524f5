import { cosine } from "../../../platform/text/embedder.ts";
import { terms, words } from "../../../platform/text/lexical.ts";

/**
 * How alike two ideas are, for merge suggestions: the words they share (tf-idf over the ideas
 * compared, so "app" and "export" in every idea weigh little and a product name weighs a lot)
 * and the cosine of their sentence embeddings, which also sees "dark theme" in "night mode".
 * `fused` mixes the two the way problem grouping does (platform/text/lexical.ts fuseVectors:
 * w·cos(embedding) + (1 − w)·cos(words)); `text` uses the words alone. Thresholds come from
 * the evaluation set in bench/eval/feedback-similar.json (bench/FEEDBACK-SIMILAR.md).
 */
export type PairMode = "text" | "fused";
export const EMBEDDING_WEIGHT = 0.6;
export const THRESHOLD: Record<PairMode, number> = { text: 0.3, fused: 0.5 };

export type PairItem = { id: string; text: string; vector: Float32Array | null };
export type Pair = { a: string; b: string; similarity: number; cosine: number | null; shared: string[] };

type Sparse = Map<string, number>;

function tfidf(docs: string[][]): Sparse[] {
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = Math.max(docs.length, 2);
  return docs.map((d) => {
    const v: Sparse = new Map();
    for (const t of d) v.set(t, (v.get(t) ?? 0) + Math.log(n / (df.get(t) ?? 1)) + 0.1);
    let norm = 0;
    for (const x of v.values()) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    for (const [t, x] of v) v.set(t, x / norm);
    return v;
  });
}

function dot(a: Sparse, b: Sparse): number {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [t, x] of small) s += x * (big.get(t) ?? 0);
  return s;
}

/** Content words two texts share, as written in the first (for the reason shown to staff). */
export function sharedWords(a: string, b: string, max = 5): string[] {
  const inB = new Set(terms(b));
  const out: string[] = [];
  for (const w of words(a)) {
    if (out.length >= max) break;
    const t = terms(w)[0];
    if (t && inB.has(t) && !out.includes(w)) out.push(w);
  }
  return out;
}

/**
 * Every pair of items at or above the mode's threshold, most alike first. Quadratic: callers
 * bound the set (merge suggestions compare at most MAX_PAIR_ITEMS ideas).
 */
export function similarPairs(items: PairItem[], mode: PairMode, threshold = THRESHOLD[mode]): Pair[] {
  const lex = tfidf(items.map((i) => terms(i.text)));
  const out: Pair[] = [];
  for (let i = 0; i < items.length; i++) {
    const a = items[i] as PairItem;
    for (let j = i + 1; j < items.length; j++) {
      const b = items[j] as PairItem;
      const words = dot(lex[i] as Sparse, lex[j] as Sparse);
      const cos = a.vector && b.vector ? cosine(a.vector, b.vector) : null;
      const similarity =
        mode === "text" || cos === null ? words : EMBEDDING_WEIGHT * cos + (1 - EMBEDDING_WEIGHT) * words;
      if (similarity >= threshold)
        out.push({ a: a.id, b: b.id, similarity, cosine: cos, shared: sharedWords(a.text, b.text) });
    }
  }
  return out.sort((x, y) => y.similarity - x.similarity);
}
