import { forgetAllActors } from "../../platform/auth/actor-cache.ts";
import { newApiToken } from "../../platform/auth/api-tokens.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { decodeCursor, toPage } from "../../platform/db/cursor.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { notFound } from "../../platform/http/errors.ts";
import { publish } from "../../platform/realtime/publish.ts";
import { audit } from "../audit/audit.ts";
import { canRevokeToken, canSeeAllTokens } from "./accounts.policy.ts";
import { findTokenOwner, insertToken, listTokens, revokeToken } from "./tokens.repo.ts";

type Ctx = Pick<AppContext, "db">;

export async function createApiToken(ctx: Ctx, actor: Actor, name: string, requestId?: string) {
  const { token, hash, displayPrefix } = newApiToken();
  const row = await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const created = await insertToken(scope, { userId: actor.userId, name, hash, prefix: displayPrefix });
    await audit(scope, {
      actorUserId: actor.userId,
      action: "api_token.created",
      subjectType: "api_token",
      subjectId: created.id,
      data: { name },
      ...(requestId ? { requestId } : {}),
    });
    await publish(tx, {
      workspaceId: actor.workspaceId,
      audience: { kind: "user", userId: actor.userId },
      event: { type: "token.created", tokenId: created.id },
    });
    return created;
  });
  const { userId: _owner, ...visible } = row;
  return { ...visible, token };
}

/** Revoking someone else's token without the right is answered as if it did not exist. */
export async function revokeApiToken(ctx: Ctx, actor: Actor, id: string, requestId?: string) {
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const owner = await findTokenOwner(scope, id);
    if (!owner || !canRevokeToken(actor, owner.userId)) throw notFound("API token");
    if (owner.revokedAt) return;
    await revokeToken(scope, id);
    await audit(scope, {
      actorUserId: actor.userId,
      action: "api_token.revoked",
      subjectType: "api_token",
      subjectId: id,
      ...(requestId ? { requestId } : {}),
    });
    await publish(tx, {
      workspaceId: actor.workspaceId,
      audience: { kind: "user", userId: owner.userId },
      event: { type: "token.revoked", tokenId: id },
    });
  });
  // Committed: this process refuses the token from its very next request (others on NOTIFY).
  forgetAllActors();
}

export async function listApiTokens(
  ctx: Ctx,
  actor: Actor,
  query: { cursor?: string | undefined; limit: number },
) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const rows = await listTokens(scope, {
    ownerId: canSeeAllTokens(actor) ? undefined : actor.userId,
    after: decodeCursor(query.cursor),
    limit: query.limit,
  });
  const page = toPage(rows, query.limit, (r) => [r.cursorAt, r.id]);
  return { ...page, items: page.items.map(({ cursorAt: _c, ...token }) => token) };
}
