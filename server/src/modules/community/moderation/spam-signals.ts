import { createHash } from "node:crypto";

/**
 * The spam check's signals, as pure functions of a post and a few facts about its author, so
 * the evaluation set (spam-eval.json) runs them without a database. Everything is offline:
 * link counts and density, how fast a new account posts, the same or nearly the same text
 * posted recently, and a short list of phrases spammers use. Any signal holds the post for
 * review; trusted members (trust 2 and up, staff) are never held at all — trust is earned by
 * posts the community accepted, and flags still reach them.
 */

export type SpamFacts = {
  /** Effective trust (0 while a penalty runs). */
  trust: number;
  isStaff: boolean;
  /** Days since the person became a community member. */
  accountAgeDays: number;
  /** Their posts before this one: in the last hour, the last day, ever. */
  postsLastHour: number;
  postsLastDay: number;
  priorPosts: number;
  /** The same (or nearly the same) text posted recently in the workspace, by anyone. */
  duplicate: DuplicateMatch | null;
};

export type DuplicateMatch = { kind: "exact" | "near"; sameAuthor: boolean };
export type SpamVerdict = { hold: boolean; reasons: string[] };

/** Young accounts that post this fast are held: velocity is what scripted spam looks like. */
export const NEW_ACCOUNT_DAYS = 3;
const VELOCITY = { hour: 5, day: 15 };
const MAX_LINKS = [3, 5] as const;
const DENSITY = 0.15;

const URL_RE =
  /\b(?:https?:\/\/|www\.)[^\s<>()[\]]+|\b[a-z0-9-]+\.(?:com|net|org|io|ru|cn|xyz|top|info|biz|shop|site|online|click|link)\b(?:\/[^\s<>()]*)?/gi;

/** Phrases seldom found in a support question or answer, and often in spam. */
const SPAM_PHRASES = [
  "buy now",
  "click here",
  "limited offer",
  "limited time offer",
  "discount code",
  "promo code",
  "best price",
  "cheap",
  "casino",
  "betting",
  "viagra",
  "cialis",
  "payday loan",
  "crypto",
  "bitcoin",
  "forex",
  "investment opportunity",
  "earn money",
  "work from home",
  "make money",
  "whatsapp",
  "telegram",
  "escort",
  "followers",
  "seo services",
  "backlinks",
  "guaranteed",
  "free trial",
  "weight loss",
  "replica",
  "dm me",
  "contact me at",
];

export function linksIn(text: string): string[] {
  return text.match(URL_RE) ?? [];
}

/** Lower case, links and digits out, letters and spaces only: what a copy-paster cannot vary cheaply. */
export function normalise(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(URL_RE, " ")
    .replace(/[^\p{L}\s]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export function wordsOf(text: string): string[] {
  const n = normalise(text);
  return n ? n.split(" ") : [];
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

function fnv64(s: string): bigint {
  let h = FNV_OFFSET;
  for (const b of Buffer.from(s, "utf8")) {
    h ^= BigInt(b);
    h = (h * FNV_PRIME) & MASK;
  }
  return h;
}

/**
 * A 64-bit simhash of word pairs: texts that differ in a few words differ in a few bits.
 * Returned signed, as PostgreSQL's bigint stores it.
 */
export function simhash(words: string[]): bigint {
  const grams = words.length > 1 ? words.slice(1).map((w, i) => `${words[i]} ${w}`) : words;
  const counts = new Array<number>(64).fill(0);
  for (const g of grams) {
    const h = fnv64(g);
    for (let bit = 0; bit < 64; bit++) counts[bit] = (counts[bit] ?? 0) + ((h >> BigInt(bit)) & 1n ? 1 : -1);
  }
  let out = 0n;
  for (let bit = 0; bit < 64; bit++) if ((counts[bit] ?? 0) > 0) out |= 1n << BigInt(bit);
  return BigInt.asIntN(64, out);
}

export function hammingDistance(a: bigint, b: bigint): number {
  let x = BigInt.asUintN(64, a ^ b);
  let n = 0;
  while (x) {
    x &= x - 1n;
    n++;
  }
  return n;
}

export type Fingerprint = { textHash: string; simhash: bigint; wordCount: number };

export function fingerprint(text: string): Fingerprint {
  const words = wordsOf(text);
  return {
    textHash: createHash("sha256").update(words.join(" ")).digest("hex").slice(0, 32),
    simhash: simhash(words),
    wordCount: words.length,
  };
}

/**
 * Duplicates need length: many people write "Same problem since the update" in their own
 * words, so someone else's text only counts from 15 words (the length of a pasted template);
 * a member repeating themselves counts from 8. Near duplicates need 15 words on both sides.
 */
const EXACT_MIN_WORDS_OTHERS = 15;
const EXACT_MIN_WORDS_OWN = 8;
const NEAR_MIN_WORDS = 15;
const NEAR_MAX_BITS = 6;

export function matchDuplicate(
  fp: Fingerprint,
  recent: Array<Fingerprint & { memberId: string }>,
  authorId: string,
): DuplicateMatch | null {
  let near: DuplicateMatch | null = null;
  for (const r of recent) {
    const sameAuthor = r.memberId === authorId;
    const exactMin = sameAuthor ? EXACT_MIN_WORDS_OWN : EXACT_MIN_WORDS_OTHERS;
    if (fp.wordCount >= exactMin && r.textHash === fp.textHash) return { kind: "exact", sameAuthor };
    if (
      !near &&
      fp.wordCount >= NEAR_MIN_WORDS &&
      r.wordCount >= NEAR_MIN_WORDS &&
      hammingDistance(fp.simhash, r.simhash) <= NEAR_MAX_BITS
    )
      near = { kind: "near", sameAuthor };
  }
  return near;
}

export function assessSpam(text: string, facts: SpamFacts): SpamVerdict {
  if (facts.isStaff || facts.trust >= 2) return { hold: false, reasons: [] };
  const reasons: string[] = [];
  const links = linksIn(text).length;
  const words = Math.max(wordsOf(text).length, 1);
  if (facts.trust === 0 && facts.priorPosts === 0 && links > 0)
    reasons.push("first post from a new member contains links");
  const maxLinks = MAX_LINKS[facts.trust === 0 ? 0 : 1];
  if (links >= maxLinks)
    reasons.push(`${links} links (a trust ${facts.trust} member may post ${maxLinks - 1})`);
  if (links >= 2 && links / words > DENSITY)
    reasons.push(`link density: ${links} links in ${words} word${words === 1 ? "" : "s"}`);
  if (facts.accountAgeDays < NEW_ACCOUNT_DAYS) {
    if (facts.postsLastHour >= VELOCITY.hour)
      reasons.push(`new account posting fast: ${facts.postsLastHour} posts in the last hour`);
    else if (facts.postsLastDay >= VELOCITY.day)
      reasons.push(`new account posting fast: ${facts.postsLastDay} posts in the last day`);
  }
  if (facts.duplicate) {
    const what = facts.duplicate.kind === "exact" ? "the same text" : "nearly the same text";
    reasons.push(`${what} was posted recently${facts.duplicate.sameAuthor ? " by this member" : ""}`);
  }
  const lower = ` ${normalise(text)} `;
  const phrases = SPAM_PHRASES.filter((p) => lower.includes(` ${normalise(p)} `));
  if (phrases.length >= 2 || (phrases.length === 1 && links > 0))
    reasons.push(`spam phrases: ${phrases.join(", ")}`);
  return { hold: reasons.length > 0, reasons };
}
