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
    .select(["team_members.team_id as teamId", "m.id as id", "u.name as name", "u.email as email"])
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

export async function createTeam(ctx: Ctx, actor: Actor, input: { name: string; memberIds: string[] }) {
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
  input: { name?: string | undefined; memberIds?: string[] | undefined },
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
    if (input.memberIds) await setTeamMembers(scope, id, input.memberIds);
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
