import { passkey } from "@better-auth/passkey";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";

/**
 * Passkeys (WebAuthn) for staff, issue #23: Better Auth's passkey plugin, configured for Rapport.
 * The WebAuthn checks (challenge, origin, relying party, signature, counter) are the plugin's
 * and @simplewebauthn/server's; nothing here touches the cryptography.
 *
 * What a passkey is in Rapport: a passwordless sign-in. Rapport requires user verification
 * (the authenticator's PIN or biometric) when a passkey is added and at every sign-in, so one
 * passkey sign-in already proves two factors (the device, and the PIN or fingerprint). That is
 * why a passkey sign-in does not ask for the TOTP code afterwards. It does not replace TOTP for
 * "roles that must use 2FA": that rule still asks for TOTP, because a password sign-in of the
 * same account would otherwise pass with one factor (docs/ARCHITECTURE.md, Security).
 *
 * Relying party: the host of PUBLIC_URL. A browser accepts it on that host and on its
 * subdomains (workspace hosts under it); a workspace on an unrelated custom domain cannot use
 * passkeys. The expected origin is the request's Origin, which Better Auth's CSRF check has
 * already matched against the trusted origins.
 */
export type PasskeyAuthHooks = {
  /** After the plugin stored a new passkey (the audit log). */
  passkeyAdded?: (input: {
    userId: string;
    passkeyId: string;
    name: string | null;
    request: Request | undefined;
  }) => Promise<void>;
  /** After a passkey sign-in, successful or not (the audit log). */
  passkeySignIn?: (input: {
    userId: string | null;
    email: string;
    failure: string | null;
    request: Request | undefined;
  }) => Promise<void>;
  /** Whether this login may add a passkey (staff may; customers sign in with links). */
  mayAddPasskey?: (input: { userId: string }) => Promise<boolean>;
  /** A message when this person may not sign in without SSO on this host, else null. */
  signInRefusal?: (input: { email: string; host: string | undefined }) => Promise<string | null>;
};

const REMOVED_ENDPOINTS = new Set(["/passkey/delete-passkey", "/passkey/update-passkey"]);
const REGISTRATION_ENDPOINTS = new Set([
  "/passkey/generate-register-options",
  "/passkey/verify-registration",
]);

export function passkeyPlugins(publicUrl: string, hooks: () => PasskeyAuthHooks | undefined) {
  const unverified = () =>
    new APIError("UNAUTHORIZED", {
      message: "The passkey did not verify you (PIN or biometric): use one that asks for it",
      code: "USER_NOT_VERIFIED",
    });
  const plugin = passkey({
    rpID: new URL(publicUrl).hostname,
    rpName: "Rapport",
    // A discoverable credential lets the login page sign in without an email first; user
    // verification makes the passkey two factors on its own (see above).
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
    registration: {
      afterVerification: async ({ verification }) => {
        if (!verification.registrationInfo?.userVerified) throw unverified();
      },
    },
    authentication: {
      afterVerification: async ({ ctx, verification, clientData }) => {
        if (!verification.authenticationInfo.userVerified) throw unverified();
        // "Require SSO" covers every way in but SSO: a passkey is refused like a password.
        const refuse = hooks()?.signInRefusal;
        if (!refuse) return;
        const row = await ctx.context.adapter.findOne<{ userId: string }>({
          model: "passkey",
          where: [{ field: "credentialID", value: String(clientData.id) }],
        });
        const user = row ? await ctx.context.internalAdapter.findUserById(row.userId) : null;
        if (!user) return;
        const refusal = await refuse({
          email: user.email,
          host: ctx.request?.headers.get("host") ?? undefined,
        });
        if (refusal) throw new APIError("FORBIDDEN", { message: refusal, code: "SSO_REQUIRED" });
      },
    },
  });

  const rapportSide: BetterAuthPlugin = {
    id: "rapport-passkey",
    hooks: {
      before: [
        {
          // Removing (or renaming) a passkey is Rapport's route, which writes the audit record
          // in the same transaction (modules/security/passkeys.service.ts).
          matcher: (ctx) => REMOVED_ENDPOINTS.has(ctx.path ?? ""),
          handler: createAuthMiddleware(async () => {
            throw new APIError("NOT_FOUND", { message: "Use DELETE /api/v1/me/passkeys/{id}" });
          }),
        },
        {
          // Passkeys are for staff: a customer's portal session may not add one.
          matcher: (ctx) => REGISTRATION_ENDPOINTS.has(ctx.path ?? ""),
          handler: createAuthMiddleware(async (ctx) => {
            const may = hooks()?.mayAddPasskey;
            const session = may ? await getSessionFromCtx(ctx) : null;
            if (!may || !session) return; // no session: the plugin answers 401 itself
            if (!(await may({ userId: session.user.id })))
              throw new APIError("FORBIDDEN", {
                message: "Passkeys are for staff accounts",
                code: "STAFF_ONLY",
              });
          }),
        },
      ],
      after: [
        {
          matcher: (ctx) =>
            ctx.path === "/passkey/verify-registration" || ctx.path === "/passkey/verify-authentication",
          handler: createAuthMiddleware(async (ctx) => {
            const returned = ctx.context.returned as
              | { id?: string; userId?: string; name?: string | null; body?: { code?: string } }
              | undefined;
            const h = hooks();
            if (ctx.path === "/passkey/verify-registration") {
              if (!returned?.id || !returned.userId) return; // refused: nothing was added
              await h?.passkeyAdded?.({
                userId: returned.userId,
                passkeyId: returned.id,
                name: returned.name ?? null,
                request: ctx.request,
              });
              return;
            }
            const user = ctx.context.newSession?.user;
            await h?.passkeySignIn?.({
              userId: user?.id ?? null,
              email: user?.email ?? "",
              failure: user ? null : (returned?.body?.code ?? "FAILED"),
              request: ctx.request,
            });
          }),
        },
      ],
    },
  };
  return [plugin, rapportSide] as const;
}
