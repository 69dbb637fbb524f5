import { z } from "zod";

/**
 * Academy authoring (issue #21): courses, modules, lessons and quiz questions as staff edit
 * them, the nested reorder, and the single-file course export/import. The tables are in
 * migration 0060 (docs/academy-api.md). Learners never see these shapes: `correct` and
 * `explanation` leave the server only to staff.
 */
export const COURSE_LEVELS = ["beginner", "intermediate", "advanced"] as const;
export const COURSE_STATES = ["draft", "published", "archived"] as const;
export const LESSON_KINDS = ["text", "video", "quiz", "link", "session"] as const;
export const QUESTION_KINDS = ["single", "multiple", "short"] as const;
export const LINK_KINDS = ["article", "playbook"] as const;

/** Hosts an embedded video may come from (https only). */
export const DEFAULT_EMBED_HOSTS = [
  "youtube.com",
  "www.youtube.com",
  "youtube-nocookie.com",
  "www.youtube-nocookie.com",
  "vimeo.com",
  "player.vimeo.com",
] as const;

/** Video files an author may upload; the type is sniffed from the bytes. */
export const VIDEO_TYPES = ["video/mp4", "video/webm", "video/ogg"] as const;
export const COVER_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"] as const;
export const MAX_COVER_BYTES = 5 * 1024 * 1024;
/** An imported course file (JSON or YAML), at most this many bytes. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max);
const slugSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "may hold only lower-case letters, digits and single hyphens");

export const courseLevelSchema = z.enum(COURSE_LEVELS);
export const courseStateSchema = z.enum(COURSE_STATES);
export const lessonKindSchema = z.enum(LESSON_KINDS);
export const questionKindSchema = z.enum(QUESTION_KINDS);
export type CourseState = (typeof COURSE_STATES)[number];
export type LessonKindName = (typeof LESSON_KINDS)[number];
export type QuestionKindName = (typeof QUESTION_KINDS)[number];

// ---- courses ----

const courseFields = {
  title: text(200),
  slug: slugSchema.optional().meta({ description: "Unique per workspace; made from the title when absent" }),
  summary: z.string().trim().max(2000).optional(),
  level: courseLevelSchema.optional(),
  durationMinutes: z.number().int().min(1).max(100_000).nullable().optional(),
  productModels: z.array(text(120)).max(50, "at most 50 product models").optional(),
  state: courseStateSchema.optional(),
  isFree: z.boolean().optional().meta({ description: "Courses are free by default" }),
};
export const courseInputSchema = z.strictObject(courseFields);
export const coursePatchSchema = z.strictObject({ ...courseFields, title: text(200).optional() });
export type CourseInput = z.infer<typeof courseInputSchema>;
export type CoursePatch = z.infer<typeof coursePatchSchema>;

export const courseSummarySchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  level: courseLevelSchema,
  durationMinutes: z.number().nullable(),
  productModels: z.array(z.string()),
  state: courseStateSchema,
  isFree: z.boolean(),
  coverUrl: z.string().nullable(),
  moduleCount: z.number(),
  lessonCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
});
export const courseListSchema = z.object({ items: z.array(courseSummarySchema) });

// ---- lessons ----

const lessonFields = {
  title: text(200),
  required: z.boolean().optional(),
  bodyMd: z.string().max(200_000).optional(),
  videoEmbedUrl: z.string().trim().max(2000).nullable().optional(),
  videoSeconds: z.number().int().min(1).max(1_000_000).nullable().optional(),
  captionsVtt: z.string().max(500_000).nullable().optional(),
  transcript: z.string().max(500_000).nullable().optional(),
  linkKind: z.enum(LINK_KINDS).nullable().optional(),
  linkTargetId: z.uuid().nullable().optional(),
  passPercent: z.number().int().min(0).max(100).nullable().optional(),
  attemptLimit: z.number().int().min(1).max(100).nullable().optional(),
  shuffleQuestions: z.boolean().optional(),
  shuffleChoices: z.boolean().optional(),
  sessionId: z.uuid().nullable().optional(),
};
export const lessonInputSchema = z.strictObject({ ...lessonFields, kind: lessonKindSchema });
export const lessonPatchSchema = z.strictObject({ ...lessonFields, title: text(200).optional() });
export type LessonInput = z.infer<typeof lessonInputSchema>;
export type LessonPatch = z.infer<typeof lessonPatchSchema>;

export const lessonSchema = z.object({
  id: z.uuid(),
  moduleId: z.uuid(),
  courseId: z.uuid(),
  title: z.string(),
  kind: lessonKindSchema,
  position: z.number(),
  required: z.boolean(),
  bodyMd: z.string(),
  videoEmbedUrl: z.string().nullable(),
  videoSeconds: z.number().nullable(),
  /** The uploaded video's stream URL, or null without an upload. */
  videoUrl: z.string().nullable(),
  videoMime: z.string().nullable(),
  videoBytes: z.number().nullable(),
  captionsVtt: z.string().nullable(),
  transcript: z.string().nullable(),
  linkKind: z.enum(LINK_KINDS).nullable(),
  linkTargetId: z.string().nullable(),
  passPercent: z.number().nullable(),
  attemptLimit: z.number().nullable(),
  shuffleQuestions: z.boolean(),
  shuffleChoices: z.boolean(),
  sessionId: z.string().nullable(),
  questionCount: z.number(),
});
export type Lesson = z.infer<typeof lessonSchema>;

