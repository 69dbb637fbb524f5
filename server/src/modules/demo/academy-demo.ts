import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { issueCertificate } from "../academy/certificates/issue.ts";
import { recordLessonProgress } from "../academy/progress/completion.ts";
import { type DemoCourse, NETWORKING_COURSE, SPEAKERS_COURSE } from "./academy-content.ts";
import { sample } from "./sample.ts";

type Ctx = Pick<AppContext, "db">;
const DAY = 86_400_000;

/** A stable number in [0, 1) from a customer id and a purpose: the same demo every time. */
const roll = (id: string, what: string) =>
  createHash("sha256").update(`${id}:${what}`).digest().readUInt32BE(0) / 2 ** 32;

/**
 * The academy of the sample company (issue #21): the speakers course and the networking course
 * that explains Error 1013's causes (the live sessions are academy/sessions/sessions-demo.ts). About one customer
 * in five completed the speakers course months ago (with a certificate), which is what makes
 * them "trained" for retention; a few are part way through; the first sample customer (the one
 * the demo signs in to the portal with) has started the networking course.
 * Runs after the customers exist; a second run changes nothing.
 */
export async function loadAcademyDemo(ctx: Ctx, workspaceId: string, now = new Date()): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, workspaceId);
    const loaded = await scope
      .selectFrom("academy_courses")
      .select("id")
      .where("slug", "=", SPEAKERS_COURSE.slug)
      .executeTakeFirst();
    if (loaded) return;
    const host = await scope
      .selectFrom("memberships")
      .innerJoin("auth.user as u", "u.id", "memberships.user_id")
      .select("memberships.id")
      .where("u.email", "=", sample.staff[1].email)
      .executeTakeFirst();
    const speakers = await insertCourse(scope, SPEAKERS_COURSE, host?.id ?? null, now);
    const networking = await insertCourse(scope, NETWORKING_COURSE, host?.id ?? null, now);

    const customers = await scope
      .selectFrom("customers")
      .select(["id", "created_at"])
      .where("merged_into", "is", null)
      .orderBy("created_at")
      .limit(400)
      .execute();
    for (const c of customers) {
      const r = roll(c.id, "trained");
      if (r < 0.2) {
        const daysAgo = 20 + Math.floor(roll(c.id, "trained-when") * 160);
        await completeCourse(scope, c.id, speakers, new Date(now.getTime() - daysAgo * DAY));
      } else if (r < 0.28) {
        // Started, then stopped part way: the report's drop-off.
        const reached = 1 + Math.floor(roll(c.id, "reached") * (speakers.lessons.length - 1));
        for (const lesson of speakers.lessons.slice(0, reached)) await finishLesson(scope, c.id, lesson);
      }
    }
    const first = await scope
      .selectFrom("customer_identities")
      .select("customer_id")
      .where("kind", "=", "email")
      .where("value", "=", sample.customers[0].email)
      .executeTakeFirst();
    const started = networking.lessons[0];
    if (first && started) await finishLesson(scope, first.customer_id, started);
  });
}

interface SeededCourse {
  courseId: string;
  title: string;
  lessons: Array<{ id: string; kind: string }>;
}

async function insertCourse(
  scope: TenantScope,
  course: DemoCourse,
  createdBy: string | null,
  now: Date,
): Promise<SeededCourse> {
  const row = await scope
    .insertInto("academy_courses", {
      slug: course.slug,
      title: course.title,
      summary: course.summary,
      level: course.level,
      duration_minutes: course.durationMinutes,
      product_models: course.productModels,
      state: "published",
      created_by: createdBy,
      published_at: new Date(now.getTime() - 200 * DAY),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const lessons: SeededCourse["lessons"] = [];
  for (const [m, mod] of course.modules.entries()) {
    const moduleRow = await scope
      .insertInto("academy_modules", { course_id: row.id, title: mod.title, position: m })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const [l, lesson] of mod.lessons.entries()) {
      const article = lesson.articleSlug
        ? await scope
            .selectFrom("help_articles")
            .select("id")
            .where("slug", "=", lesson.articleSlug)
            .executeTakeFirst()
        : undefined;
      // Without the article (a workspace without the help demo) the link lesson reads as text.
      const kind = lesson.kind === "link" && !article ? "text" : lesson.kind;
      const lessonRow = await scope
        .insertInto("academy_lessons", {
          course_id: row.id,
          module_id: moduleRow.id,
          title: lesson.title,
          kind,
          position: l,
          body_md: lesson.body,
          link_kind: kind === "link" ? "article" : null,
          link_target_id: kind === "link" ? (article?.id ?? null) : null,
          pass_percent: lesson.quiz?.passPercent ?? null,
          attempt_limit: lesson.quiz?.attemptLimit ?? null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      for (const [q, question] of (lesson.quiz?.questions ?? []).entries()) {
        await scope
          .insertInto("academy_quiz_questions", {
            lesson_id: lessonRow.id,
            position: q,
            kind: question.kind,
            prompt: question.prompt,
            choices: JSON.stringify(question.choices),
            correct: JSON.stringify(question.correct),
            explanation: question.explanation,
          })
          .execute();
      }
      lessons.push({ id: lessonRow.id, kind });
    }
  }
  return { courseId: row.id, title: course.title, lessons };
}

/** A lesson done the way its kind is done: read, a passed quiz, an opened link. */
async function finishLesson(scope: TenantScope, customerId: string, lesson: { id: string; kind: string }) {
  const completedVia = lesson.kind === "quiz" ? "quiz" : lesson.kind === "link" ? "opened" : undefined;
  await recordLessonProgress(scope, { customerId, lessonId: lesson.id, percent: 100, completedVia });
}

/** Completes every lesson and issues the certificate, then moves it all back to `at`. */
async function completeCourse(scope: TenantScope, customerId: string, course: SeededCourse, at: Date) {
  for (const lesson of course.lessons) await finishLesson(scope, customerId, lesson);
  await issueCertificate(scope, { customerId, courseId: course.courseId, title: course.title });
  const ws = scope.workspaceId;
  await sql`update academy_enrollments set enrolled_at = ${new Date(at.getTime() - 3 * DAY)}, completed_at = ${at}
             where workspace_id = ${ws} and customer_id = ${customerId} and course_id = ${course.courseId}`.execute(
    scope.db,
  );
  await sql`update academy_lesson_progress set completed_at = ${at}, updated_at = ${at}
             where workspace_id = ${ws} and customer_id = ${customerId} and course_id = ${course.courseId}`.execute(
    scope.db,
  );
  await sql`update academy_certificates set issued_at = ${at}
             where workspace_id = ${ws} and customer_id = ${customerId} and course_id = ${course.courseId}`.execute(
    scope.db,
  );
  await sql`update timeline_events set occurred_at = ${at}
             where workspace_id = ${ws} and customer_id = ${customerId} and kind like 'academy.%'`.execute(
    scope.db,
  );
}
