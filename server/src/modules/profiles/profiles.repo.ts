import { sql } from "kysely";
import type { Db } from "../../platform/db/pool.ts";
import { TenantScope } from "../../platform/db/tenant.ts";

/** An agent as customers and colleagues see them: their profile over their login's name. */
export type ProfileRow = {
  membershipId: string;
  userId: string;
  name: string;
  displayName: string | null;
  bio: string | null;
  languages: string[] | null;
  signOff: string | null;
  avatarKey: string | null;
  avatarType: string | null;
};

/** A staff member of this workspace with their profile (if they have written one). */
export async function findProfile(scope: TenantScope, membershipId: string): Promise<ProfileRow | undefined> {
  return scope.db
    .selectFrom("memberships as m")
    .innerJoin("auth.user as u", "u.id", "m.user_id")
    .leftJoin("agent_profiles as p", (j) =>
      j.onRef("p.membership_id", "=", "m.id").onRef("p.workspace_id", "=", "m.workspace_id"),
    )
    .select([
      "m.id as membershipId",
      "m.user_id as userId",
      "u.name",
      "p.display_name as displayName",
      "p.bio",
      "p.languages",
      "p.sign_off as signOff",
      "m.avatar_key as avatarKey",
      "m.avatar_type as avatarType",
    ])
    .where("m.id", "=", membershipId)
    .where("m.workspace_id", "=", scope.workspaceId)
    .where("m.role", "!=", "customer")
    .executeTakeFirst();
}

/** The name an agent goes by here: their profile's display name, else their login's name. */
export async function displayNameOf(scope: TenantScope, membershipId: string, fallback: string) {
  const row = await scope
    .selectFrom("agent_profiles")
    .select("display_name")
    .where("membership_id", "=", membershipId)
    .executeTakeFirst();
  return row?.display_name ?? fallback;
}

export async function agentPersonality(scope: TenantScope): Promise<boolean> {
  const row = await scope.selectFrom("agent_people_settings").select("agent_personality").executeTakeFirst();
  return row?.agent_personality ?? true; // on by default
}

/**
 * How an email reply presents its author: the display name for the From line, and the
 * personal sign-off to append when the workspace lets agents write in their own voice.
 */
export async function senderOf(db: Db, workspaceId: string, authorUserId: string | null) {
  if (!authorUserId) return { displayName: null, signOff: "" };
  const scope = new TenantScope(db, workspaceId);
  const row = await db
    .selectFrom("memberships as m")
    .leftJoin("agent_profiles as p", (j) =>
      j.onRef("p.membership_id", "=", "m.id").onRef("p.workspace_id", "=", "m.workspace_id"),
    )
    .select(["p.display_name as displayName", "p.sign_off as signOff"])
    .where("m.user_id", "=", authorUserId)
    .where("m.workspace_id", "=", workspaceId)
    .executeTakeFirst();
  const personal = row?.signOff ? await agentPersonality(scope) : false;
  return { displayName: row?.displayName ?? null, signOff: personal ? (row?.signOff ?? "") : "" };
}

/** The agent a customer's case is with: its assignee, else whoever of staff replied last. */
export async function caseAgentId(scope: TenantScope, caseId: string): Promise<string | null> {
  const c = await scope.selectFrom("cases").select("assignee_id").where("id", "=", caseId).executeTakeFirst();
  if (c?.assignee_id) return c.assignee_id;
  const last = await scope
    .selectFrom("messages")
    .innerJoin("memberships as m", (j) =>
      j
        .onRef("m.user_id", "=", "messages.author_user_id")
        .onRef("m.workspace_id", "=", "messages.workspace_id"),
    )
    .select("m.id")
    .where("messages.case_id", "=", caseId)
    .where("messages.kind", "=", "reply")
    .where("m.role", "!=", "customer")
    .orderBy(sql`messages.created_at`, "desc")
    .limit(1)
    .executeTakeFirst();
  return last?.id ?? null;
}
