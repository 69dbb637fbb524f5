import { normalise } from "../../../platform/text/embedder.ts";
import { fuseVectors, tfidfVectors } from "../../../platform/text/lexical.ts";
import { backgroundMean, USE_BACKGROUND } from "../../../platform/text/use-background.ts";

/**
 * Grouping cases that report the same problem. Pure: vectors and signatures in, groups out.
 *
 * Two ways two cases belong together:
 * - they share an error signature (`code:1013`): certain enough to group on its own;
 * - their texts say the same thing: average-linkage "leader" clustering on text vectors
 *   (sentence embedding, centred on the background mean, fused 60/40 with tf-idf words).
 *   Each case joins the group whose mean similarity to it (for unit vectors: the dot product
 *   with the group's summed vector, divided by its size) is highest and above a threshold,
 *   else starts a group; then every case is placed again against the final groups, so the
 *   result depends less on arrival order; last, groups whose mean similarity is above 0.3
 *   merge. Threshold-and-connected-components would chain ("wifi drops" ~ "wifi slow" ~
 *   "internet slow" ~ "billing slow") into one blob; a mean over the whole group does not.
 * The thresholds were chosen on bench/eval/grouping-set.json (see bench/GROUPING.md): 0.25 is
 * where precision stays near 0.9 with recall near 0.75, not the recall-maximising 0.2 (0.71
 * precision), since a false group costs an agent more than a missed one.
 */
export const TEXT_THRESHOLD = 0.25;
/** Groups (of two or more) whose mean similarity is above this are merged at the end. */
export const MERGE_THRESHOLD = 0.3;
/** Share of the embedding in the fused similarity; the rest is words (see textVectors). */
export const EMBEDDING_WEIGHT = 0.6;

export type Vector = Float32Array;

/**
 * The vectors grouping compares: the sentence embedding minus the background mean of
 * support messages (use-background.ts), fused with tf-idf words of the same texts. Cosine
 * of two results = 0.6·cos(centred embeddings) + 0.4·cos(words).
 */
export function textVectors(embeddings: Vector[], texts: string[], modelId: string): Vector[] {
  const mean = modelId === USE_BACKGROUND.modelId ? backgroundMean() : undefined;
  const words = tfidfVectors(texts);
  return embeddings.map((e, i) => {
    const centred = mean ? normalise(e.map((x, j) => x - (mean[j] as number))) : e;
    return fuseVectors(centred, words[i] as Vector, EMBEDDING_WEIGHT);
  });
}

/** Leader clustering over unit vectors; returns a group number for every vector. */
export function clusterVectors(
  vectors: Vector[],
  opts: { threshold?: number; seeds?: number[]; passes?: number; merge?: number | false } = {},
): number[] {
  const threshold = opts.threshold ?? TEXT_THRESHOLD;
  const dim = vectors[0]?.length ?? 0;
  const sums: Float32Array[] = [];
  const sizes: number[] = [];
  const assign = new Array<number>(vectors.length).fill(-1);
  // Fused vectors are mostly zeros (the word part: a dozen of 4096 hashed slots), so sums and
  // dot products walk only each vector's non-zero positions: ~9× faster at 10,000 cases.
  const nz = vectors.map(nonZero);
  const dot = (sum: Float32Array, i: number) => {
    const v = vectors[i] as Vector;
    const idx = nz[i] as Int32Array;
    let s = 0;
    for (let k = 0; k < idx.length; k++) {
      const j = idx[k] as number;
      s += (sum[j] as number) * (v[j] as number);
    }
    return s;
  };
  const add = (sum: Float32Array, i: number, sign: number) => {
    const v = vectors[i] as Vector;
    const idx = nz[i] as Int32Array;
    for (let k = 0; k < idx.length; k++) {
      const j = idx[k] as number;
      sum[j] = (sum[j] as number) + sign * (v[j] as number);
    }
  };
  const seeds = opts.seeds;
  // Cases tied by a signature start together and stay together.
  if (seeds) {
    const bySeed = new Map<number, number>();
    seeds.forEach((s, i) => {
      if (s < 0) return;
      let c = bySeed.get(s);
      if (c === undefined) {
        c = sums.length;
        bySeed.set(s, c);
        sums.push(new Float32Array(dim));
        sizes.push(0);
      }
      add(sums[c] as Float32Array, i, 1);
      sizes[c] = (sizes[c] as number) + 1;
      assign[i] = c;
    });
  }
  const fixed = assign.map((a) => a >= 0);
  const place = (i: number) => {
    let best = -1;
    let bestScore = threshold;
    for (let c = 0; c < sums.length; c++) {
      const n = sizes[c] as number;
      if (n === 0) continue;
      const score = dot(sums[c] as Float32Array, i) / n;
      if (score >= bestScore) {
        bestScore = score;
        best = c;
      }
    }
    if (best < 0) {
      best = sums.length;
      sums.push(new Float32Array(dim));
      sizes.push(0);
    }
    add(sums[best] as Float32Array, i, 1);
    sizes[best] = (sizes[best] as number) + 1;
    assign[i] = best;
  };
  for (let i = 0; i < vectors.length; i++) if (!fixed[i]) place(i);
  // Re-placing: each case leaves its group and is placed against the groups as they now are.
  for (let pass = 1; pass < (opts.passes ?? 4); pass++) {
    for (let i = 0; i < vectors.length; i++) {
      if (fixed[i]) continue;
      const c = assign[i] as number;
      add(sums[c] as Float32Array, i, -1);
      sizes[c] = (sizes[c] as number) - 1;
      place(i);
    }
  }
  if (opts.merge !== false) mergeGroups(sums, sizes, assign, opts.merge ?? MERGE_THRESHOLD);
  return renumber(assign);
}

