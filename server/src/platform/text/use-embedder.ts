import { Worker } from "node:worker_threads";
import { type Embedder, normalise, truncateWords } from "./embedder.ts";

const DIMENSIONS = 512;
// ~32 texts per model call: larger batches gain little throughput and hold the worker longer.
const BATCH = 32;

/**
 * Universal Sentence Encoder lite in worker threads. Texts are cut to their first 60 words,
 * sent in batches of 32 to the least busy thread, and the vectors come back normalised.
 * Threads start lazily on the first call, so processes that never embed pay nothing.
 */
export class UseEmbedder implements Embedder {
  readonly modelId = "use-lite-512";
  readonly dimensions = DIMENSIONS;
  private readonly threads: number;
  private workers: Array<{ worker: Worker; busy: number }> = [];
  private pending = new Map<number, { resolve: (v: Float32Array) => void; reject: (e: Error) => void }>();
  private nextId = 0;

  constructor(opts: { threads?: number } = {}) {
    this.threads = Math.max(1, opts.threads ?? 1);
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const batches: Promise<Float32Array>[] = [];
    for (let i = 0; i < texts.length; i += BATCH) {
      batches.push(this.run(texts.slice(i, i + BATCH).map((t) => truncateWords(t) || " ")));
    }
    const out: Float32Array[] = [];
    for (const flat of await Promise.all(batches)) {
      for (let j = 0; j < flat.length; j += DIMENSIONS) out.push(normalise(flat.slice(j, j + DIMENSIONS)));
    }
    return out;
  }

  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    for (const p of this.pending.values()) p.reject(new Error("embedder closed"));
    this.pending.clear();
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }

  private run(texts: string[]): Promise<Float32Array> {
    const slot = this.slot();
    const id = this.nextId++;
    slot.busy++;
    // Referenced only while it has work: an idle helper must never keep a process alive.
    slot.worker.ref();
    return new Promise<Float32Array>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, texts });
    }).finally(() => {
      slot.busy--;
      if (slot.busy === 0) slot.worker.unref();
    });
  }

  private slot() {
    if (this.workers.length < this.threads) {
      const worker = new Worker(new URL("./use-worker.ts", import.meta.url));
      worker.on("message", (msg: { id: number; flat?: Float32Array; error?: string }) => {
        const p = this.pending.get(msg.id);
        if (!p) return;
        this.pending.delete(msg.id);
        if (msg.flat) p.resolve(msg.flat);
        else p.reject(new Error(`embedding failed: ${msg.error}`));
      });
      worker.on("error", (err: Error) => {
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
        this.workers = this.workers.filter((w) => w.worker !== worker);
      });
      const slot = { worker, busy: 0 };
      this.workers.push(slot);
      return slot;
    }
    return this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
  }
}

let shared: UseEmbedder | undefined;

/** The process's one embedder (one thread: the HTTP process shares two cores with PostgreSQL). */
export function sharedEmbedder(): Embedder {
  shared ??= new UseEmbedder();
  return shared;
}

/** Stops the shared embedder's thread on shutdown (a no-op when it never started). */
export async function closeSharedEmbedder(): Promise<void> {
  const e = shared;
  shared = undefined;
  await e?.close();
}
