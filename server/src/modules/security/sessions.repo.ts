import { sql } from "kysely";
import type { Executor } from "../../platform/db/tenant.ts";

/**
 * Better Auth's sessions (auth.session). Sessions belong to a login, not to a workspace, so
 * they are reached by user id; the routes only ever pass the caller's own user id, or the
 * user id of a member found through the admin's TenantScope.
 */
export async function listActiveSessions(db: Executor, userId: string) {
  return db
    .selectFrom("auth.session")
    .select(["id", "userAgent", "ipAddress", "createdAt", "updatedAt"])
    .where("userId", "=", userId)
    .where("expiresAt", ">", sql<Date>`now()`)
    .orderBy("updatedAt", "desc")
    .orderBy("id")
    .execute();
}

export async function deleteSession(db: Executor, userId: string, sessionId: string): Promise<boolean> {
  const result = await db
    .deleteFrom("auth.session")
    .where("id", "=", sessionId)
    .where("userId", "=", userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function deleteAllSessions(db: Executor, userId: string): Promise<number> {
  const result = await db.deleteFrom("auth.session").where("userId", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
