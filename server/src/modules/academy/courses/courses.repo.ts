import type { Selectable } from "kysely";
import type { Course, Lesson } from "../../../../../contracts/academy-courses.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { iso } from "../../../platform/http/route-kit.ts";
import type {
  AcademyCoursesTable,
  AcademyLessonsTable,
  AcademyModulesTable,
  AcademyQuizQuestionsTable,
} from "../schema-academy.ts";

/** SQL for authoring. Every function takes the tenant scope, so other workspaces' rows are never seen. */
export type CourseRow = Selectable<AcademyCoursesTable>;
export type ModuleRow = Selectable<AcademyModulesTable>;
export type LessonRow = Selectable<AcademyLessonsTable>;
export type QuestionRow = Selectable<AcademyQuizQuestionsTable>;

export const videoUrl = (lessonId: string) => `/api/v1/academy/lessons/${lessonId}/video`;
export const captionsUrl = (lessonId: string) => `/api/v1/academy/lessons/${lessonId}/captions.vtt`;
export const coverUrl = (courseId: string) => `/api/v1/academy/courses/${courseId}/cover`;

export async function findCourse(scope: TenantScope, id: string, lock = false) {
  let q = scope.selectFrom("academy_courses").selectAll().where("id", "=", id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function slugTaken(scope: TenantScope, slug: string, exceptId?: string) {
  let q = scope.selectFrom("academy_courses").select("id").where("slug", "=", slug);
  if (exceptId) q = q.where("id", "<>", exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function listCourseRows(scope: TenantScope) {
  return scope.selectFrom("academy_courses").selectAll().orderBy("updated_at", "desc").limit(500).execute();
}

export async function countsByCourse(scope: TenantScope, courseIds: string[]) {
  const counts = new Map<string, { modules: number; lessons: number }>();
  if (courseIds.length === 0) return counts;
  const modules = await scope
    .selectFrom("academy_modules")
    .select(["course_id", (eb) => eb.fn.countAll<string>().as("n")])
    .where("course_id", "in", courseIds)
    .groupBy("course_id")
    .execute();
  const lessons = await scope
    .selectFrom("academy_lessons")
    .select(["course_id", (eb) => eb.fn.countAll<string>().as("n")])
    .where("course_id", "in", courseIds)
    .groupBy("course_id")
    .execute();
  for (const id of courseIds) counts.set(id, { modules: 0, lessons: 0 });
  for (const m of modules) (counts.get(m.course_id) as { modules: number }).modules = Number(m.n);
  for (const l of lessons) (counts.get(l.course_id) as { lessons: number }).lessons = Number(l.n);
  return counts;
}

export async function modulesOf(scope: TenantScope, courseId: string) {
  return scope
    .selectFrom("academy_modules")
    .selectAll()
    .where("course_id", "=", courseId)
    .orderBy("position")
    .orderBy("created_at")
    .execute();
}

export async function lessonsOfCourse(scope: TenantScope, courseId: string) {
  return scope
    .selectFrom("academy_lessons")
    .selectAll()
    .where("course_id", "=", courseId)
    .orderBy("position")
    .orderBy("created_at")
    .execute();
}

export async function questionsOfLessons(scope: TenantScope, lessonIds: string[]) {
  if (lessonIds.length === 0) return [];
  return scope
    .selectFrom("academy_quiz_questions")
    .selectAll()
    .where("lesson_id", "in", lessonIds)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

export async function findModule(scope: TenantScope, id: string) {
  return scope.selectFrom("academy_modules").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findLesson(scope: TenantScope, id: string, lock = false) {
  let q = scope.selectFrom("academy_lessons").selectAll().where("id", "=", id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findQuestion(scope: TenantScope, id: string) {
  return scope.selectFrom("academy_quiz_questions").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The next position at the end of a list (max + 1), for appended modules, lessons and questions. */
export async function nextPosition(
  scope: TenantScope,
  table: "academy_modules" | "academy_lessons" | "academy_quiz_questions",
  column: "course_id" | "module_id" | "lesson_id",
  parentId: string,
): Promise<number> {
  const row = await scope
    .selectFrom(table)
    .select((eb) => eb.fn.max<number>("position").as("max"))
    // biome-ignore lint/suspicious/noExplicitAny: the column is one of the three parent keys, all on these tables
    .where(column as any, "=", parentId)
    .executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

export async function touchCourse(scope: TenantScope, courseId: string) {
  await scope
    .updateTable("academy_courses")
    .set({ updated_at: new Date() })
    .where("id", "=", courseId)
    .execute();
}

export async function articleExists(scope: TenantScope, id: string) {
  return (
    (await scope.selectFrom("help_articles").select("id").where("id", "=", id).executeTakeFirst()) !==
    undefined
  );
}
export async function playbookExists(scope: TenantScope, id: string) {
  return (
    (await scope.selectFrom("playbooks").select("id").where("id", "=", id).executeTakeFirst()) !== undefined
  );
}
export async function sessionExists(scope: TenantScope, id: string) {
  return (
    (await scope.selectFrom("academy_sessions").select("id").where("id", "=", id).executeTakeFirst()) !==
    undefined
  );
}

// ---- presenting rows ----

export function presentLesson(l: LessonRow, questionCount: number): Lesson {
  return {
    id: l.id,
    moduleId: l.module_id,
    courseId: l.course_id,
    title: l.title,
    kind: l.kind,
    position: l.position,
    required: l.required,
    bodyMd: l.body_md,
    videoEmbedUrl: l.video_embed_url,
    videoSeconds: l.video_seconds,
    videoUrl: l.video_storage_key ? videoUrl(l.id) : null,
    videoMime: l.video_mime,
    videoBytes: l.video_bytes === null ? null : Number(l.video_bytes),
    captionsVtt: l.captions_vtt,
    transcript: l.transcript,
    linkKind: l.link_kind,
    linkTargetId: l.link_target_id,
    passPercent: l.pass_percent,
    attemptLimit: l.attempt_limit,
    shuffleQuestions: l.shuffle_questions,
    shuffleChoices: l.shuffle_choices,
    sessionId: l.session_id,
    questionCount,
  };
}

export function presentCourseSummary(c: CourseRow, counts: { modules: number; lessons: number }) {
  return {
    id: c.id,
    slug: c.slug,
    title: c.title,
    summary: c.summary,
    level: c.level,
    durationMinutes: c.duration_minutes,
    productModels: c.product_models,
    state: c.state,
    isFree: c.is_free,
    coverUrl: c.cover_storage_key ? coverUrl(c.id) : null,
    moduleCount: counts.modules,
    lessonCount: counts.lessons,
    createdAt: iso(c.created_at),
    updatedAt: iso(c.updated_at),
    publishedAt: iso(c.published_at),
  };
}

export function presentQuestion(q: QuestionRow) {
  return {
    id: q.id,
    lessonId: q.lesson_id,
    position: q.position,
    kind: q.kind,
    prompt: q.prompt,
    choices: q.choices,
    correct: q.correct,
    explanation: q.explanation,
  };
}

/** The course with its modules and lessons, in order. */
export async function loadCourse(scope: TenantScope, c: CourseRow): Promise<Course> {
  const modules = await modulesOf(scope, c.id);
  const lessons = await lessonsOfCourse(scope, c.id);
  const questions = await questionsOfLessons(
    scope,
    lessons.filter((l) => l.kind === "quiz").map((l) => l.id),
  );
  const qCount = new Map<string, number>();
  for (const q of questions) qCount.set(q.lesson_id, (qCount.get(q.lesson_id) ?? 0) + 1);
  return {
    ...presentCourseSummary(c, { modules: modules.length, lessons: lessons.length }),
    modules: modules.map((m) => ({
      id: m.id,
      courseId: m.course_id,
      title: m.title,
      position: m.position,
      lessons: lessons
        .filter((l) => l.module_id === m.id)
        .map((l) => presentLesson(l, qCount.get(l.id) ?? 0)),
    })),
  };
}
