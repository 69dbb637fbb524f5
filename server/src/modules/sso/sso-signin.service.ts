import type { SsoRefusal } from "../../../../contracts/sso.ts";
import { forgetAllActors } from "../../platform/auth/actor-cache.ts";
import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { publish } from "../../platform/realtime/publish.ts";
import { unseal } from "../../platform/sealed.ts";
import { findActorForUser, findMembership, insertMembership } from "../accounts/memberships.repo.ts";
import { findUserByEmail, insertUser } from "../accounts/users.repo.ts";
import { audit } from "../audit/audit.ts";
import { findWorkspaceForHost } from "../workspaces/workspaces.repo.ts";
import { applyGroupAccess, mappedAccess } from "./group-mapping.ts";
import { authorizationUrl, discover, exchangeCode, type VerifiedClaims } from "./oidc.ts";
import { findSsoSettings, insertPendingLogin, type SsoSettingsRow, takePendingLogin } from "./sso.repo.ts";
import { describe, SSO_SECRET_SEAL, ssoRedirectUrl } from "./sso.service.ts";
import type { SsoAuthHooks } from "./sso-auth-plugin.ts";

type Ctx = Pick<AppContext, "db" | "config" | "secret" | "log">;

export type SsoOutcome = { userId: string } | { refusal: SsoRefusal };

/** The workspace a browser on this host signs in to, and its SSO configuration if any. */
async function settingsForHost(ctx: Ctx, host: string | undefined) {
  const workspace = await findWorkspaceForHost(ctx.db, host);
  if (!workspace) return undefined;
  const scope = new TenantScope(ctx.db, workspace.id);
  const settings = await findSsoSettings(scope);
  return settings ? { workspaceId: workspace.id, scope, settings } : undefined;
}

export async function ssoEnabledForHost(ctx: Ctx, host: string | undefined): Promise<boolean> {
  return Boolean(await settingsForHost(ctx, host));
}

function oidcSettings(ctx: Ctx, row: SsoSettingsRow) {
  return {
    issuer: row.issuer,
    clientId: row.client_id,
    clientSecret: row.client_secret_enc
      ? unseal(ctx.secret, SSO_SECRET_SEAL, row.client_secret_enc)
      : undefined,
  };
}

/**
 * Starts a sign-in: the state, nonce and PKCE verifier are stored server-side and the browser
 * is sent to the provider. Answers the URL to redirect to (the login page with a reason when
 * SSO is not available).
 */
export async function startSsoSignIn(ctx: Ctx, host: string | undefined): Promise<string> {
  const found = await settingsForHost(ctx, host);
  if (!found) return loginUrl("not_configured");
  try {
    const config = await discover(oidcSettings(ctx, found.settings));
    const { url, pending } = await authorizationUrl(config, await ssoRedirectUrl(ctx, found.workspaceId));
    await insertPendingLogin(found.scope, pending);
    return url.href;
  } catch (err) {
    ctx.log.warn({ err: describe(err) }, "SSO: the provider could not be reached to start a sign-in");
    return loginUrl("provider_error");
  }
}

export const loginUrl = (refusal: SsoRefusal) => `/login?sso_error=${refusal}`;

/**
 * Finishes a sign-in from the provider's redirect: checks the state (single use), exchanges
 * the code (openid-client verifies the ID token and nonce), then finds the staff member by
 * verified email or creates one (JIT), applies the group mapping and audits the result.
 */
