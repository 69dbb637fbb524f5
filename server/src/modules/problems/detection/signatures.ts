/**
 * Error signatures: the codes a customer quotes, normalised so that every way of writing one
 * code gives the same string ("Error 1013", "error code: 1013", "E1013", "err 1013" →
 * `code:1013`; "0x80070005" → `hex:0x80070005`). Two cases sharing a signature almost surely
 * share a cause, which text similarity alone cannot promise.
 *
 * Numbers are codes only next to an error word (or as E1013 / 0x…): a bare number is as
 * likely a year, a price, an order or a phone number, and a false code groups strangers.
 */

// An error word, optionally "code"/"no."/"#", then 2–6 digits that are not part of a longer
// number, a decimal (a version like 12.2, a price like 10.13) or a word.
const KEYWORD_CODE =
  /\b(?:error|err|fault|failure)(?:[\s_-]*(?:code|number|no\.?|nr\.?|num))?[\s_-]*(?:[:#=]\s*|is\s+|was\s+)?#?\s*(\d{2,6})(?![\d.,]\d|\w|-\d)/gi;
// E1013, E-1013: a capital E glued to 3–6 digits, not inside a word or a longer number.
const E_CODE = /(?<![\w.])E-?(\d{3,6})(?![\d.,]\d|\w)/g;
// ERR_1013 and similar.
const ERR_UNDERSCORE = /\bERR_(\d{2,6})\b/gi;
// Windows/COM-style hex codes: 0x followed by 4–8 hex digits.
const HEX_CODE = /\b0x([0-9a-f]{4,8})\b/gi;

export type SnapshotChange = { path: string; after: unknown };

export type CompiledPattern = {
  /** A short, stable slug of the admin's name for it. */
  slug: string;
  /** Returns the matched texts (first capturing group if any, else the whole match). */
  matches: (text: string) => string[];
};

/** Every signature of one case, sorted and without duplicates. */
export function extractSignatures(input: {
  texts: string[];
  snapshotChanges?: SnapshotChange[];
  patterns?: CompiledPattern[];
}): string[] {
  const out = new Set<string>();
  for (const text of input.texts) {
    for (const sig of codesIn(text)) out.add(sig);
    for (const p of input.patterns ?? []) {
      for (const m of p.matches(text)) {
        const value = normaliseValue(m);
        if (value) out.add(`pattern:${p.slug}:${value}`);
      }
    }
  }
  for (const change of input.snapshotChanges ?? []) {
    const sig = snapshotSignature(change);
    if (sig) out.add(sig);
  }
  return [...out].sort();
}

/** The built-in code forms found in one text. */
export function codesIn(text: string): string[] {
  const found: string[] = [];
  for (const re of [KEYWORD_CODE, E_CODE, ERR_UNDERSCORE]) {
    for (const m of text.matchAll(re)) found.push(`code:${Number(m[1])}`);
  }
  for (const m of text.matchAll(HEX_CODE)) found.push(`hex:0x${(m[1] as string).toLowerCase()}`);
  return found;
}

// A snapshot key that holds an error: error, error_code, errorCode, last_error, fault_code…
const ERROR_KEY = /(?:^|[_.-]|[a-z])(?:error|err|fault)(?:[_-]?(?:code|no|num|number))?$/i;

/**
 * A changed snapshot value under an error-like key (`snapshot:error_code=1013`). Only
 * changes count: a key that always holds the same value says nothing about this case.
 */
export function snapshotSignature(change: SnapshotChange): string | undefined {
  const leaf =
    change.path
      .split(/[.[\]"]+/)
      .filter(Boolean)
      .pop() ?? "";
  if (!ERROR_KEY.test(leaf)) return undefined;
  const v = change.after;
  if (typeof v !== "number" && typeof v !== "string") return undefined;
  const value = normaliseValue(String(v));
  // "No error" states are not signatures.
  if (!value || /^(0|none|null|ok|no|false|-)$/.test(value)) return undefined;
  return `snapshot:${leaf.toLowerCase()}=${value}`;
}

/**
 * Lower case, anything but letters, digits and `.-=` as `_`, at most 60 characters: a
 * signature is part of an emerging issue's key, which travels in a URL path.
 */
function normaliseValue(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}.=-]+/gu, "_")
    .slice(0, 60);
}

/** How a signature reads to a person: "Error 1013", "Error 0x80070005". */
export function signatureLabel(sig: string, patternNames: Map<string, string> = new Map()): string {
  if (sig.startsWith("code:")) return `Error ${sig.slice(5)}`;
  if (sig.startsWith("hex:")) return `Error ${sig.slice(4)}`;
  if (sig.startsWith("snapshot:")) return `Diagnostics: ${sig.slice(9).replace("=", " = ")}`;
  if (sig.startsWith("pattern:")) {
    const [, slug = "", ...rest] = sig.split(":");
    return `${patternNames.get(slug) ?? slug}: ${rest.join(":")}`;
  }
  return sig;
}

/** How a suggestion explains a shared signature: "same error code 1013". */
export function signatureReason(sig: string, patternNames?: Map<string, string>): string {
  if (sig.startsWith("code:")) return `same error code ${sig.slice(5)}`;
  if (sig.startsWith("hex:")) return `same error code ${sig.slice(4)}`;
  return `same ${signatureLabel(sig, patternNames)}`;
}
