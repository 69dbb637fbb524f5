/**
 * One Idempotency-Key per submission: the same input sent again (a double click, a retry after
 * a lost answer) keeps its key, so the server returns the same run and the target is never
 * reached twice; changed input is a new submission with a new key.
 */
export function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // randomUUID exists only in secure contexts; a plain-http deployment still gets 128 random bits.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export class SubmissionKeys {
  private last: { input: string; key: string } | null = null;
  keyFor(input: Record<string, unknown>): string {
    const text = JSON.stringify(input);
    if (this.last?.input !== text) this.last = { input: text, key: newKey() };
    return this.last.key;
  }
}
