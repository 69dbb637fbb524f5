import { sql } from "kysely";
import { exactTime, type Keyset } from "../../platform/db/cursor.ts";
import type { Role } from "../../platform/db/schema.ts";
import type { Executor, TenantScope } from "../../platform/db/tenant.ts";

/** What the HTTP layer needs to know about who is calling, in which workspace. */
export type ActorRow = {
  userId: string;
  email: string;
  name: string;
  membershipId: string;
  role: Role;
  locale: string | null;
  workspaceId: string;
  workspaceName: string;
  workspaceLocale: string;
  workspaceRegion: string;
};

const actorColumns = [
  "u.id as userId",
  "u.email as email",
  "u.name as name",
  "m.id as membershipId",
  "m.role as role",
  "m.locale as locale",
  "w.id as workspaceId",
  "w.name as workspaceName",
  "w.default_locale as workspaceLocale",
  "w.default_region as workspaceRegion",
] as const;

/**
 * The signed-in user's active membership. Resolving the workspace is the entry into tenant
 * scope, so it is the one membership query not made through a TenantScope. A user in several
 * workspaces gets the one serving this host, then staff roles before customer ones.
 */
export async function findActorForUser(db: Executor, userId: string, host: string | undefined) {
  const hostname = host?.split(":")[0]?.toLowerCase() ?? "";
  return (
    db
      .selectFrom("memberships as m")
      .innerJoin("workspaces as w", "w.id", "m.workspace_id")
      .innerJoin("auth.user as u", "u.id", "m.user_id")
      .select(actorColumns)
      .where("m.user_id", "=", userId)
      .where("m.status", "=", "active")
      // The workspace serving this host is found as findWorkspaceForHost finds it: the one with
      // this host name, else the first workspace (which answers every other host). Comparing
      // host names alone missed that fallback: a person in the first workspace and in another
      // landed in the other one on the first workspace's address, and could never reach the first.
      .orderBy(
        sql`w.id = (select s.id from workspaces s
                   order by s.host is not distinct from ${hostname} desc, s.created_at limit 1)`,
        "desc",
      )
      .orderBy(sql`m.role = 'customer'`)
      .orderBy("m.created_at")
      .limit(1)
      .executeTakeFirst() as Promise<ActorRow | undefined>
  );
}

/** The actor behind an API token: the token's workspace, its owner's active membership there. */
export async function findActorForTokenHash(db: Executor, tokenHash: string) {
  return db
    .selectFrom("api_tokens as t")
    .innerJoin("memberships as m", (j) =>
      j.onRef("m.user_id", "=", "t.user_id").onRef("m.workspace_id", "=", "t.workspace_id"),
    )
    .innerJoin("workspaces as w", "w.id", "t.workspace_id")
    .innerJoin("auth.user as u", "u.id", "t.user_id")
    .select([...actorColumns, "t.id as tokenId", "t.last_used_at as lastUsedAt"])
    .where("t.token_hash", "=", tokenHash)
    .where("t.revoked_at", "is", null)
    .where("m.status", "=", "active")
    .executeTakeFirst() as Promise<(ActorRow & { tokenId: string; lastUsedAt: Date | null }) | undefined>;
}

export async function findMembership(scope: TenantScope, userId: string) {
  return scope
    .selectFrom("memberships")
    .select(["id", "role", "status"])
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

export async function insertMembership(scope: TenantScope, userId: string, role: Role) {
  return scope
    .insertInto("memberships", { user_id: userId, role, locale: null })
    .returning(["id", "role"])
    .executeTakeFirstOrThrow();
}

export async function listMembers(scope: TenantScope, after: Keyset | undefined, limit: number) {
  let q = scope
    .selectFrom("memberships")
    .innerJoin("auth.user as u", "u.id", "memberships.user_id")
    .select([
      "memberships.id as id",
      "memberships.user_id as userId",
      "u.name as name",
      "u.email as email",
      "memberships.role as role",
      "memberships.status as status",
      "memberships.created_at as createdAt",
      exactTime("memberships.created_at").as("cursorAt"),
    ])
    .orderBy("memberships.created_at")
    .orderBy("memberships.id")
    .limit(limit + 1);
  if (after) {
    q = q.where(
      sql<boolean>`(memberships.created_at, memberships.id) > (${after.at}::timestamptz, ${after.id}::uuid)`,
    );
  }
  return q.execute();
}
