import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { HandToLeadResult } from "../../../../../contracts/conduct-assess.ts";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { lockCase } from "../../cases/cases.repo.ts";
import { applyCasePatch, assertNotMerged } from "../../cases/cases.service.ts";
import { notifyStaff } from "../../notifications/notify.ts";
import { appendEvent } from "../../timeline/timeline.ts";

type Ctx = Pick<AppContext, "db">;

/**
 * "I'd rather not continue this one" (issue #20): the agent hands the case to a lead in one
 * step, no reason asked. The lead of the case's team with the fewest open cases takes it; a
 * case with no team or no other lead goes to the least loaded admin. The lead is told through
 * the bell. 409 when nobody but the agent could take it.
 */
export async function handToLead(ctx: Ctx, actor: Actor, caseId: string): Promise<HandToLeadResult> {
  if (!actor.permissions.includes("cases.work")) {
    throw new AppError("forbidden", "Your role may read cases but not change them");
  }
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const current = await lockCase(scope, caseId);
    if (!current) throw new AppError("not_found", "Case was not found");
    assertNotMerged(current);
    const lead =
      (await leastLoaded(scope, actor, current.teamId, "lead")) ??
      (await leastLoaded(scope, actor, null, "admin"));
    if (!lead)
      throw new AppError("conflict", "There is no lead or admin other than you to hand this case to");
    await applyCasePatch(scope, actor, current, { assigneeId: lead.membership_id });
    await appendEvent(scope, {
      customerId: current.customerId,
      caseId,
      kind: "case.handed_to_lead",
      data: { toId: lead.membership_id, toName: lead.name },
      doer: { userId: actor.userId, name: actor.name },
    });
    await notifyStaff(scope, [
      {
        recipientUserId: lead.user_id,
        kind: "case.handed_to_lead",
        title: `${actor.name} handed you case #${current.number}`,
        summary: current.subject,
        caseId,
        subjectType: "case",
        // Each hand-over is its own notice (a case may come back to a lead twice).
        subjectId: randomUUID(),
      },
    ]);
    return { caseId, assigneeId: lead.membership_id, assigneeName: lead.name };
  });
}

async function leastLoaded(scope: TenantScope, actor: Actor, teamId: string | null, who: "lead" | "admin") {
  if (who === "lead" && !teamId) return undefined;
  const { rows } = await sql<{ membership_id: string; user_id: string; name: string }>`
    select m.id as membership_id, m.user_id, u.name from memberships m
      join auth."user" u on u.id = m.user_id
     where m.workspace_id = ${scope.workspaceId} and m.status = 'active' and m.id <> ${actor.membershipId}
       and ${
         who === "lead"
           ? sql`exists (select 1 from team_members tm where tm.membership_id = m.id and tm.is_lead
                         and tm.team_id = ${teamId}::uuid)`
           : sql`m.role = 'admin'`
       }
     order by (select count(*) from cases c where c.workspace_id = m.workspace_id and c.assignee_id = m.id
                 and c.status in ('new', 'open', 'pending', 'on_hold')), u.name, m.id
     limit 1`.execute(scope.db);
  return rows[0];
}
