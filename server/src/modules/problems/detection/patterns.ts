import { RE2JS } from "re2js";
import { AppError } from "../../../platform/http/errors.ts";
import type { CompiledPattern } from "./signatures.ts";

/**
 * Workspace-supplied error patterns. They run on every case's text, so a pattern must never
 * be able to stall the worker: they are compiled with re2js (RE2 semantics: linear time, no
 * backtracking, no backreferences or lookaround), must not match empty text, and are timed
 * once on 100 kB of hostile input before they are accepted.
 */
export const PATTERN_TIME_LIMIT_MS = 200;
// The limit scales with how busy the machine is right now: a plain pattern is timed on the
// same input, and a pattern may take this many times as long. A fixed 200 ms refused good
// patterns (421 ms) on a loaded 2-core machine; catastrophic ones are orders of magnitude off.
const RELATIVE_LIMIT = 25;
const REFERENCE = RE2JS.compile("error\\s*\\d+", RE2JS.CASE_INSENSITIVE);
// A case's text yields at most this many values per pattern: a pattern like "\w+" is useless,
// and must not flood a case with signatures.
const MAX_MATCHES = 10;

export function compilePattern(pattern: string): RE2JS {
  try {
    return RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
  } catch (err) {
    const why = err instanceof Error ? err.message.replace(/^error parsing regexp: /, "") : "invalid";
    throw new AppError("validation_failed", `This pattern does not compile (RE2 syntax): ${why}`, "pattern");
  }
}

/** Refuses a pattern that does not compile, matches empty text or is slow on 100 kB. */
export function validatePattern(pattern: string): void {
  const re = compilePattern(pattern);
  if (re.matcher("").find()) {
    throw new AppError(
      "validation_failed",
      "This pattern matches empty text; it would match every case",
      "pattern",
    );
  }
  const elapsed = timeOnHostileInput(re);
  const limit = Math.max(PATTERN_TIME_LIMIT_MS, RELATIVE_LIMIT * timeOnHostileInput(REFERENCE));
  if (elapsed > limit) {
    throw new AppError(
      "validation_failed",
      `This pattern took ${Math.round(elapsed)} ms on 100 kB of text (at most ${Math.round(limit)} ms now)`,
      "pattern",
    );
  }
}

/** Milliseconds to find every match in 100 kB of one letter and in 100 kB of random text. */
export function timeOnHostileInput(re: RE2JS): number {
  const start = performance.now();
  for (const input of [`${"a".repeat(100_000)}!`, randomText(100_000)]) {
    const m = re.matcher(input);
    let n = 0;
    while (m.find() && n < 100_000) n++;
  }
  return performance.now() - start;
}

function randomText(length: number): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .:-_#/()x";
  let s = "";
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(Math.random() * alphabet.length)];
  return s;
}

/** A stable slug of the pattern's name, used inside signatures (`pattern:psu-fault:f3`). */
export function patternSlug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 40) || "pattern"
  );
}

/** Patterns ready for extractSignatures; one that no longer compiles is skipped. */
export function compilePatterns(rows: Array<{ name: string; pattern: string }>): CompiledPattern[] {
  const out: CompiledPattern[] = [];
  for (const row of rows) {
    let re: RE2JS;
    try {
      re = RE2JS.compile(row.pattern, RE2JS.CASE_INSENSITIVE);
    } catch {
      continue;
    }
    const useGroup = re.groupCount() > 0;
    out.push({
      slug: patternSlug(row.name),
      matches: (text) => {
        const m = re.matcher(text);
        const found: string[] = [];
        while (found.length < MAX_MATCHES && m.find()) {
          const value = useGroup ? (m.group(1) ?? m.group()) : m.group();
          if (value) found.push(value);
        }
        return found;
      },
    });
  }
  return out;
}
