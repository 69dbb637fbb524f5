import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { imageUrl } from "../../platform/images.ts";
import { audit } from "../audit/audit.ts";

/**
 * The name is the login's (auth.user, shared by every workspace the person belongs to); the
 * picture and UI language are the membership's, Rapport's own row for this workspace.
 */
type Ctx = Pick<AppContext, "db">;

export async function readProfile(ctx: Ctx, actor: Actor) {
  const row = await ctx.db
    .selectFrom("memberships as m")
    .innerJoin("auth.user as u", "u.id", "m.user_id")
    .select(["u.name", "u.email", "m.locale", "m.avatar_key"])
    .where("m.id", "=", actor.membershipId)
    .executeTakeFirstOrThrow();
  return {
    name: row.name,
    email: row.email,
    locale: row.locale,
    avatarUrl: imageUrl("/api/v1/me/avatar", row.avatar_key),
  };
}

export async function updateProfile(
  ctx: Ctx,
  actor: Actor,
  input: { name?: string; locale?: string | null },
) {
  await inTransaction(ctx.db, async (tx) => {
    if (input.name)
      await tx
        .updateTable("auth.user")
        .set({ name: input.name, updatedAt: new Date() })
        .where("id", "=", actor.userId)
        .execute();
    const scope = new TenantScope(tx, actor.workspaceId);
    if (input.locale !== undefined)
      await scope
        .updateTable("memberships")
        .set({ locale: input.locale })
        .where("id", "=", actor.membershipId)
        .execute();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "profile.updated",
      subjectType: "membership",
      subjectId: actor.membershipId,
      data: input,
    });
  });
}

export async function setAvatar(ctx: Ctx, actor: Actor, image: { key: string; type: string } | null) {
  await new TenantScope(ctx.db, actor.workspaceId)
    .updateTable("memberships")
    .set({ avatar_key: image?.key ?? null, avatar_type: image?.type ?? null })
    .where("id", "=", actor.membershipId)
    .execute();
}
