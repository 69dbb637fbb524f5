import type { SlaPolicyInput, SlaPolicyPatch } from "../../../../contracts/sla.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { forgetWorkspaceFlags } from "../../platform/db/workspace-flags.ts";
import { AppError, forbidden } from "../../platform/http/errors.ts";
import { iso } from "../../platform/http/route-kit.ts";
import { audit } from "../audit/audit.ts";
import { recomputeOpenCases } from "./recompute.ts";

type Ctx = Pick<AppContext, "db">;
type Row = {
  id: string;
  name: string;
  position: number;
  conditions: SlaPolicyInput["conditions"];
  targets: SlaPolicyInput["targets"];
  calendar: "team" | "always";
  created_at: unknown;
  updated_at: unknown;
};

function assertManage(actor: Actor) {
  if (!actor.permissions.includes("team.manage")) throw forbidden("Only admins change SLA policies");
}
const notFound = () => new AppError("not_found", "SLA policy was not found", "id");

export function presentPolicy(r: Row) {
  return {
    id: r.id,
    name: r.name,
    position: r.position,
    conditions: r.conditions,
    targets: r.targets,
    calendar: r.calendar,
    createdAt: iso(r.created_at as Date),
    updatedAt: iso(r.updated_at as Date),
  };
}

export async function listPolicies(ctx: Ctx, actor: Actor) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const rows = await scope
    .selectFrom("sla_policies")
    .selectAll()
    .orderBy("position")
    .orderBy("created_at")
    .execute();
  return { items: rows.map((r) => presentPolicy(r as Row)) };
}

export async function createPolicy(ctx: Ctx, actor: Actor, input: SlaPolicyInput) {
  assertManage(actor);
  const row = await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    forgetWorkspaceFlags(); // case creation now has SLA work to do (cases/create-case.repo.ts)
    const created = await scope
      .insertInto("sla_policies", {
        name: input.name,
        position: input.position,
        conditions: JSON.stringify(input.conditions),
        targets: JSON.stringify(input.targets),
        calendar: input.calendar,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "sla_policy.created",
      subjectType: "sla_policy",
      subjectId: created.id,
      data: { name: input.name },
    });
    return created;
  });
  forgetWorkspaceFlags(); // new cases' dues come from the remembered policies (sla/on-create.ts)
  await recomputeOpenCases(new TenantScope(ctx.db, actor.workspaceId));
  return presentPolicy(row as Row);
}

export async function updatePolicy(ctx: Ctx, actor: Actor, id: string, patch: SlaPolicyPatch) {
  assertManage(actor);
  const row = await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const set: Record<string, unknown> = { updated_at: new Date() };
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.position !== undefined) set.position = patch.position;
    if (patch.conditions !== undefined) set.conditions = JSON.stringify(patch.conditions);
    if (patch.targets !== undefined) set.targets = JSON.stringify(patch.targets);
    if (patch.calendar !== undefined) set.calendar = patch.calendar;
    const updated = await scope
      .updateTable("sla_policies")
      .set(set)
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw notFound();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "sla_policy.updated",
      subjectType: "sla_policy",
      subjectId: id,
      data: { ...patch },
    });
    return updated;
  });
  forgetWorkspaceFlags(); // new cases' dues come from the remembered policies (sla/on-create.ts)
  await recomputeOpenCases(new TenantScope(ctx.db, actor.workspaceId));
  return presentPolicy(row as Row);
}

export async function deletePolicy(ctx: Ctx, actor: Actor, id: string) {
  assertManage(actor);
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const gone = await scope
      .deleteFrom("sla_policies")
      .where("id", "=", id)
      .returning("name")
      .executeTakeFirst();
    if (!gone) throw notFound();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "sla_policy.deleted",
      subjectType: "sla_policy",
      subjectId: id,
      data: { name: gone.name },
    });
  });
  forgetWorkspaceFlags(); // new cases' dues come from the remembered policies (sla/on-create.ts)
  await recomputeOpenCases(new TenantScope(ctx.db, actor.workspaceId));
}
