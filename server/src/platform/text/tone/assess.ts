import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from "obscenity";
import { abuseRules } from "./abuse-rules.ts";
import { FRUSTRATED_AT, scoreFrustration } from "./frustration.ts";
import { INSULT_ADJ_WORD, INSULT_NOUN_WORD, MASKABLE, PROFANITY_WORD, SEXUAL_WORD, SLUR } from "./lexicon.ts";
import { type Prepared, prepare, tokensOf } from "./prepare.ts";
import type { ToneAssessment, ToneContext, ToneSignal } from "./types.ts";

/**
 * Telling frustration from abuse (issue #20). Rules, not a trained model: obscenity finds
 * profanity, sexual words and slurs however they are disguised; wink-nlp gives sentiment;
 * the addressee rules (abuse-rules.ts) decide whether anger is aimed at a PERSON (abusive) or
 * at the product, company or situation (frustrated). Synchronous, offline, no I/O.
 * Quality and speed are measured by tone.test.ts and bench/tone.ts (bench/TONE.md).
 */
export const TONE_MODEL = "tone-rules-1";

const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
const OBSCENITY_SLURS = new Set([
  "abeed",
  "abo",
  "africoon",
  "arabush",
  "boonga",
  "chingchong",
  "chink",
  "fag",
  "kike",
  "nigger",
  "retard",
  "spastic",
  "tranny",
]);
const OBSCENITY_SEXUAL = new Set([
  "blowjob",
  "boob",
  "cock",
  "cum",
  "deepthroat",
  "dildo",
  "ejaculate",
  "fellatio",
  "handjob",
  "jizz",
  "masturbate",
  "orgasm",
  "penis",
  "pussy",
  "semen",
  "tit",
  "vagina",
]);
const ADDRESSED = /^(?:you|your|yours|yourself|ur|ya|you are|you will|you would|you have)$/;

export function assessTone(text: string, ctx: ToneContext = {}): ToneAssessment {
  const p = prepare(text);
  const signals: ToneSignal[] = [];
  const masked = new Set<number>();
  const gestures: Array<[number, number]> = [];
  const names = (ctx.agentNames ?? []).filter((n) => n.trim().length > 0);

  findSlursAndSexual(p, signals, masked, names);
  for (const rule of abuseRules(names)) {
    for (const m of p.plain.matchAll(rule.re)) {
      const lead = m[0].match(/^[.,]? */)?.[0].length ?? 0;
      const [first, matchedLast] = tokensOf(p, m.index + lead, m.index + m[0].length);
      // A rule may stop at "a lazy" when "moron" follows: the insult runs on to its last word.
      let last = matchedLast;
      while (MASKABLE.test(p.tokens[last + 1]?.norm ?? "")) last++;
      signals.push({ kind: rule.kind, detail: rule.detail, text: written(p, first, last) });
      // "You are a useless idiot": the noun is the insult ("useless •••••"); an adjective is
      // masked only when it is the insult itself ("you are ••••••"). Swearing is always masked.
      const words = [];
      for (let i = first; i <= last; i++) words.push(i);
      const hasNoun = words.some((i) => INSULT_NOUN_WORD.test(p.tokens[i]?.norm ?? ""));
      for (const i of words) {
        const norm = p.tokens[i]?.norm ?? "";
        if (!MASKABLE.test(norm)) continue;
        if (hasNoun && INSULT_ADJ_WORD.test(norm) && !PROFANITY_WORD.test(norm)) continue;
        masked.add(i);
      }
    }
  }
  // The middle finger is swearing at whoever reads it.
  for (const m of p.own.matchAll(/🖕(?:[\u{1F3FB}-\u{1F3FF}])?/gu)) {
    signals.push({ kind: "profanity_at_person", detail: "an obscene gesture", text: m[0] });
    gestures.push([m.index, m.index + m[0].length]);
  }
  const frustration = scoreFrustration(p.plain, p.own);
  if (signals.length > 0) {
    return {
      outcome: "abusive",
      signals: [...signals, ...frustration.signals],
      maskSpans: [...spans(p, masked), ...gestures].sort((x, y) => x[0] - y[0]),
    };
  }
  if (frustration.score >= FRUSTRATED_AT) {
    return { outcome: "frustrated", signals: frustration.signals, maskSpans: [] };
  }
  return { outcome: "neutral", signals: frustration.signals, maskSpans: [] };
}

/** Slurs count wherever they stand; sexual words count when the sentence speaks to someone. */
function findSlursAndSexual(p: Prepared, signals: ToneSignal[], masked: Set<number>, names: string[]) {
  const slurTokens = new Set<number>();
  const sexualTokens = new Set<number>();
  for (const match of matcher.getAllMatches(p.plain, true)) {
    const word = englishDataset.getPayloadWithPhraseMetadata(match).phraseMetadata?.originalWord ?? "";
    const [first] = tokensOf(p, match.startIndex, match.endIndex + 1);
    if (OBSCENITY_SLURS.has(word)) {
      // "a chink in the armour" is an idiom, not a slur.
      if (word === "chink" && p.tokens[first + 1]?.norm === "in") continue;
      slurTokens.add(first);
    } else if (OBSCENITY_SEXUAL.has(word) && p.tokens[first + 1]?.norm !== "up") {
      sexualTokens.add(first); // "cock-up" is a British blunder, not a sexual word
    }
  }
  p.tokens.forEach((t, i) => {
    if (SLUR.test(t.norm) && !(t.norm.startsWith("chink") && p.tokens[i + 1]?.norm === "in"))
      slurTokens.add(i);
  });
  for (const i of [...slurTokens].sort((a, b) => a - b)) {
    masked.add(i);
    signals.push({ kind: "slur", detail: "a slur", text: written(p, i, i) });
  }
  if (sexualTokens.size === 0) return;
  const lowerNames = new Set(names.flatMap((n) => n.toLowerCase().split(/\s+/)));
  for (const i of sexualTokens) {
    if (
      !SEXUAL_WORD.test(p.tokens[i]?.norm ?? "") &&
      !/^(?:cum|penis|vagina|dildo|blowjob|handjob|jizz)/.test(p.tokens[i]?.norm ?? "")
    )
      continue;
    let a = i;
    while (a > 0 && p.tokens[a - 1]?.norm !== ".") a--;
    let b = i;
    while (b < p.tokens.length - 1 && p.tokens[b + 1]?.norm !== ".") b++;
    const sentence = p.tokens.slice(a, b + 1);
    if (sentence.some((t) => ADDRESSED.test(t.norm) || lowerNames.has(t.norm) || t.norm === "my")) {
      masked.add(i);
      signals.push({ kind: "sexual", detail: "sexual words said to a person", text: written(p, i, i) });
    }
  }
}

function written(p: Prepared, first: number, last: number): string {
  return p.own.slice(p.tokens[first]?.start ?? 0, p.tokens[last]?.end ?? 0);
}

function spans(p: Prepared, masked: Set<number>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const i of [...masked].sort((a, b) => a - b)) {
    const t = p.tokens[i];
    if (!t) continue;
    const prev = out.at(-1);
    if (prev && t.start <= prev[1]) prev[1] = Math.max(prev[1], t.end);
    else out.push([t.start, t.end]);
  }
  return out;
}
