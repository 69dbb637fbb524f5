import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * A host site proves who its signed-in user is with an HMAC-SHA256, made on its own server
 * with the workspace's identity secret, over `userId + "." + email` (email lower-cased, ""
 * when absent). Without the secret a visitor cannot claim another customer's identity.
 */
export function identityPayload(userId: string, email: string | undefined): string {
  return `${userId}.${(email ?? "").toLowerCase()}`;
}

export function signIdentity(secret: string, userId: string, email?: string): string {
  return createHmac("sha256", secret).update(identityPayload(userId, email)).digest("hex");
}

/** Compared in constant time, so the signature cannot be guessed byte by byte from timings. */
export function identityVerifies(
  secret: string,
  identity: { userId: string; email?: string | undefined; signature: string },
): boolean {
  const expected = Buffer.from(signIdentity(secret, identity.userId, identity.email), "hex");
  const given = Buffer.from(identity.signature, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
