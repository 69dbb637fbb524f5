import { parse } from "csv-parse/sync";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { AppError, notFound } from "../../../platform/http/errors.ts";
import { appendEvent } from "../../timeline/timeline.ts";
import { recordLessonProgress } from "../progress/completion.ts";
import { findSession, type SessionRow } from "./sessions.repo.ts";

/**
 * Attendance, by the host's check or a CSV import of emails. Marking someone attended puts
 * `academy.session_attended` on their timeline once and completes every lesson that requires
 * this session (`recordLessonProgress(completedVia: "attended")`, the one place that decides
 * completion), so it counts toward course progress. Un-marking corrects the register but does
 * not take back a completed lesson: completions are never undone (completion.ts).
 */
type Ctx = Pick<AppContext, "db" | "boss" | "config" | "log">;

export async function markAttendance(
  ctx: Ctx,
  actor: Actor,
  sessionId: string,
  customerIds: string[],
  attended: boolean,
): Promise<{ marked: number; notRegistered: string[] }> {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const session = await findSession(scope, sessionId, { lock: true });
    if (!session) throw notFound("Session");
    const wanted = [...new Set(customerIds)];
    const marked = await mark(ctx, scope, actor, session, wanted, attended);
    return { marked: marked.length, notRegistered: wanted.filter((id) => !marked.includes(id)) };
  });
}

/** A CSV of emails: one column, or a column headed `email`. Unknown emails are reported. */
export async function importAttendance(
  ctx: Ctx,
  actor: Actor,
  sessionId: string,
  csv: string,
): Promise<{ marked: number; unknownEmails: string[] }> {
  const emails = emailsOf(csv);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const session = await findSession(scope, sessionId, { lock: true });
    if (!session) throw notFound("Session");
    const found = emails.length
      ? await scope
          .selectFrom("customer_identities")
          .innerJoin("academy_registrations as r", "r.customer_id", "customer_identities.customer_id")
          .select(["customer_identities.value", "r.customer_id"])
          .where("customer_identities.kind", "=", "email")
          .where("customer_identities.value", "in", emails)
          .where("r.session_id", "=", sessionId)
          .where("r.status", "!=", "cancelled")
          .execute()
      : [];
    const known = new Set(found.map((f) => f.value));
    const marked = await mark(
      ctx,
      scope,
      actor,
      session,
      [...new Set(found.map((f) => f.customer_id))],
      true,
    );
    return { marked: marked.length, unknownEmails: emails.filter((e) => !known.has(e)) };
  });
}

function emailsOf(csv: string): string[] {
  let rows: string[][];
  try {
    rows = parse(csv, { skip_empty_lines: true, trim: true, relax_column_count: true, bom: true });
  } catch (err) {
    throw new AppError("validation_failed", `The CSV could not be read: ${(err as Error).message}`, "csv");
  }
  const header = rows[0]?.map((c) => c.toLowerCase()) ?? [];
  let column = header.indexOf("email");
  if (column >= 0) rows = rows.slice(1);
  else column = 0;
  const emails = rows.map((r) => (r[column] ?? "").trim().toLowerCase()).filter(Boolean);
  if (emails.length > 10_000)
    throw new AppError("validation_failed", "At most 10,000 rows per import", "csv");
  return [...new Set(emails)];
}

/** Sets attendance on the given customers' registrations; returns those who had one. */
async function mark(
  ctx: Ctx,
  scope: TenantScope,
  actor: Actor,
  session: SessionRow,
  customerIds: string[],
  attended: boolean,
): Promise<string[]> {
  if (customerIds.length === 0) return [];
  const regs = await scope
    .selectFrom("academy_registrations")
    .select(["id", "customer_id", "attended"])
    .where("session_id", "=", session.id)
    .where("customer_id", "in", customerIds)
    .where("status", "!=", "cancelled")
    .execute();
  if (regs.length === 0) return [];
  await scope
    .updateTable("academy_registrations")
    .set({ attended, attendance_marked_at: new Date() })
    .where(
      "id",
      "in",
      regs.map((r) => r.id),
    )
    .execute();
  if (attended) {
    const lessons = await scope
      .selectFrom("academy_lessons")
      .select("id")
      .where("session_id", "=", session.id)
      .where("kind", "=", "session")
      .execute();
    for (const r of regs.filter((r) => r.attended !== true)) {
      await appendEvent(scope, {
        customerId: r.customer_id,
        kind: "academy.session_attended",
        data: { sessionId: session.id, sessionTitle: session.title },
        doer: { userId: actor.userId, name: actor.name },
      });
      for (const l of lessons) {
        await recordLessonProgress(scope, {
          boss: ctx.boss,
          customerId: r.customer_id,
          lessonId: l.id,
          completedVia: "attended",
        });
      }
    }
  }
  return regs.map((r) => r.customer_id);
}