export async function completeSsoSignIn(
  ctx: Ctx,
  input: { host: string | undefined; url: URL },
): Promise<SsoOutcome> {
  const found = await settingsForHost(ctx, input.host);
  if (!found) return { refusal: "not_configured" };
  const { scope, settings, workspaceId } = found;
  const refuse = async (
    refusal: SsoRefusal,
    data: Record<string, unknown> = {},
    userId: string | null = null,
  ) => {
    await audit(scope, { actorUserId: userId, action: "sso.refused", data: { reason: refusal, ...data } });
    return { refusal };
  };
  const state = input.url.searchParams.get("state") ?? "";
  const pending = state ? await takePendingLogin(scope, state) : undefined;
  if (!pending) return refuse("bad_state");
  let claims: VerifiedClaims;
  try {
    const config = await discover(oidcSettings(ctx, settings));
    claims = await exchangeCode(config, input.url, await ssoRedirectUrl(ctx, workspaceId), {
      state: pending.state,
      nonce: pending.nonce,
      codeVerifier: pending.code_verifier,
    });
  } catch (err) {
    return refuse("provider_error", { detail: describe(err) });
  }
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  // An unverified address proves nothing: anyone could have typed it at the provider.
  if (!email || claims.email_verified !== true) return refuse("email_unverified", { subject: claims.sub });
  const domain = email.split("@")[1] ?? "";
  if (settings.allowed_domains.length > 0 && !settings.allowed_domains.includes(domain))
    return refuse("domain_not_allowed", { email });
  type Decision = { userId: string } | { refusal: SsoRefusal; userId: string | null };
  const outcome = await inTransaction(ctx.db, async (tx): Promise<Decision> => {
    const txScope = scope.with(tx);
    let user = await findUserByEmail(tx, email);
    const membership = user ? await findMembership(txScope, user.id) : undefined;
    if (membership?.role === "customer") return { refusal: "not_staff" as const, userId: user?.id ?? null };
    if (membership?.status === "deactivated")
      return { refusal: "deactivated" as const, userId: user?.id ?? null };
    const access = mappedAccess(settings, claims);
    let membershipId = membership?.id;
    if (!membershipId) {
      if (!settings.jit_enabled) return { refusal: "unknown_user" as const, userId: user?.id ?? null };
      const name = typeof claims.name === "string" ? claims.name.slice(0, 200) : "";
      user ??= await insertUser(tx, { email, name, emailVerified: true });
      const role = access.role ?? settings.jit_role;
      membershipId = (await insertMembership(txScope, user.id, role)).id;
      await audit(txScope, {
        actorUserId: null,
        action: "sso.user_created",
        subjectType: "membership",
        subjectId: membershipId,
        data: { email, role, issuer: settings.issuer },
      });
      await publish(tx, {
        workspaceId,
        audience: { kind: "staff" },
        event: { type: "member.joined", memberId: membershipId, role },
      });
    }
    const u = user as NonNullable<typeof user>;
    const applied = await applyGroupAccess(txScope, settings, { membershipId, userId: u.id }, access);
    await audit(txScope, {
      actorUserId: u.id,
      action: "sso.signed_in",
      subjectType: "membership",
      subjectId: membershipId,
      data: { issuer: settings.issuer, subject: claims.sub, ...applied },
    });
    return { userId: u.id };
  });
  if ("refusal" in outcome) return refuse(outcome.refusal, { email }, outcome.userId);
  // A role the mapping changed applies to the very next request.
  forgetAllActors();
  return { userId: outcome.userId };
}

/**
 * With "require SSO" on, a workspace's staff may not sign in with a password, except the named
 * break-glass admin. Answers the refusal message, or null to let Better Auth check the password
 * as usual. Customers (magic links) never reach this.
 *
 * The workspace that counts is the one the session will act in on this host, found the way every
 * request finds it (findActorForUser: the host's workspace if the person is a member, else their
 * first staff membership), not merely the host's workspace: otherwise a member of a workspace
 * that requires SSO could sign in with a password on another workspace's host and, being no
 * member there, land in their own workspace without SSO.
 */
export async function passwordSignInRefusal(
  ctx: Ctx,
  input: { email: string; host: string | undefined; method?: "password" | "passkey" },
): Promise<string | null> {
  const user = await findUserByEmail(ctx.db, input.email.trim());
  if (!user) return null;
  const actor = await findActorForUser(ctx.db, user.id, input.host);
  if (!actor || actor.role === "customer") return null;
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const settings = await findSsoSettings(scope);
  if (!settings?.require_sso || user.id === settings.break_glass_user_id) return null;
  await audit(scope, {
    actorUserId: user.id,
    action: "sso.refused",
    subjectType: "user",
    subjectId: user.id,
    data: { reason: `${input.method ?? "password"}_sign_in` },
  });
  return "This workspace requires single sign-on: use Sign in with SSO";
}

/** What Better Auth's SSO plugin (sso-auth-plugin.ts) calls back into. */
export function ssoAuthHooks(ctx: Ctx): SsoAuthHooks {
  return {
    complete: (input) => completeSsoSignIn(ctx, input),
    passwordRefusal: (input) => passwordSignInRefusal(ctx, input),
  };
}
