import { randomUUID } from "node:crypto";
import { hashPassword, verifyPassword } from "better-auth/crypto";
import type { Executor } from "../../platform/db/tenant.ts";

/**
 * Rapport writes Better Auth's user and credential rows itself when it creates staff, so the
 * user, the membership and the audit entry land in one transaction. The password hash comes
 * from Better Auth's own hasher (scrypt), so its sign-in verifies it as usual.
 */
export async function findUserByEmail(db: Executor, email: string) {
  return db
    .selectFrom("auth.user")
    .select(["id", "name", "email"])
    .where("email", "=", email.toLowerCase())
    .executeTakeFirst();
}

export async function insertUser(
  db: Executor,
  input: { email: string; name: string; emailVerified?: boolean },
) {
  const now = new Date();
  return db
    .insertInto("auth.user")
    .values({
      id: randomUUID(),
      email: input.email.toLowerCase(),
      name: input.name,
      emailVerified: input.emailVerified ?? false,
      image: null,
      createdAt: now,
      updatedAt: now,
    })
    .returning(["id", "name", "email"])
    .executeTakeFirstOrThrow();
}

export async function setPassword(db: Executor, userId: string, password: string): Promise<void> {
  const hash = await hashPassword(password);
  const now = new Date();
  const updated = await db
    .updateTable("auth.account")
    .set({ password: hash, updatedAt: now })
    .where("userId", "=", userId)
    .where("providerId", "=", "credential")
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return;
  await db
    .insertInto("auth.account")
    .values({
      id: randomUUID(),
      accountId: userId,
      providerId: "credential",
      userId,
      password: hash,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
}

/**
 * Whether `password` is the login's own: "no-password" when it has none (it signs in through
 * single sign-on or magic links only). Better Auth's verifier, the same one its sign-in uses.
 */
export async function checkOwnPassword(
  db: Executor,
  userId: string,
  password: string,
): Promise<"right" | "wrong" | "no-password"> {
  const row = await db
    .selectFrom("auth.account")
    .select("password")
    .where("userId", "=", userId)
    .where("providerId", "=", "credential")
    .executeTakeFirst();
  if (!row?.password) return "no-password";
  return (await verifyPassword({ hash: row.password, password })) ? "right" : "wrong";
}

export async function renameUserIfBlank(db: Executor, userId: string, name: string): Promise<void> {
  await db
    .updateTable("auth.user")
    .set({ name, updatedAt: new Date() })
    .where("id", "=", userId)
    .where("name", "=", "")
    .execute();
}
