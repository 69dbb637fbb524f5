import YAML from "yaml";
import {
  COURSE_FILE_FORMAT,
  type CourseFile,
  type CourseFileLesson,
  courseFileSchema,
} from "../../../../../contracts/academy-courses.ts";
import type { Actor } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { audit } from "../../audit/audit.ts";
import { slugify } from "../../help/slugs.ts";
import { courseNotFound } from "./courses.policy.ts";
import { findCourse, lessonsOfCourse, loadCourse, modulesOf, questionsOfLessons } from "./courses.repo.ts";
import { type Ctx, freeSlug } from "./courses.service.ts";
import { checkLesson } from "./lesson-rules.ts";
import { checkQuestion } from "./question-rules.ts";

/**
 * A course as one file (JSON or YAML): the course, its modules, lessons and quiz questions with
 * their answers, so a course moves between workspaces or into version control. Uploaded videos
 * are not carried (they can be hundreds of megabytes); the lesson says so in `videoNote`.
 */
export const VIDEO_NOTE =
  "This lesson had an uploaded video, which course files do not carry: upload it again.";

export async function exportCourse(ctx: Ctx, actor: Actor, courseId: string): Promise<CourseFile> {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const course = await findCourse(scope, courseId);
  if (!course) throw courseNotFound();
  const modules = await modulesOf(scope, courseId);
  const lessons = await lessonsOfCourse(scope, courseId);
  const questions = await questionsOfLessons(
    scope,
    lessons.map((l) => l.id),
  );
  return {
    format: COURSE_FILE_FORMAT,
    version: 1,
    course: {
      title: course.title,
      slug: course.slug,
      summary: course.summary,
      level: course.level,
      durationMinutes: course.duration_minutes,
      productModels: course.product_models,
      isFree: course.is_free,
    },
    modules: modules.map((m) => ({
      title: m.title,
      lessons: lessons
        .filter((l) => l.module_id === m.id)
        .map(
          (l): CourseFileLesson => ({
            title: l.title,
            kind: l.kind,
            required: l.required,
            bodyMd: l.body_md,
            videoEmbedUrl: l.video_embed_url,
            videoSeconds: l.video_seconds,
            captionsVtt: l.captions_vtt,
            transcript: l.transcript,
            linkKind: l.link_kind,
            linkTargetId: l.link_target_id,
            passPercent: l.pass_percent,
            attemptLimit: l.attempt_limit,
            shuffleQuestions: l.shuffle_questions,
            shuffleChoices: l.shuffle_choices,
            sessionId: l.session_id,
            ...(l.video_storage_key && { videoNote: VIDEO_NOTE }),
            questions: questions
              .filter((q) => q.lesson_id === l.id)
              .map((q) => ({
                kind: q.kind,
                prompt: q.prompt,
                choices: q.choices,
                correct: q.correct,
                explanation: q.explanation,
              })),
          }),
        ),
    })),
  };
}

export function serialiseCourseFile(file: CourseFile, format: "json" | "yaml"): string {
  return format === "yaml" ? YAML.stringify(file) : `${JSON.stringify(file, null, 2)}\n`;
}

/** The text of an uploaded file as data; a file that is neither JSON nor YAML is a 400 naming `body`. */
export function parseCourseText(text: string, contentType: string | undefined): unknown {
  const yaml = /yaml/i.test(contentType ?? "");
  try {
    return yaml ? YAML.parse(text, { maxAliasCount: 100 }) : JSON.parse(text);
  } catch (err) {
    throw new AppError(
      "validation_failed",
      `The file is not valid ${yaml ? "YAML" : "JSON"}: ${(err as Error).message.split("\n")[0]}`,
      "body",
    );
  }
}