/**
 * Average-linkage merging of the groups the passes left: two groups whose mean pairwise
 * similarity (dot of their sums over the product of their sizes) is above the threshold
 * become one, best pair first. Leader clustering lets the first of several phrasings start a
 * group of its own; this joins such groups by the same average-linkage rule, a little
 * stricter. Groups of one already had their chance to join, so only groups of two or more
 * take part (bounding the pairs at large windows of mostly unrelated cases).
 */
function mergeGroups(sums: Float32Array[], sizes: number[], assign: number[], threshold: number): void {
  // The largest groups only (at most 400): the pair table is built once, then each merge
  // updates one row, since dot(a ∪ b, c) = dot(a, c) + dot(b, c).
  const live = sizes
    .map((n, c) => [n, c] as const)
    .filter(([n]) => n >= 2)
    .sort((x, y) => y[0] - x[0])
    .slice(0, 400)
    .map(([, c]) => c);
  const k = live.length;
  const size = live.map((c) => sizes[c] as number);
  const dots = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    const x = sums[live[i] as number] as Float32Array;
    for (let j = i + 1; j < k; j++) {
      const y = sums[live[j] as number] as Float32Array;
      let d = 0;
      for (let t = 0; t < x.length; t++) d += (x[t] as number) * (y[t] as number);
      dots[i * k + j] = d;
      dots[j * k + i] = d;
    }
  }
  const alive = new Array<boolean>(k).fill(true);
  const into = new Map<number, number>();
  for (;;) {
    let bi = -1;
    let bj = -1;
    let best = threshold;
    for (let i = 0; i < k; i++) {
      if (!alive[i]) continue;
      for (let j = i + 1; j < k; j++) {
        if (!alive[j]) continue;
        const score = (dots[i * k + j] as number) / ((size[i] as number) * (size[j] as number));
        if (score >= best) {
          best = score;
          bi = i;
          bj = j;
        }
      }
    }
    if (bi < 0) break;
    for (let t = 0; t < k; t++) {
      const d = (dots[bi * k + t] as number) + (dots[bj * k + t] as number);
      dots[bi * k + t] = d;
      dots[t * k + bi] = d;
    }
    size[bi] = (size[bi] as number) + (size[bj] as number);
    alive[bj] = false;
    into.set(live[bj] as number, live[bi] as number);
  }
  if (into.size === 0) return;
  const root = (c: number): number => {
    let r = c;
    while (into.has(r)) r = into.get(r) as number;
    return r;
  };
  for (let i = 0; i < assign.length; i++) assign[i] = root(assign[i] as number);
}

/**
 * Seeds from signatures: cases sharing any signature get the same seed (union-find), cases
 * without one get -1. Used by the combined method.
 */
export function signatureSeeds(signatures: string[][]): number[] {
  const parent = signatures.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  const owner = new Map<string, number>();
  signatures.forEach((sigs, i) => {
    for (const s of sigs) {
      const o = owner.get(s);
      if (o === undefined) owner.set(s, i);
      else parent[find(i)] = find(o);
    }
  });
  return signatures.map((sigs, i) => (sigs.length > 0 ? find(i) : -1));
}

/** Groups of cases per signature (a case with two codes is in two groups). */
export function groupBySignature<T extends { signatures: string[] }>(items: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    for (const s of new Set(item.signatures)) {
      const g = groups.get(s);
      if (g) g.push(item);
      else groups.set(s, [item]);
    }
  }
  return groups;
}

/** The member closest to the group's centre: its subject labels the group. */
export function representative(vectors: Vector[]): number {
  if (vectors.length === 0) return -1;
  const sum = new Float32Array(vectors[0]?.length ?? 0);
  for (const v of vectors)
    for (let j = 0; j < sum.length; j++) sum[j] = (sum[j] as number) + (v[j] as number);
  let best = 0;
  let bestScore = Number.NEGATIVE_INFINITY;
  vectors.forEach((v, i) => {
    let s = 0;
    for (let j = 0; j < sum.length; j++) s += (sum[j] as number) * (v[j] as number);
    if (s > bestScore) {
      bestScore = s;
      best = i;
    }
  });
  return best;
}

function nonZero(v: Vector): Int32Array {
  const idx: number[] = [];
  for (let j = 0; j < v.length; j++) if (v[j] !== 0) idx.push(j);
  return Int32Array.from(idx);
}

/** Group numbers 0, 1, 2… in order of first appearance. */
function renumber(assign: number[]): number[] {
  const map = new Map<number, number>();
  return assign.map((a) => {
    let n = map.get(a);
    if (n === undefined) {
      n = map.size;
      map.set(a, n);
    }
    return n;
  });
}
