import { cosine } from "../../platform/text/embedder.ts";
import { sharedEmbedder } from "../../platform/text/use-embedder.ts";

/**
 * "Sorry to bother you again", "I feel like I'm bugging you", "still not working": a customer
 * who apologises for asking, or has given up expecting it to work, is close to leaving even
 * when polite. Phrase rules catch the common wordings exactly; the platform's sentence
 * embeddings (the same model the problems and help search use) catch paraphrases by cosine
 * against a few exemplars. The evaluation set and its precision/recall are in
 * language.test.ts and bench/AT-RISK.md.
 */
const RULES: RegExp[] = [
  /\b(sorry|apolog(y|ies|i[sz]e))\b[^.!?]{0,40}\b(bother|bug|pester|trouble|nag)(ging|ing)?\b/i,
  /\b(bugging|pestering|nagging|bothering) you\b/i,
  /\b(still|again)\b[^.!?]{0,30}\b(not|doesn'?t|does not|isn'?t|won'?t|can'?t)\b[^.!?]{0,20}\b(work|working|fixed|solved|resolved)\b/i,
  /\b(still|yet again|once again)\b[^.!?]{0,15}\b(broken|the same (problem|issue))\b/i,
  /\b(third|fourth|fifth|several|many|multiple) times?\b[^.!?]{0,40}\b(contact|writ|ask|call|report)/i,
  /\bsorry to (ask|write|contact|message) (you )?again\b/i,
  /\b(give up|giving up|losing patience|at my wits'? end|fed up)\b/i,
  /\b(hate to|sorry to|have to) keep (asking|writing|contacting|emailing|calling|chasing)\b/i,
  /^(it'?s )?me again\b/i,
];

export const EXEMPLARS = [
  "Sorry to bother you again.",
  "I feel like I'm bugging you.",
  "It is still not working.",
  "I hate to keep asking about this.",
  "This is the third time I have contacted you about this.",
  "I'm about to give up on this.",
];
/** Cosine at or above which a sentence says what an exemplar says (chosen on the evaluation set). */
export const EXEMPLAR_COSINE = 0.68;

let exemplarVectors: Promise<Float32Array[]> | undefined;

const sentences = (text: string): string[] =>
  text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length >= 8 && s.length <= 400 && !s.startsWith(">"))
    .slice(0, 20);

export type LanguageHit = { text: string; how: "phrase" | "similar" };

/** The sentences of each text that sound apologetic or resigned, first hit per text (null: none). */
export async function resignedSentences(texts: string[]): Promise<Array<LanguageHit | null>> {
  const out: Array<LanguageHit | null> = texts.map(() => null);
  const rest: Array<{ i: number; s: string }> = [];
  for (const [i, t] of texts.entries()) {
    const all = sentences(t);
    const ruled = all.find((s) => RULES.some((r) => r.test(s)));
    if (ruled) out[i] = { text: ruled, how: "phrase" };
    else for (const s of all) rest.push({ i, s });
  }
  if (rest.length === 0) return out;
  const embedder = sharedEmbedder();
  exemplarVectors ??= embedder.embed(EXEMPLARS);
  const [ex, vs] = await Promise.all([exemplarVectors, embedder.embed(rest.map((r) => r.s))]);
  for (const [j, r] of rest.entries()) {
    if (out[r.i]) continue;
    const v = vs[j] as Float32Array;
    if (ex.some((e) => cosine(e, v) >= EXEMPLAR_COSINE)) out[r.i] = { text: r.s, how: "similar" };
  }
  return out;
}
