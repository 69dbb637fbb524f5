import { createHash, randomBytes } from "node:crypto";

/**
 * API tokens are 32 random bytes, so a plain SHA-256 is the right hash: there is nothing
 * to brute-force, and lookups stay one indexed equality. Only the hash is stored.
 * The `rpt_` prefix lets secret scanners and people recognise a Rapport token.
 */
const PREFIX = "rpt_";

export function newApiToken(): { token: string; hash: string; displayPrefix: string } {
  const token = PREFIX + randomBytes(32).toString("base64url");
  return { token, hash: hashApiToken(token), displayPrefix: token.slice(0, PREFIX.length + 6) };
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function looksLikeApiToken(value: string): boolean {
  return value.startsWith(PREFIX) && value.length > PREFIX.length + 20 && value.length < 200;
}
