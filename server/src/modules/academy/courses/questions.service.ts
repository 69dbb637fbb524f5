import type { QuestionInput, QuestionPatch } from "../../../../../contracts/academy-courses.ts";
import type { Actor } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { audit } from "../../audit/audit.ts";
import { lessonNotFound, questionNotFound } from "./courses.policy.ts";
import {
  findLesson,
  findQuestion,
  nextPosition,
  presentQuestion,
  questionsOfLessons,
  touchCourse,
} from "./courses.repo.ts";
import type { Ctx } from "./courses.service.ts";
import { checkQuestion } from "./question-rules.ts";

/** Quiz questions of a quiz lesson, with their answers (staff only: learners never get `correct`). */
async function quizLesson(scope: TenantScope, lessonId: string, lock = false) {
  const l = await findLesson(scope, lessonId, lock);
  if (!l) throw lessonNotFound();
  if (l.kind !== "quiz") throw new AppError("unprocessable", "Only quiz lessons have questions", "lessonId");
  return l;
}

export async function listQuestions(ctx: Ctx, actor: Actor, lessonId: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  await quizLesson(scope, lessonId);
  return { items: (await questionsOfLessons(scope, [lessonId])).map(presentQuestion) };
}

export async function createQuestion(ctx: Ctx, actor: Actor, lessonId: string, input: QuestionInput) {
  checkQuestion(input);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const l = await quizLesson(scope, lessonId, true);
    const position = await nextPosition(scope, "academy_quiz_questions", "lesson_id", lessonId);
    const row = await scope
      .insertInto("academy_quiz_questions", {
        lesson_id: lessonId,
        position,
        kind: input.kind,
        prompt: input.prompt,
        choices: JSON.stringify(input.choices),
        correct: JSON.stringify(input.correct),
        explanation: input.explanation,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await touchCourse(scope, l.course_id);
    await audit(scope, {
      actorUserId: actor.userId,
      action: "academy.question.created",
      subjectType: "academy_quiz_question",
      subjectId: row.id,
      data: { lessonId, kind: row.kind },
    });
    return presentQuestion(row);
  });
}

/** The question, checked to belong to the lesson named in the URL. */
async function questionOf(scope: TenantScope, lessonId: string, questionId: string) {
  const q = await findQuestion(scope, questionId);
  if (!q || q.lesson_id !== lessonId) throw questionNotFound();
  return q;
}

export async function updateQuestion(
  ctx: Ctx,
  actor: Actor,
  lessonId: string,
  questionId: string,
  patch: QuestionPatch,
) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const l = await quizLesson(scope, lessonId, true);
    const before = await questionOf(scope, lessonId, questionId);
    const merged = {
      kind: patch.kind ?? before.kind,
      choices: patch.choices ?? before.choices,
      correct: patch.correct ?? before.correct,
    };
    checkQuestion(merged);
    const row = await scope
      .updateTable("academy_quiz_questions")
      .set({
        kind: merged.kind,
        choices: JSON.stringify(merged.choices),
        correct: JSON.stringify(merged.correct),
        ...(patch.prompt !== undefined && { prompt: patch.prompt }),
        ...(patch.explanation !== undefined && { explanation: patch.explanation }),
      })
      .where("id", "=", questionId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await touchCourse(scope, l.course_id);
    await audit(scope, {
      actorUserId: actor.userId,
      action: "academy.question.updated",
      subjectType: "academy_quiz_question",
      subjectId: questionId,
      data: { lessonId, changed: Object.keys(patch) },
    });
    return presentQuestion(row);
  });
}

export async function deleteQuestion(ctx: Ctx, actor: Actor, lessonId: string, questionId: string) {
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const l = await quizLesson(scope, lessonId, true);
    const before = await questionOf(scope, lessonId, questionId);
    await scope.deleteFrom("academy_quiz_questions").where("id", "=", questionId).execute();
    await touchCourse(scope, l.course_id);
    await audit(scope, {
      actorUserId: actor.userId,
      action: "academy.question.deleted",
      subjectType: "academy_quiz_question",
      subjectId: questionId,
      data: { lessonId, prompt: before.prompt.slice(0, 200) },
    });
  });
}
