import { normalise } from "./embedder.ts";

/**
 * Word and trigram vectors, hashed into a fixed number of dimensions so that they cluster
 * with the same code as sentence vectors. Sentence embeddings know that "loses its wireless
 * connection" means "drops off the wifi", but also find "won't pair over Bluetooth" close to
 * it (both are "a speaker that won't connect"); the words tell those two apart. Fusing both
 * (see fuseVectors) keeps the paraphrases and separates the neighbours.
 */
export const LEXICAL_DIM = 4096;

// Stop words and support pleasantries: they say nothing about the problem.
const STOP = new Set(
  (
    "a an the and or but if to of in on at for with from by is are was were be been it its this that " +
    "my me i you your we our us they them he she his her do does did not no so as can cant could would " +
    "will just have has had get got am im there here what why how when where which who since after before " +
    "up out about all any every again very really too please hi hello hey dear thanks thank regards cheers " +
    "best kind team support sorry morning evening afternoon good help"
  ).split(" "),
);

const hash = (s: string) => {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0) % LEXICAL_DIM;
};

export const words = (text: string): string[] => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

/** A crude English stem: enough for "drops"/"dropping"/"dropped" to meet. */
export const stem = (w: string): string => (w.length > 4 ? w.replace(/(ing|ed|es|s|ly)$/, "") : w);

/** The content words of a text, stemmed. */
export const terms = (text: string): string[] =>
  words(text)
    .filter((w) => !STOP.has(w))
    .map(stem);

/**
 * tf-idf word vectors for a set of texts; document frequencies come from the set itself
 * (a window of cases), so words every case uses ("speaker", "app") weigh little.
 */
export function tfidfVectors(texts: string[]): Float32Array[] {
  const docs = texts.map(terms);
  const df = new Map<string, number>();
  for (const d of docs) for (const w of new Set(d)) df.set(w, (df.get(w) ?? 0) + 1);
  const n = Math.max(texts.length, 2);
  return docs.map((d) => {
    const v = new Float32Array(LEXICAL_DIM);
    for (const w of d) {
      const h = hash(w);
      v[h] = (v[h] as number) + Math.log(n / (df.get(w) ?? 1)) + 0.1;
    }
    return normalise(v);
  });
}

/** pg_trgm's trigrams (each word padded with two spaces before and one after), as a set. */
export function trigramVector(text: string): Float32Array {
  const v = new Float32Array(LEXICAL_DIM);
  for (const w of words(text)) {
    const p = `  ${w} `;
    for (let i = 0; i + 3 <= p.length; i++) v[hash(p.slice(i, i + 3))] = 1;
  }
  return normalise(v);
}

/** One unit vector whose dot products are w·cos(a) + (1−w)·cos(b), for unit a and b. */
export function fuseVectors(a: Float32Array, b: Float32Array, w: number): Float32Array {
  const v = new Float32Array(a.length + b.length);
  const sa = Math.sqrt(w);
  const sb = Math.sqrt(1 - w);
  for (let i = 0; i < a.length; i++) v[i] = (a[i] as number) * sa;
  for (let i = 0; i < b.length; i++) v[a.length + i] = (b[i] as number) * sb;
  return v;
}