// ---- modules and the whole course ----

export const moduleInputSchema = z.strictObject({ title: text(200) });
export const moduleSchema = z.object({
  id: z.uuid(),
  courseId: z.uuid(),
  title: z.string(),
  position: z.number(),
  lessons: z.array(lessonSchema),
});
export const courseSchema = courseSummarySchema.extend({ modules: z.array(moduleSchema) });
export type Course = z.infer<typeof courseSchema>;

/** The full nested order: every module of the course once, every lesson once, in any module. */
export const courseOrderSchema = z.strictObject({
  modules: z.array(z.strictObject({ id: z.uuid(), lessons: z.array(z.uuid()).max(1000) })).max(500),
});
export type CourseOrder = z.infer<typeof courseOrderSchema>;

// ---- quiz questions ----

export const quizChoiceSchema = z.strictObject({
  id: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,20}$/, "must be 1–20 letters, digits, '-' or '_'"),
  text: text(1000),
});
export const questionInputSchema = z.strictObject({
  kind: questionKindSchema,
  prompt: text(4000),
  choices: z.array(quizChoiceSchema).max(20, "at most 20 choices").default([]),
  correct: z
    .array(z.string().trim().min(1, "must not be empty").max(500))
    .max(20)
    .meta({ description: "Choice ids (single/multiple) or accepted answers (short)" }),
  explanation: z.string().trim().max(4000).default(""),
});
// Written out rather than .partial(): the defaults above would fill absent fields of a patch.
export const questionPatchSchema = z.strictObject({
  kind: questionKindSchema.optional(),
  prompt: text(4000).optional(),
  choices: z.array(quizChoiceSchema).max(20, "at most 20 choices").optional(),
  correct: z.array(z.string().trim().min(1, "must not be empty").max(500)).max(20).optional(),
  explanation: z.string().trim().max(4000).optional(),
});
export type QuestionInput = z.infer<typeof questionInputSchema>;
export type QuestionPatch = z.infer<typeof questionPatchSchema>;
export const questionSchema = z.object({
  id: z.uuid(),
  lessonId: z.uuid(),
  position: z.number(),
  kind: questionKindSchema,
  prompt: z.string(),
  choices: z.array(z.object({ id: z.string(), text: z.string() })),
  correct: z.array(z.string()),
  explanation: z.string(),
});
export const questionListSchema = z.object({ items: z.array(questionSchema) });

// ---- preview (the learner's view, for staff) ----

export const previewLessonSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  kind: lessonKindSchema,
  required: z.boolean(),
  bodyHtml: z.string(),
  videoUrl: z.string().nullable(),
  videoEmbedUrl: z.string().nullable(),
  captionsUrl: z.string().nullable(),
  transcript: z.string().nullable(),
  link: z.object({ kind: z.enum(LINK_KINDS), targetId: z.string() }).nullable(),
  passPercent: z.number().nullable(),
  attemptLimit: z.number().nullable(),
  /** As a learner gets them: no `correct`, no `explanation`. */
  questions: z.array(
    z.object({
      id: z.uuid(),
      kind: questionKindSchema,
      prompt: z.string(),
      choices: z.array(z.object({ id: z.string(), text: z.string() })),
    }),
  ),
});
export const coursePreviewSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  summary: z.string(),
  level: courseLevelSchema,
  durationMinutes: z.number().nullable(),
  coverUrl: z.string().nullable(),
  modules: z.array(z.object({ id: z.uuid(), title: z.string(), lessons: z.array(previewLessonSchema) })),
});
export type CoursePreview = z.infer<typeof coursePreviewSchema>;

// ---- the course file (export / import) ----

export const COURSE_FILE_FORMAT = "rapport.academy.course";
export const exportQuerySchema = z.strictObject({ format: z.enum(["json", "yaml"]).default("json") });

const fileQuestionSchema = z.strictObject({
  kind: questionKindSchema,
  prompt: text(4000),
  choices: z.array(quizChoiceSchema).max(20).default([]),
  correct: z.array(z.string().trim().min(1).max(500)).max(20),
  explanation: z.string().trim().max(4000).default(""),
});
const fileLessonSchema = z.strictObject({
  ...lessonFields,
  kind: lessonKindSchema,
  /** Set on export when the lesson had an uploaded video, which the file does not carry. */
  videoNote: z.string().max(500).optional(),
  questions: z.array(fileQuestionSchema).max(200).default([]),
});
export const courseFileSchema = z.strictObject({
  format: z.literal(COURSE_FILE_FORMAT),
  version: z.literal(1),
  course: z.strictObject({
    title: text(200),
    slug: slugSchema.optional(),
    summary: z.string().trim().max(2000).default(""),
    level: courseLevelSchema.default("beginner"),
    durationMinutes: z.number().int().min(1).max(100_000).nullable().default(null),
    productModels: z.array(text(120)).max(50).default([]),
    isFree: z.boolean().default(true),
  }),
  modules: z
    .array(z.strictObject({ title: text(200), lessons: z.array(fileLessonSchema).max(500) }))
    .max(200),
});
export type CourseFile = z.infer<typeof courseFileSchema>;
export type CourseFileLesson = z.infer<typeof fileLessonSchema>;
