import { sql } from "kysely";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { audit } from "../audit/audit.ts";

type Ctx = Pick<AppContext, "db">;

export async function listTeams(ctx: Ctx, actor: Actor) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const teams = await scope.selectFrom("teams").select(["id", "name"]).orderBy("name").execute();
  const members = await scope
    .selectFrom("team_members")
    .innerJoin("memberships as m", "m.id", "team_members.membership_id")
    .innerJoin("auth.user as u", "u.id", "m.user_id")
    .select([
      "team_members.team_id as teamId",
      "m.id as id",
      "u.name as name",
      "u.email as email",
      "team_members.is_lead as isLead",
    ])
    .orderBy("u.name")
    .execute();
  return {
    items: teams.map((t) => ({
      ...t,
      members: members.filter((m) => m.teamId === t.id).map(({ teamId: _t, ...m }) => m),
    })),
  };
}

async function setTeamMembers(scope: TenantScope, teamId: string, memberIds: string[]) {
  const unique = [...new Set(memberIds)];
  if (unique.length > 0) {
    const staff = await scope
      .selectFrom("memberships")
      .select("id")
      .where("id", "in", unique)
      .where("role", "<>", "customer")
      .execute();
    if (staff.length !== unique.length) {
      throw new AppError("validation_failed", "memberIds must all be staff of this workspace", "memberIds");
    }
  }
  await scope.deleteFrom("team_members").where("team_id", "=", teamId).execute();
  for (const id of unique)
    await scope.insertInto("team_members", { team_id: teamId, membership_id: id }).execute();
}

/** Marks exactly these members as the team's leads; a lead who is not a member is refused. */
async function setTeamLeads(scope: TenantScope, teamId: string, leadIds: string[]) {
  const unique = [...new Set(leadIds)];
  const members = await scope
    .selectFrom("team_members")
    .select("membership_id")
    .where("team_id", "=", teamId)
    .execute();
  const memberSet = new Set(members.map((m) => m.membership_id));
  if (unique.some((id) => !memberSet.has(id)))
    throw new AppError("validation_failed", "leadIds must all be members of the team", "leadIds");
  await scope
    .updateTable("team_members")
    .set({ is_lead: sql<boolean>`membership_id = any(${unique}::uuid[])` })
    .where("team_id", "=", teamId)
    .execute();
}

export async function createTeam(
  ctx: Ctx,
  actor: Actor,
  input: { name: string; memberIds: string[]; leadIds?: string[] | undefined },
) {
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const clash = await scope
      .selectFrom("teams")
      .select("id")
      .where(sql`lower(name)`, "=", input.name.toLowerCase())
      .executeTakeFirst();
    if (clash) throw new AppError("conflict", `A team called ${input.name} already exists`, "name");
    const team = await scope
      .insertInto("teams", { name: input.name })
      .returning("id")
      .executeTakeFirstOrThrow();
    await setTeamMembers(scope, team.id, input.memberIds);
    if (input.leadIds?.length) await setTeamLeads(scope, team.id, input.leadIds);
    await audit(scope, {
      actorUserId: actor.userId,
      action: "team.created",
      subjectType: "team",
      subjectId: team.id,
      data: { name: input.name },
    });
  });
  return listTeams(ctx, actor);
}

export async function updateTeam(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { name?: string | undefined; memberIds?: string[] | undefined; leadIds?: string[] | undefined },
) {
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const team = await scope
      .selectFrom("teams")
      .select("id")
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!team) throw new AppError("not_found", "Team was not found");
    if (input.name) await scope.updateTable("teams").set({ name: input.name }).where("id", "=", id).execute();
    if (input.memberIds) {
      // Replacing the members keeps the leads who stay, unless leadIds says otherwise.
      const leads = await scope
        .selectFrom("team_members")
        .select("membership_id")
        .where("team_id", "=", id)
        .where("is_lead", "=", true)
        .execute();
      await setTeamMembers(scope, id, input.memberIds);
      const kept = leads.map((l) => l.membership_id).filter((m) => input.memberIds?.includes(m));
      if (!input.leadIds && kept.length > 0) await setTeamLeads(scope, id, kept);
    }
    if (input.leadIds) await setTeamLeads(scope, id, input.leadIds);
    if (input.leadIds || input.memberIds)
      await audit(scope, {
        actorUserId: actor.userId,
        action: "team.updated",
        subjectType: "team",
        subjectId: id,
        data: { memberIds: input.memberIds ?? null, leadIds: input.leadIds ?? null },
      });
  });
  return listTeams(ctx, actor);
}

/** Deleting a team leaves its cases in place, without a team. */
export async function deleteTeam(ctx: Ctx, actor: Actor, id: string) {
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const deleted = await scope.deleteFrom("teams").where("id", "=", id).executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) throw new AppError("not_found", "Team was not found");
    await audit(scope, {
      actorUserId: actor.userId,
      action: "team.deleted",
      subjectType: "team",
      subjectId: id,
    });
  });
}