/** Checks the whole file before anything is written: the first fault is a 400 naming its path. */
export async function validateCourseFile(
  scope: TenantScope,
  data: unknown,
  embedHosts: readonly string[],
): Promise<CourseFile> {
  const parsed = courseFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const keys = (issue as { keys?: string[] } | undefined)?.keys;
    const path = [...(issue?.path ?? []).map(String), ...(keys?.slice(0, 1) ?? [])].join(".") || "body";
    const message = keys ? `Unknown field "${path}"` : `${path}: ${issue?.message ?? "is invalid"}`;
    throw new AppError("validation_failed", message, path);
  }
  const file = parsed.data;
  for (const [i, m] of file.modules.entries())
    for (const [j, l] of m.lessons.entries()) {
      const prefix = `modules.${i}.lessons.${j}.`;
      await checkLesson(
        scope,
        {
          kind: l.kind,
          videoEmbedUrl: l.videoEmbedUrl || null,
          hasUpload: false,
          captionsVtt: l.captionsVtt || null,
          linkKind: l.linkKind ?? null,
          linkTargetId: l.linkTargetId ?? null,
          passPercent: l.kind === "quiz" ? (l.passPercent ?? 80) : (l.passPercent ?? null),
          sessionId: l.sessionId ?? null,
        },
        { prefix, code: "validation_failed", embedHosts },
      );
      if (l.kind !== "quiz" && l.questions.length > 0)
        throw new AppError("validation_failed", "Only quiz lessons have questions", `${prefix}questions`);
      for (const [k, q] of l.questions.entries())
        checkQuestion(q, { prefix: `${prefix}questions.${k}.`, code: "validation_failed" });
    }
  return file;
}

/** Creates a new draft course from a file; the slug is made free (-2, -3 …) when taken. */
export async function importCourse(ctx: Ctx, actor: Actor, data: unknown) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const file = await validateCourseFile(scope, data, ctx.config.academyEmbedHosts);
    const c = file.course;
    const slug = await freeSlug(scope, c.slug ?? slugify(c.title, "course"));
    const course = await scope
      .insertInto("academy_courses", {
        slug,
        title: c.title,
        summary: c.summary,
        level: c.level,
        duration_minutes: c.durationMinutes,
        product_models: c.productModels,
        state: "draft",
        is_free: c.isFree,
        created_by: actor.membershipId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    let lessonCount = 0;
    for (const [i, m] of file.modules.entries()) {
      const mod = await scope
        .insertInto("academy_modules", { course_id: course.id, title: m.title, position: i })
        .returning("id")
        .executeTakeFirstOrThrow();
      for (const [j, l] of m.lessons.entries()) {
        lessonCount++;
        const lesson = await scope
          .insertInto("academy_lessons", {
            course_id: course.id,
            module_id: mod.id,
            position: j,
            title: l.title,
            kind: l.kind,
            required: l.required ?? true,
            body_md: l.bodyMd ?? "",
            video_embed_url: l.videoEmbedUrl || null,
            video_seconds: l.videoSeconds ?? null,
            captions_vtt: l.captionsVtt || null,
            transcript: l.transcript || null,
            link_kind: l.linkKind ?? null,
            link_target_id: l.linkTargetId ?? null,
            pass_percent: l.kind === "quiz" ? (l.passPercent ?? 80) : (l.passPercent ?? null),
            attempt_limit: l.attemptLimit ?? null,
            shuffle_questions: l.shuffleQuestions ?? false,
            shuffle_choices: l.shuffleChoices ?? false,
            session_id: l.sessionId ?? null,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        for (const [k, q] of l.questions.entries())
          await scope
            .insertInto("academy_quiz_questions", {
              lesson_id: lesson.id,
              position: k,
              kind: q.kind,
              prompt: q.prompt,
              choices: JSON.stringify(q.choices),
              correct: JSON.stringify(q.correct),
              explanation: q.explanation,
            })
            .execute();
      }
    }
    await audit(scope, {
      actorUserId: actor.userId,
      action: "academy.course.imported",
      subjectType: "academy_course",
      subjectId: course.id,
      data: { title: course.title, slug, modules: file.modules.length, lessons: lessonCount },
    });
    return loadCourse(scope, course);
  });
}
