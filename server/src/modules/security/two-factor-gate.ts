import type { FastifyRequest } from "fastify";
import { cachedActor } from "../../platform/auth/actor-cache.ts";
import type { Actor } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";
import { hasConfirmedTwoFactor, readSecuritySettings } from "./security-settings.repo.ts";

/**
 * The required-2FA gate (issue #23). When an admin requires two-factor sign-in for a role, a
 * person of that role who signed in with a password but has not enrolled may reach only what
 * enrolment needs: who they are (/api/v1/me), the enrolment routes (/api/v1/me/2fa...) and
 * signing out (Better Auth's own route, which never passes here). Everything else answers 403
 * `two_factor_required`, so the rule holds for any client, not only the web app.
 *
 * API tokens are not gated: a token is created by a signed-in person (who passed this gate)
 * and is revocable; it is a credential of its own.
 *
 * The answer is cached like the actor itself and forgotten on the same notices (migration
 * 0072 announces changes to the workspace's rules and to a login's 2FA).
 */
const OPEN_ROUTES = new Set(["/api/v1/me", "/api/v1/me/2fa"]);

export function isOpenDuringEnrolment(routeUrl: string | undefined): boolean {
  if (!routeUrl) return false;
  return OPEN_ROUTES.has(routeUrl) || routeUrl.startsWith("/api/v1/me/2fa/");
}

export async function mustEnrolFirst(db: Parameters<typeof hasConfirmedTwoFactor>[0], actor: Actor) {
  const need = await cachedActor(`2fa:${actor.workspaceId}:${actor.userId}:${actor.role}`, async () => {
    const { requireTwoFactorRoles } = await readSecuritySettings(new TenantScope(db, actor.workspaceId));
    if (!requireTwoFactorRoles.includes(actor.role)) return false;
    return !(await hasConfirmedTwoFactor(db, actor.userId));
  });
  return need === true;
}

export async function enforceTwoFactor(
  request: Pick<FastifyRequest, "server"> & { routeOptions?: { url?: string | undefined } },
  actor: Actor,
): Promise<void> {
  if (actor.via !== "session" || actor.role === "customer") return;
  if (isOpenDuringEnrolment(request.routeOptions?.url)) return;
  if (await mustEnrolFirst(request.server.ctx.db, actor))
    throw new AppError(
      "two_factor_required",
      "Your workspace requires two-factor sign-in for your role: set it up in your profile first",
    );
}
