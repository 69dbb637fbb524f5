import { sql } from "kysely";
import type { Executor } from "../../../platform/db/tenant.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";

/**
 * Rows for the report's and paths' tests, inserted directly: the authoring and learning APIs
 * are built by other parts at the same time, so these tests depend only on the shared tables
 * of migration 0060 (docs/academy-api.md).
 */
export class AcademyKit {
  readonly scope: TenantScope;
  private n = 0;

  constructor(db: Executor, workspaceId: string) {
    this.scope = new TenantScope(db, workspaceId);
  }

  private next(prefix: string) {
    this.n++;
    return `${prefix}-${Date.now().toString(36)}-${this.n}`;
  }

  async customer(name = "Lena Learner", createdAt = new Date()): Promise<string> {
    const row = await this.scope
      .insertInto("customers", { name: `${name} ${++this.n}`, created_at: createdAt })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** A course with modules of lessons (titles), in order; returns the lesson ids in course order. */
  async course(
    title: string,
    modules: Array<Array<{ title: string; kind?: "text" | "quiz"; required?: boolean }>>,
    state: "draft" | "published" | "archived" = "published",
  ) {
    const course = await this.scope
      .insertInto("academy_courses", { slug: this.next("course"), title, state })
      .returning("id")
      .executeTakeFirstOrThrow();
    const lessons: string[] = [];
    for (const [m, lessonsOfModule] of modules.entries()) {
      const mod = await this.scope
        .insertInto("academy_modules", { course_id: course.id, title: `Module ${m + 1}`, position: m + 1 })
        .returning("id")
        .executeTakeFirstOrThrow();
      for (const [i, l] of lessonsOfModule.entries()) {
        const lesson = await this.scope
          .insertInto("academy_lessons", {
            course_id: course.id,
            module_id: mod.id,
            title: l.title,
            kind: l.kind ?? "text",
            position: i + 1,
            required: l.required ?? true,
            pass_percent: l.kind === "quiz" ? 60 : null,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        lessons.push(lesson.id);
      }
    }
    return { id: course.id, lessons };
  }

  async enroll(courseId: string, customerId: string, at: Date, completedAt: Date | null = null) {
    await this.scope
      .insertInto("academy_enrollments", {
        course_id: courseId,
        customer_id: customerId,
        enrolled_at: at,
        completed_at: completedAt,
      })
      .execute();
  }

  /** Progress on a lesson (opened, or completed when `completed`). */
  async progress(courseId: string, lessonId: string, customerId: string, completed = false) {
    await this.scope
      .insertInto("academy_lesson_progress", {
        lesson_id: lessonId,
        customer_id: customerId,
        course_id: courseId,
        percent: completed ? 100 : 10,
        completed_at: completed ? new Date() : null,
        completed_via: completed ? "read" : null,
      })
      .execute();
  }

  async question(lessonId: string, prompt: string, position = 1) {
    const row = await this.scope
      .insertInto("academy_quiz_questions", {
        lesson_id: lessonId,
        position,
        kind: "single",
        prompt,
        choices: JSON.stringify([
          { id: "a", text: "Yes" },
          { id: "b", text: "No" },
        ]),
        correct: JSON.stringify(["a"]),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** A submitted attempt with the given answers right (true) or wrong (false) per question. */
  async attempt(
    lessonId: string,
    customerId: string,
    at: Date,
    answers: Array<[string, boolean]>,
    number = 1,
  ) {
    const attempt = await this.scope
      .insertInto("academy_quiz_attempts", {
        lesson_id: lessonId,
        customer_id: customerId,
        attempt_number: number,
        submitted_at: at,
        score_percent: Math.round((answers.filter(([, ok]) => ok).length / answers.length) * 100),
        passed: answers.every(([, ok]) => ok),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const [questionId, ok] of answers) {
      await this.scope
        .insertInto("academy_quiz_answers", {
          attempt_id: attempt.id,
          question_id: questionId,
          answer: JSON.stringify([ok ? "a" : "b"]),
          correct: ok,
        })
        .execute();
    }
  }

  async session(startsAt: Date) {
    const row = await this.scope
      .insertInto("academy_sessions", {
        slug: this.next("session"),
        title: "Tuning your speakers, live",
        starts_at: startsAt,
        host_time_zone: "Europe/Berlin",
        duration_minutes: 60,
        capacity: 100,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async register(sessionId: string, customerId: string, at: Date, attended: boolean | null = null) {
    await this.scope
      .insertInto("academy_registrations", {
        session_id: sessionId,
        customer_id: customerId,
        status: "confirmed",
        created_at: at,
        confirmed_at: at,
        attended,
      })
      .execute();
  }

  /**
   * Cases opened at the given times. The repeats job is told to skip them (its queue rows go in
   * the same transaction), so it cannot add repeat contacts the test did not ask for.
   */
  async cases(customerId: string, times: Date[]) {
    const ids: string[] = [];
    for (const at of times) {
      const { rows } = await sql<{ id: string }>`
        insert into cases (workspace_id, number, customer_id, subject, channel, created_at, last_activity_at)
        values (${this.scope.workspaceId},
                next_case_number(${this.scope.workspaceId}),
                ${customerId}, 'Speaker hums', 'email', ${at}, ${at})
        returning id`.execute(this.scope.db);
      ids.push(rows[0]?.id ?? "");
    }
    if (ids.length > 0)
      await sql`delete from repeat_queue where case_id = any(${ids}::uuid[])`.execute(this.scope.db);
    return ids;
  }

  async repeat(caseId: string, customerId: string, at: Date) {
    await sql`
      insert into repeat_contacts (case_id, workspace_id, customer_id, previous_case_id, reason, detected_at)
      values (${caseId}, ${this.scope.workspaceId}, ${customerId}, ${caseId}, 'reopen', ${at})`.execute(
      this.scope.db,
    );
  }

  async lifecycle(customerId: string, event: "subscribed" | "renewed" | "churned", at: Date) {
    await sql`
      insert into customer_lifecycle_events (workspace_id, customer_id, event, at)
      values (${this.scope.workspaceId}, ${customerId}, ${event}, ${at})`.execute(this.scope.db);
  }
}

/** The first day of the month `back` months before now's, in UTC. */
export function monthStart(back: number, now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
}

export const day = (d: Date) => d.toISOString().slice(0, 10);
export const plusDays = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);
