import { createHmac } from "node:crypto";
import { CLIENT_IP_HEADER } from "../../platform/auth/auth.ts";
import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { findActorForUser } from "../accounts/memberships.repo.ts";
import { findUserByEmail } from "../accounts/users.repo.ts";
import { findWorkspaceForHost } from "../workspaces/workspaces.repo.ts";
import { audit } from "./audit.ts";

/**
 * Sign-ins and failed sign-ins, recorded from Better Auth's after-hook (platform/auth/auth.ts).
 * A success goes to the workspace the person signed in to (the one on this host, else their
 * first); a failure has no account to go by, so it goes to the workspace answering on the
 * request's host, with who was tried and the client's IP: what a security review looks for
 * after a password-guessing run.
 *
 * The log is hash-chained and cannot be edited, so it never holds a typed email address, which
 * erasure (GDPR) could then not remove:
 * - an address with a login is recorded as that login's id (the subject), which the screen
 *   resolves while the login exists and which means nothing once it is erased;
 * - an unknown address is recorded as a keyed hash (HMAC with the auth secret) plus its domain:
 *   the same address tried a hundred times shows as one hash a hundred times, and the log does
 *   not say who that was.
 */
export type SignInAttempt = {
  method: "password" | "magic_link" | "passkey";
  userId: string | null;
  email: string;
  /** Better Auth's error code when it failed (INVALID_EMAIL_OR_PASSWORD…). */
  failure: string | null;
  request: Request | undefined;
};

export async function recordSignIn(
  ctx: Pick<AppContext, "db" | "log" | "secret">,
  attempt: SignInAttempt,
): Promise<void> {
  const headers = attempt.request?.headers;
  const host = headers?.get("host") ?? undefined;
  try {
    // A customer's first magic link has no membership yet (it is made right after this hook).
    const member = attempt.userId ? await findActorForUser(ctx.db, attempt.userId, host) : undefined;
    const workspaceId = member?.workspaceId ?? (await findWorkspaceForHost(ctx.db, host))?.id;
    if (!workspaceId) return; // before first-run setup there is no log to write to
    const typed = attempt.email.trim().toLowerCase().slice(0, 254);
    const userId = attempt.userId ?? (typed ? (await findUserByEmail(ctx.db, typed))?.id : undefined) ?? null;
    await audit(new TenantScope(ctx.db, workspaceId), {
      actorUserId: attempt.failure ? null : userId,
      action: attempt.failure ? "auth.sign_in_failed" : "auth.signed_in",
      subjectType: "user",
      ...(userId ? { subjectId: userId } : {}),
      data: {
        method: attempt.method,
        ...(userId ? {} : unknownAddress(ctx.secret, typed)),
        // The HTTP layer sets this header from the socket (or the trusted proxy), never the client.
        ip: headers?.get(CLIENT_IP_HEADER) ?? null,
        userAgent: headers?.get("user-agent")?.slice(0, 300) ?? null,
        ...(attempt.failure ? { reason: attempt.failure } : {}),
      },
    });
  } catch (err) {
    // The sign-in itself has happened (or failed) already; a log write that fails must not turn
    // it into a 500. It is logged loudly instead.
    ctx.log.error({ err, action: "auth.sign_in" }, "could not record a sign-in in the audit log");
  }
}

/** An address with no login, as the log may keep it: a keyed hash and the domain. */
export function unknownAddress(secret: string, typed: string) {
  const at = typed.lastIndexOf("@");
  return {
    emailHash: createHmac("sha256", secret).update(`sign-in-address:${typed}`).digest("hex").slice(0, 32),
    emailDomain: at >= 0 ? typed.slice(at + 1, at + 101) : null,
  };
}
