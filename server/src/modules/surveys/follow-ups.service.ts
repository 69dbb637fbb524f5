import type { z } from "zod";
import type { surveyFollowUpPatchSchema, surveyFollowUpsQuerySchema } from "../../../../contracts/surveys.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { iso } from "../../platform/http/route-kit.ts";
import { audit } from "../audit/audit.ts";

type Ctx = Pick<AppContext, "db">;
type Scope = TenantScope;

function select(scope: Scope) {
  return scope.db
    .selectFrom("survey_follow_ups as f")
    .where("f.workspace_id", "=", scope.workspaceId)
    .innerJoin("survey_responses as r", "r.survey_id", "f.survey_id")
    .innerJoin("surveys as s", "s.id", "f.survey_id")
    .innerJoin("cases as c", "c.id", "f.case_id")
    .innerJoin("customers as cu", "cu.id", "c.customer_id")
    .innerJoin("memberships as m", "m.id", "f.assignee_id")
    .innerJoin("auth.user as u", "u.id", "m.user_id")
    .select([
      "f.id",
      "f.case_id as caseId",
      "c.number as caseNumber",
      "c.subject as caseSubject",
      "cu.name as customerName",
      "f.assignee_id as assigneeId",
      "u.name as assigneeName",
      "r.rating",
      "s.scale",
      "r.reason",
      "r.comment",
      "f.status",
      "f.note",
      "f.created_at as createdAt",
      "f.done_at as doneAt",
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof select>["executeTakeFirstOrThrow"]>>;
const present = (r: Row) => ({
  ...r,
  caseNumber: Number(r.caseNumber),
  createdAt: iso(r.createdAt),
  doneAt: iso(r.doneAt),
});

const isAdmin = (actor: Actor) => actor.permissions.includes("workspace.manage");

/** The lead's own follow-ups (open first); admins may ask for everyone's. */
export async function listFollowUps(ctx: Ctx, actor: Actor, q: z.infer<typeof surveyFollowUpsQuerySchema>) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  let qb = select(scope);
  if (!(q.all === "true" && isAdmin(actor))) qb = qb.where("f.assignee_id", "=", actor.membershipId);
  if (q.status) qb = qb.where("f.status", "=", q.status);
  const rows = await qb.orderBy("f.status", "desc").orderBy("f.created_at", "desc").limit(200).execute();
  return { items: rows.map(present) };
}

/** Done (with what was done) or open again; the assignee or an admin. */
export async function patchFollowUp(
  ctx: Ctx,
  actor: Actor,
  id: string,
  patch: z.infer<typeof surveyFollowUpPatchSchema>,
) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const f = await scope
      .selectFrom("survey_follow_ups")
      .select(["id", "assignee_id"])
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!f) throw new AppError("not_found", "Follow-up was not found", "id");
    if (f.assignee_id !== actor.membershipId && !isAdmin(actor))
      throw new AppError("forbidden", "Only the follow-up's assignee or an admin changes it");
    await scope
      .updateTable("survey_follow_ups")
      .set({
        status: patch.status,
        done_at: patch.status === "done" ? new Date() : null,
        ...(patch.note !== undefined && { note: patch.note || null }),
      })
      .where("id", "=", id)
      .execute();
    await audit(scope, {
      actorUserId: actor.userId,
      action: `survey_follow_up.${patch.status}`,
      subjectType: "survey_follow_up",
      subjectId: id,
    });
    return present(await select(scope).where("f.id", "=", id).executeTakeFirstOrThrow());
  });
}
