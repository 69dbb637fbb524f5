import { fileTypeFromBuffer } from "file-type";
import { COVER_TYPES, VIDEO_TYPES } from "../../../../../contracts/academy-courses.ts";
import type { Actor } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { audit } from "../../audit/audit.ts";
import { canWatchCourse, courseNotFound, isStaff, lessonNotFound } from "./courses.policy.ts";
import { findCourse, findLesson, presentLesson } from "./courses.repo.ts";
import type { Ctx } from "./courses.service.ts";

/**
 * Uploaded videos and course covers. The type is sniffed from the bytes (a text file named
 * .mp4 is refused). The file is stored FIRST, and only then swapped into the lesson in one
 * short transaction: a refused, cut-off or failed upload never touches the lesson, so the
 * old video keeps playing. The replaced file is deleted after the commit; a file whose swap
 * rolled back is left to the orphan collector.
 */
export type UploadedFile = { filename: string | null; data: Buffer };

async function sniff(data: Buffer, allowed: readonly string[], what: string) {
  if (data.length === 0) throw new AppError("validation_failed", "The file is empty", "file");
  const mime = (await fileTypeFromBuffer(data).catch(() => undefined))?.mime;
  if (!mime || !allowed.includes(mime))
    throw new AppError(
      "unprocessable",
      `The file's content is not ${what}${mime ? ` (it looks like ${mime})` : ""}, whatever its name`,
      "file",
    );
  return mime;
}

export async function uploadVideo(ctx: Ctx, actor: Actor, lessonId: string, file: UploadedFile | undefined) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const lesson = await findLesson(scope, lessonId);
  if (!lesson) throw lessonNotFound();
  if (lesson.kind !== "video") throw new AppError("unprocessable", "Only video lessons take a video", "file");
  if (!file) throw new AppError("validation_failed", 'Send the video in the form field "file"', "file");
  const mime = await sniff(file.data, VIDEO_TYPES, "an MP4, WebM or Ogg video");
  const key = await ctx.files.save(actor.workspaceId, file.data);
  const { row, old } = await inTransaction(ctx.db, async (tx) => {
    const s = scope.with(tx);
    const before = await findLesson(s, lessonId, true);
    // Deleted (or made another kind) while the bytes were uploading.
    if (!before) throw lessonNotFound();
    if (before.kind !== "video")
      throw new AppError("unprocessable", "Only video lessons take a video", "file");
    const row = await s
      .updateTable("academy_lessons")
      .set({
        video_storage_key: key,
        video_mime: mime,
        video_bytes: file.data.length,
        // An upload replaces an embed: a lesson plays one video.
        video_embed_url: null,
        updated_at: new Date(),
      })
      .where("id", "=", lessonId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(s, {
      actorUserId: actor.userId,
      action: "academy.lesson.video_uploaded",
      subjectType: "academy_lesson",
      subjectId: lessonId,
      data: { courseId: before.course_id, mime, bytes: file.data.length, name: file.filename },
    });
    return { row, old: before.video_storage_key };
  });
  if (old) await ctx.files.delete(old).catch(() => undefined);
  return presentLesson(row, 0);
}

export async function removeVideo(ctx: Ctx, actor: Actor, lessonId: string) {
  const old = await inTransaction(ctx.db, async (tx) => {
    const s = new TenantScope(tx, actor.workspaceId);
    const before = await findLesson(s, lessonId, true);
    if (!before) throw lessonNotFound();
    await s
      .updateTable("academy_lessons")
      .set({ video_storage_key: null, video_mime: null, video_bytes: null, updated_at: new Date() })
      .where("id", "=", lessonId)
      .execute();
    await audit(s, {
      actorUserId: actor.userId,
      action: "academy.lesson.video_removed",
      subjectType: "academy_lesson",
      subjectId: lessonId,
      data: { courseId: before.course_id },
    });
    return before.video_storage_key;
  });
  if (old) await ctx.files.delete(old).catch(() => undefined);
}

/** A lesson's stored video for a reader who may watch it; anything else 404. */
export async function readableLesson(ctx: Ctx, actor: Actor, lessonId: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const lesson = await findLesson(scope, lessonId);
  const course = lesson ? await findCourse(scope, lesson.course_id) : undefined;
  if (!lesson || !course || !(await canWatchCourse(scope, actor, course))) throw lessonNotFound();
  return lesson;
}

