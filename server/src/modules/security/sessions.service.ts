import { fromNodeHeaders } from "better-auth/node";
import type { FastifyRequest } from "fastify";
import type { SessionView } from "../../../../contracts/security.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError, notFound } from "../../platform/http/errors.ts";
import { audit } from "../audit/audit.ts";
import { deviceName } from "./device-name.ts";
import { deleteAllSessions, deleteSession, listActiveSessions } from "./sessions.repo.ts";

/**
 * A person's active sessions and signing out of them (issue #23). Better Auth reads the
 * session row on every request (no cookie cache is configured), so a deleted row ends that
 * browser's sign-in on its next request.
 */
type Ctx = Pick<AppContext, "db" | "auth">;

async function currentSessionId(ctx: Ctx, request: FastifyRequest): Promise<string | undefined> {
  const session = await ctx.auth.api.getSession({ headers: fromNodeHeaders(request.headers) });
  return session?.session.id;
}

export async function listSessions(ctx: Ctx, actor: Actor, request: FastifyRequest): Promise<SessionView[]> {
  const current = actor.via === "session" ? await currentSessionId(ctx, request) : undefined;
  const rows = await listActiveSessions(ctx.db, actor.userId);
  return rows.map((s) => ({
    id: s.id,
    device: deviceName(s.userAgent),
    ipAddress: s.ipAddress || null,
    createdAt: new Date(s.createdAt).toISOString(),
    // Better Auth refreshes a session's row when it extends it (at most daily), so this is
    // "last seen" to the day; a finer clock would cost a write per request.
    lastSeenAt: new Date(s.updatedAt).toISOString(),
    current: s.id === current,
  }));
}

export async function revokeSession(ctx: Ctx, actor: Actor, request: FastifyRequest, sessionId: string) {
  await inTransaction(ctx.db, async (tx) => {
    // Someone else's session id answers 404, exactly like one that does not exist.
    if (!(await deleteSession(tx, actor.userId, sessionId))) throw notFound("Session");
    await audit(new TenantScope(tx, actor.workspaceId), {
      actorUserId: actor.userId,
      action: "session.revoked",
      subjectType: "user",
      subjectId: actor.userId,
      data: { sessionId },
      requestId: request.id,
    });
  });
}

/** An admin ends every session of a staff member of their workspace (all browsers, at once). */
export async function signOutEverywhere(ctx: Ctx, actor: Actor, request: FastifyRequest, memberId: string) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const member = await scope
      .selectFrom("memberships")
      .select(["id", "user_id", "role"])
      .where("id", "=", memberId)
      .executeTakeFirst();
    if (!member) throw notFound("Member");
    if (member.role === "customer")
      throw new AppError("validation_failed", "customers are managed as customers, not staff", "id");
    const sessionsEnded = await deleteAllSessions(tx, member.user_id);
    await audit(scope, {
      actorUserId: actor.userId,
      action: "member.signed_out_everywhere",
      subjectType: "membership",
      subjectId: member.id,
      data: { sessionsEnded },
      requestId: request.id,
    });
    return { sessionsEnded };
  });
}
