import { DEOBFUSCATE_TARGETS, isLexiconWord, MISSPELLED } from "./spelling.ts";

/**
 * Turns a message into what the rules read: quoted history blanked out, and a token stream
 * where obfuscated spellings ("1d10t", "f.u.c.k", "sh*t", "stuuupid") and chat forms ("u r",
 * "ur", "you're") are written plainly. Every token keeps its [start, end) in the ORIGINAL
 * text, so a rule that fires on the plain form can point at (and mask) exactly what was
 * written.
 */

/** Work is capped: abuse in a 200 KB paste is in its first screens, and speed must not fall. */
export const MAX_CHARS = 20_000;

export type Token = {
  /** Plain lower-case form; may hold a space ("you're" → "you are"). "." marks a boundary. */
  norm: string;
  start: number;
  end: number;
};

export type Prepared = {
  /** The text the rules saw: the original, capped, quoted lines replaced by spaces. */
  own: string;
  tokens: Token[];
  /** Tokens' norms joined by single spaces; rules are regular expressions over this. */
  plain: string;
  /** Index into tokens for every character of `plain` (-1 on the separating spaces). */
  tokenAt: Int32Array;
};

const QUOTE_HEADER =
  /^(?:On\b[^\n]{0,300}(?:\n[^\n]{0,200})?\bwrote:[ \t]*$|-{2,}\s*Original Message\s*-{2,}|_{10,}\s*$|From:[^\n]*\n(?:Sent|Date):)/im;

/** Blanks what the customer quoted (">" lines, and everything after "On … wrote:"). */
export function stripQuoted(text: string): string {
  let out = text;
  const header = QUOTE_HEADER.exec(out);
  if (header) out = out.slice(0, header.index) + out.slice(header.index).replace(/[^\n]/g, " ");
  return out.replace(/^[ \t]*>[^\n]*/gm, (line) => " ".repeat(line.length));
}

const LEET: Record<string, string> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "8": "b",
  "9": "g",
  "@": "a",
  $: "s",
  "!": "i",
  "|": "i",
  "+": "t",
};

const CONTRACTIONS: Record<string, string> = {
  u: "you",
  ya: "you",
  yu: "you",
  yoo: "you",
  r: "are",
  yall: "you all",
  "y'all": "you all",
  youre: "you are",
  "you're": "you are",
  ure: "you are",
  "u're": "you are",
  "you've": "you have",
  "you'll": "you will",
  youll: "you will",
  "you'd": "you would",
  "i'm": "i am",
  im: "i am",
  "i'll": "i will",
  "i'd": "i would",
  "i've": "i have",
  ive: "i have",
  gonna: "going to",
  wanna: "want to",
  "he's": "he is",
  "she's": "she is",
  "that's": "that is",
  "it's": "it is",
  "they're": "they are",
  "we're": "we are",
  "won't": "will not",
  "can't": "can not",
  cant: "can not",
  "don't": "do not",
  dont: "do not",
  "doesn't": "does not",
  "didn't": "did not",
  "isn't": "is not",
  "aren't": "are not",
  "wasn't": "was not",
  "haven't": "have not",
  "hasn't": "has not",
};

// Cyrillic and Greek letters that look Latin, as used to slip past filters.
const CONFUSABLE: Record<string, string> = Object.fromEntries(
  [..."аеорсухіјѕԁԛԝАВЕКМНОРСТХІЈЅΑΒΕΗΙΚΜΝΟΡΤΧΥΖοιν"].map((c, i) => [
    c,
    "aeopcyxijsdqwABEKMHOPCTXIJSABEHIKMNOPTXYZoiv"[i] as string,
  ]),
);

