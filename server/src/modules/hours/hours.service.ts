import { sql } from "kysely";
import type { BusinessHoursInput } from "../../../../contracts/sla.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { forgetWorkspaceFlags } from "../../platform/db/workspace-flags.ts";
import { AppError, forbidden } from "../../platform/http/errors.ts";
import { audit } from "../audit/audit.ts";
import { recomputeOpenCases } from "../sla/recompute.ts";
import { isValidZone } from "./calendar.ts";
import { findCalendar, listCalendars, presentCalendar } from "./hours.repo.ts";
import { makesCycle } from "./on-duty.ts";

type Ctx = Pick<AppContext, "db">;

function assertManage(actor: Actor) {
  if (!actor.permissions.includes("team.manage")) throw forbidden("Only admins change business hours");
}

const notFound = () => new AppError("not_found", "Business hours were not found", "id");

/** What zod cannot say on its own: a real zone, no overlapping periods, a team and chain that exist. */
async function validate(scope: TenantScope, input: BusinessHoursInput, id: string | null) {
  if (!isValidZone(input.timezone)) {
    throw new AppError("validation_failed", `${input.timezone} is not an IANA time zone`, "timezone");
  }
  const sorted = input.periods
    .map((p, i) => ({ ...p, i }))
    .sort((a, b) => a.day - b.day || a.start.localeCompare(b.start));
  for (let k = 1; k < sorted.length; k++) {
    const a = sorted[k - 1];
    const b = sorted[k];
    if (a && b && a.day === b.day && b.start < a.end) {
      throw new AppError(
        "validation_failed",
        "Periods of the same day must not overlap",
        `periods.${b.i}.start`,
      );
    }
  }
  if (input.teamId) {
    const team = await scope
      .selectFrom("teams")
      .select("id")
      .where("id", "=", input.teamId)
      .executeTakeFirst();
    if (!team) throw new AppError("validation_failed", "Team was not found", "teamId");
  }
  if (input.followOnId) {
    const all = await scope.selectFrom("business_calendars").select(["id", "follow_on_id"]).execute();
    if (!all.some((r) => r.id === input.followOnId)) {
      throw new AppError("validation_failed", "The follow-on business hours were not found", "followOnId");
    }
    if (input.followOnId === id || (id && makesCycle(all, id, input.followOnId))) {
      throw new AppError(
        "validation_failed",
        "The follow-the-sun chain would loop back to itself",
        "followOnId",
      );
    }
  }
}

async function assertFree(scope: TenantScope, teamId: string | null, id: string | null) {
  let q = scope.selectFrom("business_calendars").select("id");
  q = teamId ? q.where("team_id", "=", teamId) : q.where("team_id", "is", null);
  const other = await q.executeTakeFirst();
  if (other && other.id !== id) {
    throw new AppError(
      "conflict",
      teamId ? "This team already has business hours" : "The workspace already has default business hours",
      "teamId",
    );
  }
}

function columns(input: BusinessHoursInput) {
  return {
    name: input.name,
    team_id: input.teamId ?? null,
    timezone: input.timezone,
    periods: JSON.stringify(input.periods),
    holidays: JSON.stringify([...new Set(input.holidays)].sort()),
    follow_on_id: input.followOnId ?? null,
  };
}

export async function listBusinessHours(ctx: Ctx, actor: Actor) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const now = new Date();
  return { items: (await listCalendars(scope)).map((r) => presentCalendar(r, now)) };
}

export async function getBusinessHours(ctx: Ctx, actor: Actor, id: string) {
  const row = await findCalendar(new TenantScope(ctx.db, actor.workspaceId), id);
  if (!row) throw notFound();
  return presentCalendar(row);
}

export async function createBusinessHours(ctx: Ctx, actor: Actor, input: BusinessHoursInput) {
  assertManage(actor);
  const row = await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    await validate(scope, input, null);
    await assertFree(scope, input.teamId ?? null, null);
    const created = await scope
      .insertInto("business_calendars", columns(input))
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "business_hours.created",
      subjectType: "business_hours",
      subjectId: created.id,
      data: { name: input.name },
    });
    return created;
  });
  forgetWorkspaceFlags(); // new cases' dues use the calendars (sla/on-create.ts)
  await recomputeOpenCases(new TenantScope(ctx.db, actor.workspaceId));
  return presentCalendar(row);
}

export async function updateBusinessHours(ctx: Ctx, actor: Actor, id: string, input: BusinessHoursInput) {
  assertManage(actor);
  const row = await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    if (!(await findCalendar(scope, id))) throw notFound();
    await validate(scope, input, id);
    await assertFree(scope, input.teamId ?? null, id);
    const updated = await scope
      .updateTable("business_calendars")
      .set({ ...columns(input), updated_at: sql`now()` })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "business_hours.updated",
      subjectType: "business_hours",
      subjectId: id,
      data: { name: input.name },
    });
    return updated;
  });
  // Open cases' dues follow the new hours (sla/recompute.ts).
  forgetWorkspaceFlags(); // new cases' dues use the calendars (sla/on-create.ts)
  await recomputeOpenCases(new TenantScope(ctx.db, actor.workspaceId));
  return presentCalendar(row);
}

export async function deleteBusinessHours(ctx: Ctx, actor: Actor, id: string) {
  assertManage(actor);
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const row = await findCalendar(scope, id);
    if (!row) throw notFound();
    await scope.deleteFrom("business_calendars").where("id", "=", id).execute();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "business_hours.deleted",
      subjectType: "business_hours",
      subjectId: id,
      data: { name: row.name },
    });
  });
  forgetWorkspaceFlags(); // new cases' dues use the calendars (sla/on-create.ts)
  await recomputeOpenCases(new TenantScope(ctx.db, actor.workspaceId));
}
