import { createHash } from "node:crypto";
import { terms } from "../../../platform/text/lexical.ts";
import { reciprocalRankFusion } from "../../../platform/text/rrf.ts";

/** Pure pieces of help search: fusion with the device boost, holdout, snippets, gap wording. */

/** Query words as typed (lower case, letters and digits), at most 20. */
export const queryWords = (q: string): string[] =>
  [...new Set(q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])].slice(0, 20);

/**
 * Full-text and vector rankings fused by reciprocal rank; articles for one of the reader's
 * device models get a third ranking (in their fused order), so among articles about the
 * question the one for the reader's speaker comes first, while an article for their model
 * that matches nothing is never added.
 */
export function fuseRankings(
  byText: string[],
  byVector: string[],
  boosted: ReadonlySet<string> = new Set(),
): string[] {
  const fused = reciprocalRankFusion([byText, byVector]).map((r) => r.id);
  const boost = fused.filter((id) => boosted.has(id));
  if (boost.length === 0) return fused;
  return reciprocalRankFusion([byText, byVector, boost]).map((r) => r.id);
}

/**
 * Whether a session is held out (gets no suggestions), decided from a hash of the workspace
 * and the session id: the same session always lands in the same bucket (0–99), and raising
 * the share only adds sessions to the holdout.
 */
export function holdoutBucket(workspaceId: string, session: string): number {
  return createHash("sha256").update(`${workspaceId}:${session}`).digest().readUInt32BE(0) % 100;
}
export const inHoldout = (workspaceId: string, session: string, percent: number) =>
  holdoutBucket(workspaceId, session) < percent;

/** Markers ts_headline puts around matches; removed from the text before it is highlighted. */
export const MARK_START = "\u2983";
export const MARK_END = "\u2984";

const escapeHtml = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

/**
 * A ts_headline fragment as safe HTML: everything escaped, then only our markers become
 * `<mark>`. Article text can hold anything (`<script>`, `<mark onclick=…>`); none of it
 * survives as markup.
 */
export function snippetHtml(headline: string): string {
  const text = headline
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[#*_`|~]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return escapeHtml(text).split(MARK_START).join("<mark>").split(MARK_END).join("</mark>");
}

/** Marks without their partner (a fragment cut mid-match) would leave an open tag. */
export function balancedMarks(html: string): string {
  const open = (html.match(/<mark>/g) ?? []).length;
  const close = (html.match(/<\/mark>/g) ?? []).length;
  return open === close ? html : html.replace(/<\/?mark>/g, "");
}

/** The wording of a query that found nothing, reduced so "Router blinks red!" and "router blinking red" group. */
export const gapKey = (q: string): string =>
  [...new Set(terms(q))].sort().join(" ") || q.trim().toLowerCase();

/**
 * Whether a case says the same as a deflected query: it shares at least half of the query's
 * content words (stemmed), and at least one. Embedding similarity is checked separately.
 */
export function sameTopic(query: string, caseText: string): boolean {
  const want = [...new Set(terms(query))];
  if (want.length === 0) return false;
  const have = new Set(terms(caseText));
  const shared = want.filter((w) => have.has(w)).length;
  return shared >= 1 && shared * 2 >= want.length;
}
