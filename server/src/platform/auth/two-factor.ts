import { createHmac } from "node:crypto";
import type { BetterAuthPlugin } from "better-auth";
import { createAuthMiddleware } from "better-auth/api";
import { twoFactor } from "better-auth/plugins/two-factor";

/**
 * Two-factor sign-in for staff (issue #23): Better Auth's twoFactor plugin (TOTP, recovery
 * codes, per-challenge attempt limits, account lockout) configured for Rapport, plus one small
 * plugin of our own that makes the recovery codes hashed at rest.
 *
 * Why the extra plugin: the twoFactor plugin stores recovery codes encrypted (reversibly) by
 * default. Its `storeBackupCodes` option lets us choose the encoding, so ours writes a keyed
 * hash (HMAC-SHA-256 under the auth secret) of each code instead. Verification compares the
 * list against the code the person typed, so a before-hook hashes that typed code the same
 * way before the plugin sees it. The plugin then removes the used hash from the list (single
 * use) and stores the rest through the same encoder, which leaves hashes as they are.
 */
const HASH = /^[0-9a-f]{64}$/;

export function hashRecoveryCode(secret: string, code: string): string {
  return createHmac("sha256", secret).update(`recovery-code:${code.trim()}`).digest("hex");
}

export function twoFactorPlugins(secret: string): [ReturnType<typeof twoFactor>, BetterAuthPlugin] {
  const asHashes = (json: string) =>
    JSON.stringify(
      (JSON.parse(json) as string[]).map((code) => (HASH.test(code) ? code : hashRecoveryCode(secret, code))),
    );
  const hashTypedCodes: BetterAuthPlugin = {
    id: "rapport-recovery-code-hash",
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === "/two-factor/verify-backup-code",
          handler: createAuthMiddleware(async (ctx) => {
            const body = ctx.body as { code?: unknown } | undefined;
            if (!body || typeof body.code !== "string") return;
            return { context: { body: { ...body, code: hashRecoveryCode(secret, body.code) } } };
          }),
        },
      ],
    },
  };
  return [
    twoFactor({
      issuer: "Rapport",
      // A sign-in waits 10 minutes for its code; 5 wrong codes end that challenge, 5 wrong in a
      // row lock the account's second factor for 15 minutes (on top of the per-client limits
      // in auth.ts).
      twoFactorCookieMaxAge: 600,
      accountLockout: { enabled: true, maxFailedAttempts: 5, durationSeconds: 900 },
      backupCodeOptions: {
        amount: 10,
        length: 10,
        storeBackupCodes: { encrypt: async (json) => asHashes(json), decrypt: async (stored) => stored },
      },
    }),
    hashTypedCodes,
  ];
}
