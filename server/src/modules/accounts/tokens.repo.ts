import { sql } from "kysely";
import { exactTime, type Keyset } from "../../platform/db/cursor.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";

const tokenColumns = [
  "api_tokens.id as id",
  "api_tokens.name as name",
  "api_tokens.token_prefix as prefix",
  "u.email as ownerEmail",
  "api_tokens.created_at as createdAt",
  "api_tokens.last_used_at as lastUsedAt",
  "api_tokens.revoked_at as revokedAt",
] as const;

export async function insertToken(
  scope: TenantScope,
  input: { userId: string; name: string; hash: string; prefix: string },
) {
  const row = await scope
    .insertInto("api_tokens", {
      user_id: input.userId,
      name: input.name,
      token_hash: input.hash,
      token_prefix: input.prefix,
      last_used_at: null,
      revoked_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return findToken(scope, row.id);
}

export async function findToken(scope: TenantScope, id: string) {
  return scope
    .selectFrom("api_tokens")
    .innerJoin("auth.user as u", "u.id", "api_tokens.user_id")
    .select([...tokenColumns, "api_tokens.user_id as userId"])
    .where("api_tokens.id", "=", id)
    .executeTakeFirstOrThrow();
}

export async function findTokenOwner(scope: TenantScope, id: string) {
  return scope
    .selectFrom("api_tokens")
    .select(["id", "user_id as userId", "revoked_at as revokedAt"])
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Newest first. `ownerId` limits the list to one person's tokens. */
export async function listTokens(
  scope: TenantScope,
  opts: { ownerId: string | undefined; after: Keyset | undefined; limit: number },
) {
  let q = scope
    .selectFrom("api_tokens")
    .innerJoin("auth.user as u", "u.id", "api_tokens.user_id")
    .select([...tokenColumns, exactTime("api_tokens.created_at").as("cursorAt")])
    .orderBy("api_tokens.created_at", "desc")
    .orderBy("api_tokens.id", "desc")
    .limit(opts.limit + 1);
  if (opts.ownerId) q = q.where("api_tokens.user_id", "=", opts.ownerId);
  if (opts.after) {
    q = q.where(
      sql<boolean>`(api_tokens.created_at, api_tokens.id) < (${opts.after.at}::timestamptz, ${opts.after.id}::uuid)`,
    );
  }
  return q.execute();
}

export async function revokeToken(scope: TenantScope, id: string): Promise<void> {
  await scope
    .updateTable("api_tokens")
    .set({ revoked_at: new Date() })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .execute();
}

/** Recorded at most once a minute per token, so busy integrations don't write on every call. */
export async function touchToken(scope: TenantScope, id: string): Promise<void> {
  await scope
    .updateTable("api_tokens")
    .set({ last_used_at: new Date() })
    .where("id", "=", id)
    .where(sql<boolean>`(last_used_at is null or last_used_at < now() - interval '1 minute')`)
    .execute();
}
