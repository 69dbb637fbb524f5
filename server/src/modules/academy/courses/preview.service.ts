import type { CoursePreview } from "../../../../../contracts/academy-courses.ts";
import type { Actor } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { renderArticle } from "../../help/render.ts";
import { courseNotFound } from "./courses.policy.ts";
import {
  captionsUrl,
  coverUrl,
  findCourse,
  lessonsOfCourse,
  modulesOf,
  questionsOfLessons,
  videoUrl,
} from "./courses.repo.ts";
import type { Ctx } from "./courses.service.ts";

/**
 * The course the way a learner gets it, for staff to check before publishing: markdown
 * rendered and sanitised like help articles, quizzes without their answers or explanations.
 * Reads only; nothing is recorded as progress.
 */
export async function previewCourse(ctx: Ctx, actor: Actor, courseId: string): Promise<CoursePreview> {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const course = await findCourse(scope, courseId);
  if (!course) throw courseNotFound();
  const modules = await modulesOf(scope, courseId);
  const lessons = await lessonsOfCourse(scope, courseId);
  const questions = await questionsOfLessons(
    scope,
    lessons.filter((l) => l.kind === "quiz").map((l) => l.id),
  );
  return {
    id: course.id,
    title: course.title,
    summary: course.summary,
    level: course.level,
    durationMinutes: course.duration_minutes,
    coverUrl: course.cover_storage_key ? coverUrl(course.id) : null,
    modules: modules.map((m) => ({
      id: m.id,
      title: m.title,
      lessons: lessons
        .filter((l) => l.module_id === m.id)
        .map((l) => ({
          id: l.id,
          title: l.title,
          kind: l.kind,
          required: l.required,
          bodyHtml: l.body_md ? renderArticle(l.body_md) : "",
          videoUrl: l.video_storage_key ? videoUrl(l.id) : null,
          videoEmbedUrl: l.video_embed_url,
          captionsUrl: l.captions_vtt ? captionsUrl(l.id) : null,
          transcript: l.transcript,
          link: l.link_kind && l.link_target_id ? { kind: l.link_kind, targetId: l.link_target_id } : null,
          passPercent: l.pass_percent,
          attemptLimit: l.attempt_limit,
          questions: questions
            .filter((q) => q.lesson_id === l.id)
            .map((q) => ({ id: q.id, kind: q.kind, prompt: q.prompt, choices: q.choices })),
        })),
    })),
  };
}