/** The plain form of one written word: contractions expanded, leetspeak and stretching undone. */
export function normalizeWord(written: string): string {
  // Fullwidth, accented and look-alike letters ("ＩＤＩＯＴ", "idiöt", Cyrillic "іdіot") read
  // as their plain forms.
  const lower = [...written.normalize("NFKD")]
    .map((c) => CONFUSABLE[c] ?? c)
    .join("")
    .replace(/[\p{M}\u00AD\u200B-\u200D\u2060\uFEFF]/gu, "")
    .toLowerCase()
    .replace(/[’‘`]/g, "'");
  const expanded = CONTRACTIONS[lower] ?? MISSPELLED[lower];
  if (expanded) return expanded;
  if (/^[a-z]+$/.test(lower)) {
    if (isLexiconWord(lower)) return lower;
    return unstretch(lower) ?? lower;
  }
  if (lower.includes("*")) return unmask(lower) ?? lower.replace(/\*/g, "");
  if (/[a-z]/.test(lower) && /[^a-z']/.test(lower)) {
    const leet = [...lower].map((c) => LEET[c] ?? c).join("");
    const letters = leet.replace(/[^a-z]/g, "");
    if (isLexiconWord(letters)) return letters;
    const stretched = unstretch(letters);
    if (stretched) return stretched;
    if (MISSPELLED[letters]) return MISSPELLED[letters] as string;
  }
  if (lower.endsWith("'s")) return `${lower.slice(0, -2)} is`;
  return lower;
}

/** "stuuupid" → "stupid", "fuuuck" → "fuck": runs of three or more letters, if that gives a word. */
function unstretch(word: string): string | undefined {
  if (!/(.)\1\1/.test(word)) return undefined;
  for (const keep of ["$1", "$1$1"]) {
    const candidate = word.replace(/(.)\1{2,}/g, keep);
    if (isLexiconWord(candidate)) return candidate;
  }
  return undefined;
}

/** "f**k" → "fuck", "a**hole" → "asshole": each star stands for one hidden letter. */
function unmask(word: string): string | undefined {
  const body = word.replace(/[^a-z*]/g, "");
  if (!/[a-z]/.test(body)) return undefined;
  const re = new RegExp(`^${body.replace(/\*/g, "[a-z]")}$`);
  return DEOBFUSCATE_TARGETS.find((w) => re.test(w));
}

// Letters split by dots, dashes or spaces ("f.u.c.k", "i d i o t"): joined only when the
// joined form is a word we look for, so "u r a moron" stays three words.
const SPLIT_WORD = /(?<![\p{L}\p{N}])(?:[\p{L}\p{N}@$*][ .\-_*]{1,2}){2,}[\p{L}\p{N}@$*](?![\p{L}\p{N}])/gu;
// Zero-width characters and soft hyphens inside a word ("id\u200biot") do not split it.
const WORD =
  /[\p{L}\p{N}@$*'’|+!\u00AD\u200B-\u200D\u2060\uFEFF]*[\p{L}\p{N}@$*][\p{L}\p{N}@$*'’|+!\u00AD\u200B-\u200D\u2060\uFEFF]*/gu;
const BOUNDARY = /[.?!;:\n]+|,/g;

/**
 * "f.u.c.k" → fuck; "s t u p i d b i t c h" → stupid, bitch: the letters are joined and cut
 * into at most three words we look for (or "you"), each keeping its own span of the original.
 */
function segmentSplitWord(written: string, offset: number): Token[] | undefined {
  const chars: Array<{ c: string; at: number }> = [];
  for (let i = 0; i < written.length; i++) {
    if (!/[ .\-_]/.test(written[i] as string)) chars.push({ c: written[i] as string, at: offset + i });
  }
  const plainOf = (from: number, to: number) =>
    normalizeWord(
      chars
        .slice(from, to)
        .map((x) => x.c)
        .join(""),
    );
  const cut = (from: number, depth: number): Token[] | undefined => {
    if (from === chars.length) return [];
    if (depth === 3) return undefined;
    for (let to = chars.length; to > from; to--) {
      const word = plainOf(from, to);
      const filler = word === "you" || (to === from + 1 && /^(?:a|i|you|are)$/.test(word));
      if (!isLexiconWord(word) && !filler) continue;
      const rest = cut(to, depth + 1);
      if (rest) {
        const first = chars[from] as { at: number };
        const last = chars[to - 1] as { at: number };
        return [{ norm: word, start: first.at, end: last.at + 1 }, ...rest];
      }
    }
    return undefined;
  };
  const words = cut(0, 0);
  return words?.some((w) => isLexiconWord(w.norm)) ? words : undefined;
}

export function prepare(text: string): Prepared {
  const own = stripQuoted(text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text);
  const raw: Token[] = [];
  const claimed: Array<[number, number]> = [];
  for (const m of own.matchAll(SPLIT_WORD)) {
    // Longer runs are not a disguised insult (and would cost too much to cut into words).
    if (m[0].length > 60) continue;
    const words = segmentSplitWord(m[0], m.index);
    if (words) {
      raw.push(...words);
      claimed.push([m.index, m.index + m[0].length]);
    }
  }
  const claimedAt = new Uint8Array(own.length);
  for (const [s, e] of claimed) claimedAt.fill(1, s, e);
  const inClaimed = (i: number) => claimedAt[i] === 1;
  for (const m of own.matchAll(WORD)) {
    if (inClaimed(m.index)) continue;
    // A trailing "!" or "'" is punctuation, not part of the word ("idiot!!").
    const word = m[0].replace(/[!'’|+]+$/, "").replace(/^['’|+]+/, "");
    if (!word) continue;
    const start = m.index + m[0].indexOf(word);
    raw.push({ norm: normalizeWord(word), start, end: start + word.length });
  }
  for (const m of own.matchAll(BOUNDARY)) {
    if (inClaimed(m.index)) continue;
    if (m[0] === "!" && /[\p{L}\p{N}]/u.test(own[m.index + 1] ?? "")) continue; // sh!t
    raw.push({ norm: m[0] === "," ? "," : ".", start: m.index, end: m.index + m[0].length });
  }
  raw.sort((a, b) => a.start - b.start || a.end - b.end);
  const tokens: Token[] = [];
  for (const t of raw) {
    const last = tokens.at(-1);
    if (last && t.start < last.end) continue; // a word inside one already taken
    if (last && (t.norm === "." || t.norm === ",") && (last.norm === "." || last.norm === ",")) continue;
    tokens.push(t);
  }
  const parts: string[] = [];
  const owner: number[] = [];
  tokens.forEach((t, i) => {
    if (i > 0) {
      parts.push(" ");
      owner.push(-1);
    }
    parts.push(t.norm);
    for (let k = 0; k < t.norm.length; k++) owner.push(i);
  });
  return { own, tokens, plain: parts.join(""), tokenAt: Int32Array.from(owner) };
}

/** The tokens a match over `plain` covers, as [first, last] indexes. */
export function tokensOf(p: Prepared, from: number, to: number): [number, number] {
  let a = from;
  while (a < to && (p.tokenAt[a] ?? -1) < 0) a++;
  let b = to - 1;
  while (b > a && (p.tokenAt[b] ?? -1) < 0) b--;
  return [p.tokenAt[a] ?? 0, p.tokenAt[b] ?? 0];
}
