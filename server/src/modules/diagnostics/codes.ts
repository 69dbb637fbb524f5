import { createHash, randomInt } from "node:crypto";

/**
 * One-time diagnostic codes, made to be read aloud over the phone: 8 characters from an
 * alphabet without look-alikes (no 0/O, 1/I/L, no U), about 2^39 possibilities. Stored only
 * as SHA-256: like API tokens, a random secret gains nothing from a slow hash, and a code is
 * worth little after its 15 minutes anyway.
 */
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_LENGTH = 8;
export const CODE_TTL_MS = 15 * 60 * 1000;

export function newCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** How people type a code back: any case, with spaces or dashes. Undefined if it cannot be one. */
export function normalizeCode(raw: string): string | undefined {
  const code = raw.replace(/[\s-]/g, "").toUpperCase();
  if (code.length !== CODE_LENGTH) return undefined;
  for (const ch of code) if (!CODE_ALPHABET.includes(ch)) return undefined;
  return code;
}

export const hashCode = (code: string) => createHash("sha256").update(code).digest("hex");
