import { AppError } from "../../platform/http/errors.ts";
import { childPath } from "./paths.ts";

export const MASKED = "[masked]";
/** Deeper than this is refused: no real diagnostic nests so far, and walking it costs stack. */
export const MAX_DEPTH = 64;

/**
 * Replaces the value of every key whose name contains one of `patterns` (case-insensitive),
 * at any depth, by "[masked]", and lists the masked paths. Returns a new value; the input is
 * not changed. Also refuses what PostgreSQL's jsonb cannot store (NUL characters) and
 * absurd nesting, naming the path, so bad input is a 400 and never a 500.
 */
export function maskSecrets(
  data: Record<string, unknown>,
  patterns: readonly string[],
): { data: Record<string, unknown>; maskedPaths: string[] } {
  const maskedPaths: string[] = [];
  const lowered = patterns.map((p) => p.toLowerCase());
  const isSecret = (key: string) => {
    const k = key.toLowerCase();
    return lowered.some((p) => k.includes(p));
  };

  const walk = (value: unknown, path: string, depth: number): unknown => {
    if (depth > MAX_DEPTH) {
      throw new AppError(
        "validation_failed",
        `data nests deeper than ${MAX_DEPTH} levels at ${path}`,
        "data",
      );
    }
    if (typeof value === "string") {
      if (value.includes("\u0000")) {
        throw new AppError(
          "validation_failed",
          `${path} contains a NUL character`,
          path ? `data.${path}` : "data",
        );
      }
      return value;
    }
    if (Array.isArray(value)) return value.map((v, i) => walk(v, childPath(path, i), depth + 1));
    if (typeof value === "object" && value !== null) {
      // No prototype: a key named "__proto__" stays an ordinary key.
      const out: Record<string, unknown> = Object.create(null);
      for (const [key, v] of Object.entries(value)) {
        const p = childPath(path, key);
        if (key.includes("\u0000")) {
          throw new AppError(
            "validation_failed",
            "a key contains a NUL character",
            path ? `data.${path}` : "data",
          );
        }
        if (isSecret(key)) {
          out[key] = MASKED;
          maskedPaths.push(p);
        } else {
          out[key] = walk(v, p, depth + 1);
        }
      }
      return out;
    }
    return value;
  };

  return { data: walk(data, "", 0) as Record<string, unknown>, maskedPaths };
}
