import { publish } from "../../../platform/realtime/publish.ts";
import { appendEvent } from "../../timeline/timeline.ts";
import type { LessonCompleted } from "../progress/completion.ts";

/**
 * When a customer completes a lesson (registered in academy/register.ts; runs inside the
 * completing transaction): each case where an agent had suggested it hears of it once, on its
 * timeline (and so the customer's) with `suggested: true`, and live on the case page. A lesson
 * nobody suggested goes on the customer's timeline only.
 *
 * "Once": completion.ts calls listeners only on the call that completed the lesson, and the
 * suggestions are marked completed here (locked rows), so a later suggestion of a lesson
 * already completed does not replay it.
 */
export async function lessonCompletedForSupport(e: LessonCompleted): Promise<void> {
  const marked = await e.scope
    .updateTable("academy_lesson_suggestions")
    .set({ completed_at: new Date() })
    .where("customer_id", "=", e.customerId)
    .where("lesson_id", "=", e.lessonId)
    .where("completed_at", "is", null)
    .returning("case_id")
    .execute();
  const caseIds = [...new Set(marked.map((m) => m.case_id))];
  const data = { lessonId: e.lessonId, lessonTitle: e.lessonTitle, courseTitle: e.courseTitle };
  if (caseIds.length === 0) {
    await appendEvent(e.scope, {
      customerId: e.customerId,
      kind: "academy.lesson_completed",
      data: { ...data, suggested: false },
    });
    return;
  }
  for (const caseId of caseIds) {
    await appendEvent(e.scope, {
      customerId: e.customerId,
      caseId,
      kind: "academy.lesson_completed",
      data: { ...data, suggested: true },
    });
    await publish(e.scope.db, {
      workspaceId: e.scope.workspaceId,
      audience: { kind: "staff" },
      event: { type: "academy.lesson_completed", caseId, customerId: e.customerId, lessonId: e.lessonId },
    });
  }
}
