import type { Executor } from "../../platform/db/tenant.ts";

/**
 * Better Auth's passkeys (auth.passkey, migration 0080). Like sessions they belong to a login,
 * not to a workspace, so they are reached by user id; the routes only ever pass the caller's own.
 */
export async function listPasskeys(db: Executor, userId: string) {
  return db
    .selectFrom("auth.passkey")
    .select(["id", "name", "aaguid", "backedUp", "createdAt"])
    .where("userId", "=", userId)
    .orderBy("createdAt", "desc")
    .orderBy("id")
    .execute();
}

/** Deletes one of the login's passkeys; answers its name, or undefined when it is not theirs. */
export async function deletePasskey(db: Executor, userId: string, passkeyId: string) {
  return db
    .deleteFrom("auth.passkey")
    .where("id", "=", passkeyId)
    .where("userId", "=", userId)
    .returning(["id", "name"])
    .executeTakeFirst();
}

/** Whether the login is active staff in some workspace (only staff add passkeys). */
export async function isStaffAnywhere(db: Executor, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("memberships")
    .select("id")
    .where("user_id", "=", userId)
    .where("status", "=", "active")
    .where("role", "!=", "customer")
    .executeTakeFirst();
  return row !== undefined;
}
