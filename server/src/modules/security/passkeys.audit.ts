import type { PasskeyAuthHooks } from "../../platform/auth/passkey.ts";
import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { findActorForUser } from "../accounts/memberships.repo.ts";
import { audit } from "../audit/audit.ts";
import { recordSignIn } from "../audit/sign-ins.ts";
import { passwordSignInRefusal } from "../sso/sso-signin.service.ts";
import { isStaffAnywhere } from "./passkeys.repo.ts";

/**
 * What Better Auth's passkey plugin calls back into (platform/auth/passkey.ts): the audit record
 * of a new passkey, passkey sign-ins in the sign-in log, who may add one (staff), and "require SSO".
 *
 * `passkey.added` follows the plugin's own write (it writes through Better Auth's pool, so the
 * two cannot share one transaction, as for 2fa.enabled). It goes to the workspace the person is
 * in on this host, else their first, like sign-ins.
 */
type Ctx = Pick<AppContext, "db" | "log" | "config" | "secret">;

export function passkeyAuthHooks(ctx: Ctx): PasskeyAuthHooks {
  return {
    passkeyAdded: async ({ userId, passkeyId, name, request }) => {
      try {
        const member = await findActorForUser(ctx.db, userId, request?.headers.get("host") ?? undefined);
        if (!member) return;
        await audit(new TenantScope(ctx.db, member.workspaceId), {
          actorUserId: userId,
          action: "passkey.added",
          subjectType: "user",
          subjectId: userId,
          data: { passkeyId, name },
        });
      } catch (err) {
        // The passkey is stored already; a failing log write is logged loudly, not a 500.
        ctx.log.error({ err, action: "passkey.added" }, "could not record a new passkey in the audit log");
      }
    },
    passkeySignIn: (attempt) => recordSignIn(ctx, { method: "passkey", ...attempt }),
    mayAddPasskey: ({ userId }) => isStaffAnywhere(ctx.db, userId),
    signInRefusal: (input) => passwordSignInRefusal(ctx, { ...input, method: "passkey" }),
  };
}
