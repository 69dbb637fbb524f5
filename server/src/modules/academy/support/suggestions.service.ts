import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { AppError, notFound } from "../../../platform/http/errors.ts";
import { iso } from "../../../platform/http/route-kit.ts";
import { publish } from "../../../platform/realtime/publish.ts";
import { appendEvent } from "../../timeline/timeline.ts";
import { lessonRefs, publishedLesson } from "./lessons.repo.ts";

/**
 * Lessons an agent suggested in a reply (issue #21, "Tied to support").
 *
 * How a send is detected: the composer inserts the lesson's portal link and, right after the
 * reply is stored, calls `POST /api/v1/cases/{id}/lesson-suggestions` with the new message's
 * id and the lessons it inserted. The server trusts none of it: the message must be a reply of
 * that case, and each lesson's link (its id) must be in the reply's text, so a link the agent
 * deleted before sending, or a note, records nothing. Recording twice is harmless (one row per
 * message and lesson), and only a new row appends `academy.lesson_suggested` on the case (and
 * so the customer's) timeline.
 */
export async function recordSuggestions(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  input: { messageId: string; lessonIds: string[] },
) {
  return ctx.db.transaction().execute(async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const kase = await scope
      .selectFrom("cases")
      .select(["id", "customer_id"])
      .where("id", "=", caseId)
      .executeTakeFirst();
    if (!kase) throw notFound("Case");
    const message = await scope
      .selectFrom("messages")
      .select(["id", "kind", "body"])
      .where("id", "=", input.messageId)
      .where("case_id", "=", caseId)
      .executeTakeFirst();
    if (!message) throw new AppError("unprocessable", "No message of this case has that id", "messageId");
    if (message.kind !== "reply")
      throw new AppError(
        "unprocessable",
        "Lessons are suggested in replies to the customer, not notes",
        "messageId",
      );
    const unique = [...new Set(input.lessonIds)];
    const lessons = [];
    for (const id of unique) {
      const lesson = await publishedLesson(scope, id, "lessonIds");
      if (!message.body.includes(lesson.lessonId))
        throw new AppError(
          "unprocessable",
          `The reply does not carry the link of "${lesson.lessonTitle}"`,
          "lessonIds",
        );
      lessons.push(lesson);
    }
    let added = 0;
    for (const lesson of lessons) {
      // A lesson the customer had already completed is shown as such; the case is not told of
      // a completion that came before the suggestion.
      const done = await scope
        .selectFrom("academy_lesson_progress")
        .select("completed_at")
        .where("lesson_id", "=", lesson.lessonId)
        .where("customer_id", "=", kase.customer_id)
        .executeTakeFirst();
      const inserted = await scope
        .insertInto("academy_lesson_suggestions", {
          case_id: caseId,
          customer_id: kase.customer_id,
          lesson_id: lesson.lessonId,
          message_id: message.id,
          suggested_by: actor.membershipId,
          suggested_by_name: actor.name,
          completed_at: done?.completed_at ?? null,
        })
        .onConflict((oc) => oc.columns(["message_id", "lesson_id", "workspace_id"]).doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!inserted) continue;
      added++;
      await appendEvent(scope, {
        customerId: kase.customer_id,
        caseId,
        kind: "academy.lesson_suggested",
        data: { lessonId: lesson.lessonId, lessonTitle: lesson.lessonTitle, courseTitle: lesson.courseTitle },
        doer: { userId: actor.userId, name: actor.name },
      });
    }
    // Open case pages refetch the case's timeline and the customer's training.
    if (added > 0)
      await publish(tx, {
        workspaceId: actor.workspaceId,
        audience: { kind: "staff" },
        event: { type: "case.updated", caseId, customerId: kase.customer_id },
      });
    return listSuggestions(scope, { caseId });
  });
}

/** A case's or a customer's suggestions, newest first. */
export async function listSuggestions(scope: TenantScope, by: { caseId?: string; customerId?: string }) {
  let q = scope
    .selectFrom("academy_lesson_suggestions")
    .select(["id", "lesson_id", "message_id", "suggested_by_name", "suggested_at", "completed_at"])
    .orderBy("suggested_at", "desc")
    .limit(100);
  if (by.caseId) q = q.where("case_id", "=", by.caseId);
  if (by.customerId) q = q.where("customer_id", "=", by.customerId);
  const rows = await q.execute();
  const refs = await lessonRefs(
    scope,
    rows.map((r) => r.lesson_id),
  );
  return rows.map((r) => ({
    id: r.id,
    lessonId: r.lesson_id,
    lessonTitle: refs.get(r.lesson_id)?.lessonTitle ?? "",
    courseTitle: refs.get(r.lesson_id)?.courseTitle ?? "",
    messageId: r.message_id,
    suggestedByName: r.suggested_by_name,
    suggestedAt: iso(r.suggested_at),
    completedAt: iso(r.completed_at),
  }));
}
