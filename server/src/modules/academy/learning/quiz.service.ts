import type { z } from "zod";
import type {
  AttemptResult,
  AttemptStarted,
  attemptListSchema,
  LearnLesson,
  submitInputSchema,
} from "../../../../../contracts/academy-learning.ts";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { iso } from "../../../platform/http/route-kit.ts";
import { recordLessonProgress } from "../progress/completion.ts";
import { readableLesson } from "./course-access.ts";
import { ownLearnerId, readableLearnerId } from "./learner.policy.ts";
import {
  attemptsOf,
  insertAttempt,
  lockAttempt,
  lockLearnerQuiz,
  questionsOf,
  saveGrading,
} from "./quiz.repo.ts";
import {
  AnswerError,
  arrange,
  isCorrect,
  type Layout,
  newLayout,
  type Question,
  scorePercent,
  validateAnswers,
} from "./quiz-grading.ts";

/**
 * Quiz attempts, graded on the server. Right answers and explanations leave the server only in
 * a submitted attempt's result. The attempt limit holds under concurrent requests: starts and
 * submissions of one learner on one quiz are serialised by a transaction lock, and the unique
 * (lesson, customer, attempt_number) key refuses a duplicate number whatever happens.
 */

/** A quiz without a pass mark asks for 80%. */
export const DEFAULT_PASS_PERCENT = 80;

type LessonRow = { id: string; pass_percent: number | null; attempt_limit: number | null };

const passMark = (lesson: LessonRow) => lesson.pass_percent ?? DEFAULT_PASS_PERCENT;

/** What the lesson page shows about the quiz before an attempt. */
export async function quizSummary(
  scope: TenantScope,
  lesson: LessonRow,
  learnerId: string | null,
): Promise<NonNullable<LearnLesson["quiz"]>> {
  const [questions, attempts] = await Promise.all([
    questionsOf(scope, lesson.id),
    learnerId ? attemptsOf(scope, lesson.id, learnerId) : Promise.resolve([]),
  ]);
  const open = attempts.find((a) => a.submitted_at === null);
  return {
    passPercent: passMark(lesson),
    attemptLimit: lesson.attempt_limit,
    attemptsUsed: attempts.length,
    passed: attempts.some((a) => a.passed === true),
    questionCount: questions.length,
    openAttemptId: open?.id ?? null,
    // Before an attempt the authored order; a shuffled quiz is shuffled when the attempt starts.
    questions: shown(open ? arrange(questions, open.layout) : questions),
  };
}

/** Questions as shown to a learner: no right answer, no explanation. */
function shown(questions: Question[]) {
  return questions.map((q) => ({ id: q.id, kind: q.kind, prompt: q.prompt, choices: q.choices }));
}

async function quizLesson(scope: TenantScope, actor: Actor, lessonId: string, learnerId: string) {
  const { lesson } = await readableLesson(scope, actor, lessonId, learnerId);
  if (lesson.kind !== "quiz") throw new AppError("unprocessable", "This lesson is not a quiz", "lessonId");
  return lesson;
}

/**
 * Starts an attempt, or hands back the one already open (same layout), so reloading the page
 * neither reshuffles the quiz nor spends an attempt.
 */
export async function startAttempt(ctx: AppContext, actor: Actor, lessonId: string): Promise<AttemptStarted> {
  return ctx.db.transaction().execute(async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const learnerId = await ownLearnerId(scope, actor);
    const lesson = await quizLesson(scope, actor, lessonId, learnerId);
    await lockLearnerQuiz(scope, lesson.id, learnerId);
    const questions = await questionsOf(scope, lesson.id);
    if (questions.length === 0)
      throw new AppError("unprocessable", "This quiz has no questions yet", "lessonId");
    const attempts = await attemptsOf(scope, lesson.id, learnerId);
    const open = attempts.find((a) => a.submitted_at === null);
    if (open) {
      return {
        id: open.id,
        attemptNumber: open.attempt_number,
        attemptLimit: lesson.attempt_limit,
        startedAt: iso(open.started_at),
        questions: shown(arrange(questions, open.layout)),
      };
    }
    if (lesson.attempt_limit !== null && attempts.length >= lesson.attempt_limit) {
      throw new AppError(
        "conflict",
        `All ${lesson.attempt_limit} attempts at this quiz have been used`,
        "attempts",
      );
    }
    const layout = newLayout(questions, {
      shuffleQuestions: lesson.shuffle_questions,
      shuffleChoices: lesson.shuffle_choices,
    });
    const row = await insertAttempt(scope, {
      lessonId: lesson.id,
      customerId: learnerId,
      attemptNumber: attempts.length + 1,
      layout,
    }).catch((err: { code?: string }) => {
      if (err.code === "23505")
        throw new AppError("conflict", "Another attempt was started at the same time", "attempts");
      throw err;
    });
    return {
      id: row.id,
      attemptNumber: row.attempt_number,
      attemptLimit: lesson.attempt_limit,
      startedAt: iso(row.started_at),
      questions: shown(arrange(questions, layout)),
    };
  });
}

