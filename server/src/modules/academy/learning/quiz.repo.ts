import { sql } from "kysely";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import type { Layout, Question } from "./quiz-grading.ts";

/** SQL of quiz attempts. Every query is filtered by the scope's workspace. */

export async function questionsOf(scope: TenantScope, lessonId: string): Promise<Question[]> {
  return scope
    .selectFrom("academy_quiz_questions")
    .select(["id", "kind", "prompt", "choices", "correct", "explanation"])
    .where("lesson_id", "=", lessonId)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

/** Serialises attempt starts and submissions of one learner on one quiz (released at commit). */
export async function lockLearnerQuiz(
  scope: TenantScope,
  lessonId: string,
  customerId: string,
): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`academy-quiz:${lessonId}:${customerId}`}, 0))`.execute(
    scope.db,
  );
}

export async function attemptsOf(scope: TenantScope, lessonId: string, customerId: string) {
  return scope
    .selectFrom("academy_quiz_attempts")
    .select(["id", "attempt_number", "layout", "started_at", "submitted_at", "score_percent", "passed"])
    .where("lesson_id", "=", lessonId)
    .where("customer_id", "=", customerId)
    .orderBy("attempt_number")
    .execute();
}

export async function insertAttempt(
  scope: TenantScope,
  row: { lessonId: string; customerId: string; attemptNumber: number; layout: Layout },
) {
  return scope
    .insertInto("academy_quiz_attempts", {
      lesson_id: row.lessonId,
      customer_id: row.customerId,
      attempt_number: row.attemptNumber,
      layout: JSON.stringify(row.layout),
    })
    .returning(["id", "attempt_number", "started_at"])
    .executeTakeFirstOrThrow();
}

/** The attempt, locked for its submission. */
export async function lockAttempt(
  scope: TenantScope,
  attemptId: string,
  lessonId: string,
  customerId: string,
) {
  return scope
    .selectFrom("academy_quiz_attempts")
    .select(["id", "attempt_number", "layout", "submitted_at"])
    .where("id", "=", attemptId)
    .where("lesson_id", "=", lessonId)
    .where("customer_id", "=", customerId)
    .forUpdate()
    .executeTakeFirst();
}

export async function saveGrading(
  scope: TenantScope,
  attemptId: string,
  result: {
    scorePercent: number;
    passed: boolean;
    answers: Array<{ questionId: string; answer: string[]; correct: boolean }>;
  },
) {
  await scope
    .updateTable("academy_quiz_attempts")
    .set({ submitted_at: new Date(), score_percent: result.scorePercent, passed: result.passed })
    .where("id", "=", attemptId)
    .execute();
  if (result.answers.length === 0) return;
  for (const a of result.answers) {
    await scope
      .insertInto("academy_quiz_answers", {
        attempt_id: attemptId,
        question_id: a.questionId,
        answer: JSON.stringify(a.answer),
        correct: a.correct,
      })
      .execute();
  }
}
