import type { SsoSettings, SsoSettingsInput } from "../../../../contracts/sso.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { seal } from "../../platform/sealed.ts";
import { audit } from "../audit/audit.ts";
import { workspaceUrl } from "../workspaces/workspace-url.ts";
import { discover } from "./oidc.ts";
import {
  deleteSsoSettings,
  existingTeamIds,
  findMembershipById,
  findMembershipByUser,
  findSsoSettings,
  upsertSsoSettings,
} from "./sso.repo.ts";

type Ctx = Pick<AppContext, "db" | "config" | "secret">;

/** The purpose the client secret is sealed under (sealed.ts derives a key per purpose). */
export const SSO_SECRET_SEAL = "sso-client-secret";
export const SSO_CALLBACK_PATH = "/api/auth/sso/callback";

export async function ssoRedirectUrl(ctx: Pick<AppContext, "db" | "config">, workspaceId: string) {
  return `${await workspaceUrl(ctx, workspaceId)}${SSO_CALLBACK_PATH}`;
}

export async function getSsoSettings(ctx: Ctx, actor: Actor): Promise<SsoSettings> {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const row = await findSsoSettings(scope);
  const breakGlass = row?.break_glass_user_id
    ? await findMembershipByUser(scope, row.break_glass_user_id)
    : undefined;
  return {
    configured: Boolean(row),
    issuer: row?.issuer ?? null,
    clientId: row?.client_id ?? null,
    clientSecret: row?.client_secret_enc ? "set" : "not set",
    allowedDomains: row?.allowed_domains ?? [],
    jitEnabled: row?.jit_enabled ?? false,
    jitRole: row?.jit_role ?? "agent",
    groupClaim: row?.group_claim ?? null,
    groupMappings: row?.group_mappings ?? [],
    requireSso: row?.require_sso ?? false,
    breakGlassMemberId: breakGlass?.id ?? null,
    redirectUrl: await ssoRedirectUrl(ctx, actor.workspaceId),
  };
}

/** Saves the whole configuration in one transaction, audited as "sso.configured". */
export async function saveSsoSettings(ctx: Ctx, actor: Actor, input: SsoSettingsInput): Promise<SsoSettings> {
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const current = await findSsoSettings(scope);
    let breakGlassUserId: string | null = null;
    if (input.breakGlassMemberId) {
      const m = await findMembershipById(scope, input.breakGlassMemberId);
      if (m?.role !== "admin" || m.status !== "active")
        throw new AppError(
          "validation_failed",
          "The break-glass account must be an active admin",
          "breakGlassMemberId",
        );
      breakGlassUserId = m.user_id;
    }
    if (input.requireSso && !breakGlassUserId)
      throw new AppError(
        "validation_failed",
        "Name a break-glass admin who may still sign in with a password before requiring SSO",
        "breakGlassMemberId",
      );
    const teamIds = [...new Set(input.groupMappings.flatMap((m) => m.teamIds))];
    const found = new Set(await existingTeamIds(scope, teamIds));
    const missing = input.groupMappings.findIndex((m) => m.teamIds.some((id) => !found.has(id)));
    if (missing >= 0)
      throw new AppError("validation_failed", "That team does not exist", `groupMappings.${missing}.teamIds`);
    if (input.groupMappings.length > 0 && !input.groupClaim)
      throw new AppError("validation_failed", "Name the claim that carries the groups", "groupClaim");
    await upsertSsoSettings(scope, {
      issuer: input.issuer,
      client_id: input.clientId,
      ...(input.clientSecret
        ? { client_secret_enc: seal(ctx.secret, SSO_SECRET_SEAL, input.clientSecret) }
        : {}),
      allowed_domains: [...new Set(input.allowedDomains)],
      jit_enabled: input.jitEnabled,
      jit_role: input.jitRole,
      group_claim: input.groupClaim,
      group_mappings: input.groupMappings,
      require_sso: input.requireSso,
      break_glass_user_id: breakGlassUserId,
    });
    await audit(scope, {
      actorUserId: actor.userId,
      action: "sso.configured",
      subjectType: "workspace",
      subjectId: actor.workspaceId,
      // Never the secret: only whether it changed.
      data: {
        issuer: input.issuer,
        clientId: input.clientId,
        secretChanged: Boolean(input.clientSecret) || !current,
        allowedDomains: input.allowedDomains,
        jitEnabled: input.jitEnabled,
        jitRole: input.jitRole,
        groupMappings: input.groupMappings.length,
        requireSso: input.requireSso,
      },
    });
  });
  return getSsoSettings(ctx, actor);
}

export async function removeSsoSettings(ctx: Ctx, actor: Actor): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    if (!(await deleteSsoSettings(scope)))
      throw new AppError("not_found", "Single sign-on is not configured");
    await audit(scope, {
      actorUserId: actor.userId,
      action: "sso.removed",
      subjectType: "workspace",
      subjectId: actor.workspaceId,
    });
  });
}

/** Fetches the provider's discovery document, so an admin sees a typo before saving. */
export async function testDiscovery(issuer: string) {
  try {
    const config = await discover({ issuer, clientId: "rapport-discovery-check", clientSecret: undefined });
    const meta = config.serverMetadata();
    return {
      ok: true,
      issuer: meta.issuer,
      authorizationEndpoint: meta.authorization_endpoint ?? null,
      error: null,
    };
  } catch (err) {
    return { ok: false, issuer: null, authorizationEndpoint: null, error: describe(err) };
  }
}

export function describe(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.slice(0, 300);
}