/** Grades an open attempt once; a second submission of the same attempt is a 409. */
export async function submitAttempt(
  ctx: AppContext,
  actor: Actor,
  lessonId: string,
  attemptId: string,
  input: z.infer<typeof submitInputSchema>,
): Promise<AttemptResult> {
  return ctx.db.transaction().execute(async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const learnerId = await ownLearnerId(scope, actor);
    const lesson = await quizLesson(scope, actor, lessonId, learnerId);
    await lockLearnerQuiz(scope, lesson.id, learnerId);
    const attempt = await lockAttempt(scope, attemptId, lesson.id, learnerId);
    if (!attempt) throw new AppError("not_found", "Attempt was not found", "attemptId");
    if (attempt.submitted_at !== null)
      throw new AppError("conflict", "This attempt has already been submitted; start a new one", "attempts");
    const questions = arrange(await questionsOf(scope, lesson.id), attempt.layout as Layout);
    let answers: Map<string, string[]>;
    try {
      answers = validateAnswers(questions, input.answers);
    } catch (err) {
      if (err instanceof AnswerError) throw new AppError("validation_failed", err.message, err.field);
      throw err;
    }
    const graded = questions.map((q) => ({
      q,
      answer: answers.get(q.id) ?? [],
      correct: isCorrect(q, answers.get(q.id)),
    }));
    const score = scorePercent(graded.filter((g) => g.correct).length, graded.length);
    const passed = score >= passMark(lesson);
    await saveGrading(scope, attempt.id, {
      scorePercent: score,
      passed,
      answers: graded.map((g) => ({ questionId: g.q.id, answer: g.answer, correct: g.correct })),
    });
    const progress = passed
      ? await recordLessonProgress(scope, {
          boss: ctx.boss,
          customerId: learnerId,
          lessonId: lesson.id,
          percent: 100,
          completedVia: "quiz",
        })
      : null;
    const used = (await attemptsOf(scope, lesson.id, learnerId)).length;
    return {
      id: attempt.id,
      attemptNumber: attempt.attempt_number,
      scorePercent: score,
      passed,
      passPercent: passMark(lesson),
      attemptsLeft: lesson.attempt_limit === null ? null : Math.max(0, lesson.attempt_limit - used),
      lessonCompleted: progress?.completed ?? false,
      courseCompleted: progress?.courseNewlyCompleted ?? false,
      questions: graded.map(({ q, answer, correct }) => ({
        id: q.id,
        kind: q.kind,
        prompt: q.prompt,
        choices: q.choices,
        answer,
        correct,
        rightAnswer: q.correct,
        explanation: q.explanation,
      })),
    };
  });
}

export async function listAttempts(
  ctx: AppContext,
  actor: Actor,
  lessonId: string,
  customerId: string | undefined,
): Promise<z.infer<typeof attemptListSchema>> {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const learnerId = await readableLearnerId(scope, actor, customerId);
  const lesson = await quizLesson(scope, actor, lessonId, learnerId);
  const attempts = await attemptsOf(scope, lesson.id, learnerId);
  return {
    attemptLimit: lesson.attempt_limit,
    items: attempts.map((a) => ({
      id: a.id,
      attemptNumber: a.attempt_number,
      startedAt: iso(a.started_at),
      submittedAt: iso(a.submitted_at),
      scorePercent: a.score_percent,
      passed: a.passed,
    })),
  };
}