export async function videoFile(ctx: Ctx, actor: Actor, lessonId: string) {
  const lesson = await readableLesson(ctx, actor, lessonId);
  if (!lesson.video_storage_key || !lesson.video_mime)
    throw new AppError("not_found", "This lesson has no uploaded video");
  return { mime: lesson.video_mime, bytes: await ctx.files.read(lesson.video_storage_key) };
}

export async function captionsOf(ctx: Ctx, actor: Actor, lessonId: string) {
  const lesson = await readableLesson(ctx, actor, lessonId);
  if (!lesson.captions_vtt) throw new AppError("not_found", "This lesson has no captions");
  return lesson.captions_vtt;
}

// ---- covers ----

export async function uploadCover(ctx: Ctx, actor: Actor, courseId: string, file: UploadedFile | undefined) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  if (!(await findCourse(scope, courseId))) throw courseNotFound();
  if (!file) throw new AppError("validation_failed", 'Send the picture in the form field "file"', "file");
  const mime = await sniff(file.data, COVER_TYPES, "a PNG, JPEG, GIF or WebP picture");
  const key = await ctx.files.save(actor.workspaceId, file.data);
  const old = await inTransaction(ctx.db, async (tx) => {
    const s = scope.with(tx);
    const before = await findCourse(s, courseId, true);
    if (!before) throw courseNotFound();
    await s
      .updateTable("academy_courses")
      .set({ cover_storage_key: key, cover_mime: mime, updated_at: new Date() })
      .where("id", "=", courseId)
      .execute();
    await audit(s, {
      actorUserId: actor.userId,
      action: "academy.course.cover_uploaded",
      subjectType: "academy_course",
      subjectId: courseId,
      data: { mime, bytes: file.data.length },
    });
    return before.cover_storage_key;
  });
  if (old) await ctx.files.delete(old).catch(() => undefined);
  return { coverUrl: `/api/v1/academy/courses/${courseId}/cover` };
}

/** A course's cover: staff see any; everyone else only a published or archived course's. */
export async function coverFile(ctx: Ctx, workspaceId: string, actor: Actor | undefined, courseId: string) {
  const scope = new TenantScope(ctx.db, workspaceId);
  const course = await findCourse(scope, courseId);
  const visible = course && ((actor && isStaff(actor)) || course.state !== "draft");
  if (!course || !visible || !course.cover_storage_key || !course.cover_mime)
    throw new AppError("not_found", "Cover was not found");
  return { mime: course.cover_mime, bytes: await ctx.files.read(course.cover_storage_key) };
}

// ---- pictures in lesson text ----

export const imageUrl = (id: string) => `/api/v1/academy/images/${id}`;
const markdownText = (s: string) => s.replace(/[\\[\]()*_`<>!]/g, (c) => `\\${c}`);

/** Stores a picture for a course's lesson text and answers the markdown that shows it. */
export async function uploadImage(ctx: Ctx, actor: Actor, courseId: string, file: UploadedFile | undefined) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  if (!(await findCourse(scope, courseId))) throw courseNotFound();
  if (!file) throw new AppError("validation_failed", 'Send the picture in the form field "file"', "file");
  const mime = await sniff(file.data, COVER_TYPES, "a PNG, JPEG, GIF or WebP picture");
  // Stored before the row: a failed insert leaves a file the orphan collector removes.
  const key = await ctx.files.save(actor.workspaceId, file.data);
  const row = await inTransaction(ctx.db, async (tx) => {
    const s = scope.with(tx);
    const row = await s
      .insertInto("academy_images", { course_id: courseId, storage_key: key, mime, bytes: file.data.length })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(s, {
      actorUserId: actor.userId,
      action: "academy.image.uploaded",
      subjectType: "academy_course",
      subjectId: courseId,
      data: { imageId: row.id, mime, bytes: file.data.length },
    });
    return row;
  });
  const url = imageUrl(row.id);
  const alt = markdownText((file.filename ?? "picture").replace(/\.[a-z0-9]+$/i, ""));
  return { id: row.id, url, markdown: `![${alt}](${url})` };
}

/** A lesson picture for whoever may read the course's lessons (staff; learners of a published course). */
export async function imageFile(ctx: Ctx, actor: Actor, imageId: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const image = await scope
    .selectFrom("academy_images")
    .selectAll()
    .where("id", "=", imageId)
    .executeTakeFirst();
  const course = image ? await findCourse(scope, image.course_id) : undefined;
  if (!image || !course || !(await canWatchCourse(scope, actor, course)))
    throw new AppError("not_found", "Picture was not found");
  return { mime: image.mime, bytes: await ctx.files.read(image.storage_key) };
}
