import type { ToneAssessment, ToneContext } from "./types.ts";

/**
 * FIRST CUT, to be replaced by the evaluated classifier (obscenity + wink-nlp + addressee
 * rules): flags only a few plain insults aimed at "you". Kept tiny so the pipeline can be
 * built against the interface meanwhile.
 */
export const TONE_MODEL = "tone-rules-0";

const INSULT = /\byou(?:'re| are)?\s+(?:an?\s+)?(?:useless\s+|stupid\s+)?(idiot|moron|imbecile)\b/gi;
const ANGER = /\b(furious|unacceptable|ridiculous|fed up|angry|third time|terrible|worst)\b/i;

export function assessTone(text: string, _ctx: ToneContext = {}): ToneAssessment {
  const maskSpans: Array<[number, number]> = [];
  const signals: ToneAssessment["signals"] = [];
  for (const m of text.matchAll(INSULT)) {
    const word = m[1] as string;
    const start = (m.index ?? 0) + m[0].lastIndexOf(word);
    maskSpans.push([start, start + word.length]);
    signals.push({ kind: "insult", detail: "an insult aimed at 'you'", text: word });
  }
  if (signals.length > 0) return { outcome: "abusive", signals, maskSpans };
  const anger = ANGER.exec(text);
  if (anger)
    return {
      outcome: "frustrated",
      signals: [{ kind: "anger", detail: "angry words", text: anger[0] }],
      maskSpans,
    };
  return { outcome: "neutral", signals, maskSpans };
}
