import type { FastifyReply, FastifyRequest } from "fastify";
import type { TwoFactorEnrolment, TwoFactorStatus } from "../../../../contracts/security.ts";
import { forgetAllActors } from "../../platform/auth/actor-cache.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { audit } from "../audit/audit.ts";
import { authRefusal, forwardCookies, webHeaders } from "./auth-call.ts";
import { readSecuritySettings } from "./security-settings.repo.ts";

/**
 * The person's own two-factor sign-in, over Better Auth's twoFactor plugin. The plugin checks
 * the password, makes the TOTP key and the recovery codes and writes them through its own
 * connection; the audit entry follows in Rapport's transaction right after it succeeded.
 */
type Ctx = Pick<AppContext, "db" | "auth">;

export async function twoFactorStatus(ctx: Ctx, actor: Actor): Promise<TwoFactorStatus> {
  const row = await ctx.db
    .selectFrom("auth.twoFactor")
    .select(["verified", "backupCodes"])
    .where("userId", "=", actor.userId)
    .executeTakeFirst();
  const { requireTwoFactorRoles } = await readSecuritySettings(new TenantScope(ctx.db, actor.workspaceId));
  const enabled = row?.verified === true;
  return {
    enabled,
    pending: row !== undefined && !enabled,
    required: requireTwoFactorRoles.includes(actor.role),
    recoveryCodesLeft: enabled ? countCodes(row.backupCodes) : 0,
  };
}

function countCodes(stored: string): number {
  try {
    const list = JSON.parse(stored) as unknown;
    return Array.isArray(list) ? list.length : 0;
  } catch {
    return 0;
  }
}

function sessionOnly(actor: Actor) {
  if (actor.via !== "session")
    throw new AppError(
      "forbidden",
      "Two-factor sign-in is managed while signed in to the app, not with a token",
    );
}

/** Step 1: the password again, then a new key and recovery codes (not active until confirmed). */
export async function startEnrolment(
  ctx: Ctx,
  actor: Actor,
  request: FastifyRequest,
  password: string,
): Promise<TwoFactorEnrolment> {
  sessionOnly(actor);
  const result = await ctx.auth.api
    .enableTwoFactor({
      body: { password, issuer: `Rapport (${actor.workspaceName})` },
      headers: webHeaders(request),
    })
    .catch(authRefusal("password"));
  if (!("totpURI" in result) || !result.totpURI || !result.backupCodes)
    throw new AppError("internal", "The authenticator key could not be made");
  const secret = new URL(result.totpURI).searchParams.get("secret") ?? "";
  return { otpauthUri: result.totpURI, secret, recoveryCodes: result.backupCodes };
}

/** Step 2: a code from the app proves it holds the key; from now on sign-in asks for one. */
export async function confirmEnrolment(
  ctx: Ctx,
  actor: Actor,
  request: FastifyRequest,
  reply: FastifyReply,
  code: string,
): Promise<TwoFactorStatus> {
  sessionOnly(actor);
  const pending = await twoFactorStatus(ctx, actor);
  if (pending.enabled) throw new AppError("conflict", "Two-factor sign-in is already on", "code");
  if (!pending.pending) throw new AppError("conflict", "Start two-factor enrolment first", "code");
  const result = await ctx.auth.api
    .verifyTOTP({ body: { code }, headers: webHeaders(request), returnHeaders: true })
    .catch(authRefusal("code"));
  // Better Auth replaced the session (its user record changed): the browser gets the new cookie.
  forwardCookies(reply, result.headers);
  await record(ctx, actor, request, "2fa.enabled", {});
  forgetAllActors(); // the gate must let this person through at once
  return twoFactorStatus(ctx, actor);
}

export async function regenerateRecoveryCodes(
  ctx: Ctx,
  actor: Actor,
  request: FastifyRequest,
  password: string,
): Promise<{ recoveryCodes: string[] }> {
  sessionOnly(actor);
  if (!(await twoFactorStatus(ctx, actor)).enabled)
    throw new AppError("conflict", "Two-factor sign-in is not on", "password");
  const result = await ctx.auth.api
    .generateBackupCodes({ body: { password }, headers: webHeaders(request) })
    .catch(authRefusal("password"));
  await record(ctx, actor, request, "2fa.recovery_regenerated", {});
  return { recoveryCodes: result.backupCodes };
}

export async function disableTwoFactor(
  ctx: Ctx,
  actor: Actor,
  request: FastifyRequest,
  reply: FastifyReply,
  password: string,
): Promise<TwoFactorStatus> {
  sessionOnly(actor);
  const status = await twoFactorStatus(ctx, actor);
  if (!status.enabled && !status.pending)
    throw new AppError("conflict", "Two-factor sign-in is not on", "password");
  if (status.enabled && status.required)
    throw new AppError(
      "conflict",
      "Your workspace requires two-factor sign-in for your role, so it cannot be turned off",
      "password",
    );
  const result = await ctx.auth.api
    .disableTwoFactor({ body: { password }, headers: webHeaders(request), returnHeaders: true })
    .catch(authRefusal("password"));
  forwardCookies(reply, result.headers);
  if (status.enabled) await record(ctx, actor, request, "2fa.disabled", {});
  forgetAllActors();
  return twoFactorStatus(ctx, actor);
}

async function record(
  ctx: Ctx,
  actor: Actor,
  request: FastifyRequest,
  action: string,
  data: Record<string, unknown>,
) {
  await inTransaction(ctx.db, (tx) =>
    audit(new TenantScope(tx, actor.workspaceId), {
      actorUserId: actor.userId,
      action,
      subjectType: "user",
      subjectId: actor.userId,
      data,
      requestId: request.id,
    }),
  );
}
