/**
 * Turns texts into vectors whose cosine similarity says how alike their meaning is.
 * One small interface so a better model can replace Universal Sentence Encoder later: stored
 * vectors carry `modelId`, and vectors of different models are never compared.
 */
export interface Embedder {
  modelId: string;
  dimensions: number;
  /** One unit-length vector per text, in order. */
  embed(texts: string[]): Promise<Float32Array[]>;
  close(): Promise<void>;
}

/** Cosine similarity of two unit-length vectors (their dot product). */
export function cosine(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/** Scales a vector to unit length in place, so cosine is a plain dot product. */
export function normalise(v: Float32Array): Float32Array {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += (v[i] as number) ** 2;
  n = Math.sqrt(n) || 1;
  for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) / n;
  return v;
}

/** Vectors are stored as little-endian float32 bytes (bytea): no parsing on the way back. */
export function vectorToBytes(v: Float32Array): Buffer {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

export function bytesToVector(b: Uint8Array): Float32Array {
  // Copy: a Buffer from pg may share an unaligned pool slab, and Float32Array needs alignment.
  const copy = new Uint8Array(b.byteLength);
  copy.set(b);
  return new Float32Array(copy.buffer);
}

/**
 * The start of a customer's first message carries the problem; long preambles, quoted
 * history and signatures after it mostly add noise (and cost: inference time grows with
 * length). So texts are cut to their first `maxWords` words, and to `maxChars` characters,
 * which also bounds a pasted log line or a 100 kB "word".
 */
export function truncateWords(text: string, maxWords = 60, maxChars = 600): string {
  const words = text
    .trim()
    .slice(0, maxChars * 2)
    .split(/\s+/);
  return words.slice(0, maxWords).join(" ").slice(0, maxChars);
}
