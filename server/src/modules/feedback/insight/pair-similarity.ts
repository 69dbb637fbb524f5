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
export type Pair = { a: string; b: string; similarity: number; cosine: number | null };

/** A tf-idf vector as term indexes in ascending order with their weights (unit length). */
type Sparse = { idx: Int32Array; w: Float32Array };

function tfidf(docs: string[][]): Sparse[] {
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const index = new Map([...df.keys()].map((t, k) => [t, k]));
  const n = Math.max(docs.length, 2);
  return docs.map((d) => {
    const v = new Map<number, number>();
    for (const t of d) {
      const k = index.get(t) as number;
      v.set(k, (v.get(k) ?? 0) + Math.log(n / (df.get(t) ?? 1)) + 0.1);
    }
    const idx = Int32Array.from([...v.keys()].sort((a, b) => a - b));
    const w = Float32Array.from(idx, (k) => v.get(k) as number);
    let norm = 0;
    for (const x of w) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < w.length; k++) w[k] = (w[k] as number) / norm;
    return { idx, w };
  });
}

/** Dot product of two sorted sparse vectors: a merge of their index lists. */
function dot(a: Sparse, b: Sparse): number {
  let s = 0;
  let i = 0;
  let j = 0;
  while (i < a.idx.length && j < b.idx.length) {
    const x = a.idx[i] as number;
    const y = b.idx[j] as number;
    if (x === y) s += (a.w[i++] as number) * (b.w[j++] as number);
    else if (x < y) i++;
    else j++;
  }
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
      if (similarity >= threshold) out.push({ a: a.id, b: b.id, similarity, cosine: cos });
    }
  }
  return out.sort((x, y) => y.similarity - x.similarity);
}
