import type { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";

/** An assignee must be an active staff member of this workspace. */
export async function checkAssignee(scope: TenantScope, membershipId: string): Promise<string> {
  const m = await scope
    .selectFrom("memberships")
    .select(["id", "role", "status"])
    .where("id", "=", membershipId)
    .executeTakeFirst();
  if (!m || m.role === "customer")
    throw new AppError("validation_failed", "assigneeId is not a staff member", "assigneeId");
  if (m.status !== "active")
    throw new AppError("validation_failed", "assigneeId is deactivated", "assigneeId");
  return m.id;
}

export async function checkTeam(scope: TenantScope, teamId: string): Promise<string> {
  const t = await scope.selectFrom("teams").select("id").where("id", "=", teamId).executeTakeFirst();
  if (!t) throw new AppError("validation_failed", "teamId is not a team of this workspace", "teamId");
  return t.id;
}
