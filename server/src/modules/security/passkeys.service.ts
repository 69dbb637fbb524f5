import { getAuthenticatorName } from "@better-auth/passkey";
import type { FastifyRequest } from "fastify";
import type { PasskeyView } from "../../../../contracts/passkeys.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { notFound } from "../../platform/http/errors.ts";
import { audit } from "../audit/audit.ts";
import { deletePasskey, listPasskeys } from "./passkeys.repo.ts";

/**
 * A person's passkeys (issue #23). Adding one is the browser's conversation with Better Auth's
 * passkey plugin (WebAuthn needs the authenticator); its audit record is written by the hook in
 * passkeys.audit.ts. Listing and removing are Rapport's: removal deletes the row and writes
 * `passkey.removed` in one transaction, and the plugin's own delete endpoint is closed
 * (platform/auth/passkey.ts) so no removal escapes the log.
 */
type Ctx = Pick<AppContext, "db">;

export async function myPasskeys(ctx: Ctx, actor: Actor): Promise<PasskeyView[]> {
  const rows = await listPasskeys(ctx.db, actor.userId);
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    authenticator: getAuthenticatorName(p.aaguid ?? undefined) ?? null,
    backedUp: p.backedUp,
    createdAt: p.createdAt ? new Date(p.createdAt).toISOString() : null,
  }));
}

export async function removePasskey(ctx: Ctx, actor: Actor, request: FastifyRequest, passkeyId: string) {
  await inTransaction(ctx.db, async (tx) => {
    // Someone else's passkey answers 404, exactly like one that does not exist.
    const removed = await deletePasskey(tx, actor.userId, passkeyId);
    if (!removed) throw notFound("Passkey");
    await audit(new TenantScope(tx, actor.workspaceId), {
      actorUserId: actor.userId,
      action: "passkey.removed",
      subjectType: "user",
      subjectId: actor.userId,
      data: { passkeyId: removed.id, name: removed.name },
      requestId: request.id,
    });
  });
}
