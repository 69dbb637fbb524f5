import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * Small secrets Rapport must use later (an IMAP password) are sealed with AES-256-GCM under a
 * key derived from AUTH_SECRET, so a database dump alone does not reveal them.
 */
const keyFor = (secret: string, purpose: string) =>
  createHash("sha256").update(`${purpose}\0${secret}`).digest();

export function seal(secret: string, purpose: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(secret, purpose), iv);
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString("base64url")).join(".");
}

export function unseal(secret: string, purpose: string, sealed: string): string {
  const [iv, tag, data] = sealed.split(".").map((p) => Buffer.from(p, "base64url"));
  if (!iv || !tag || !data) throw new Error("not a sealed value");
  const decipher = createDecipheriv("aes-256-gcm", keyFor(secret, purpose), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
}
