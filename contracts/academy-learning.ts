import { z } from "zod";

/**
 * The academy's learner side (issue #21; docs/academy-api.md): enrolments, the course and
 * lesson views of a signed-in customer, progress, quiz attempts and certificates.
 * Quiz questions leave the server WITHOUT `correct` and `explanation` until an attempt is submitted.
 */

export const customerQuerySchema = z.strictObject({
  /** Staff only: whose data to read (learners always read their own). */
  customerId: z.uuid().optional(),
});

export const enrollInputSchema = z.strictObject({ courseId: z.uuid() });

export const enrollmentSchema = z.object({
  courseId: z.string(),
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  level: z.enum(["beginner", "intermediate", "advanced"]),
  enrolledAt: z.string(),
  completedAt: z.string().nullable(),
  /** Complete required lessons over all required lessons, 0–100. */
  percent: z.number().int(),
  lastLessonId: z.string().nullable(),
});
export type Enrollment = z.infer<typeof enrollmentSchema>;
export const enrollmentListSchema = z.object({ items: z.array(enrollmentSchema) });

export const lessonKindSchema = z.enum(["text", "video", "quiz", "link", "session"]);

export const learnLessonSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: lessonKindSchema,
  required: z.boolean(),
  percent: z.number().int(),
  completed: z.boolean(),
});

export const learnCourseSchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  level: z.enum(["beginner", "intermediate", "advanced"]),
  durationMinutes: z.number().int().nullable(),
  state: z.enum(["draft", "published", "archived"]),
  enrolled: z.boolean(),
  completedAt: z.string().nullable(),
  percent: z.number().int(),
  /** The lesson to resume: the last one opened, or the first not yet complete. */
  resumeLessonId: z.string().nullable(),
  lastLessonId: z.string().nullable(),
  modules: z.array(
    z.object({ id: z.string(), title: z.string(), lessons: z.array(learnLessonSummarySchema) }),
  ),
});
export type LearnCourse = z.infer<typeof learnCourseSchema>;

export const courseKeyParamSchema = z.strictObject({ key: z.string().min(1).max(120) });

/** A question as a learner sees it before submitting: no right answer, no explanation. */
export const learnQuestionSchema = z.object({
  id: z.string(),
  kind: z.enum(["single", "multiple", "short"]),
  prompt: z.string(),
  choices: z.array(z.object({ id: z.string(), text: z.string() })),
});
export type LearnQuestion = z.infer<typeof learnQuestionSchema>;

export const learnLessonSchema = z.object({
  id: z.string(),
  courseId: z.string(),
  courseSlug: z.string(),
  courseTitle: z.string(),
  title: z.string(),
  kind: lessonKindSchema,
  required: z.boolean(),
  /** The lead-in (and a text lesson's body), rendered and sanitised. */
  html: z.string(),
  percent: z.number().int(),
  positionSeconds: z.number().int(),
  completed: z.boolean(),
  previousLessonId: z.string().nullable(),
  nextLessonId: z.string().nullable(),
  video: z
    .object({
      /** An uploaded file streamed with range requests, or an embed on an allowed host. */
      streamUrl: z.string().nullable(),
      embedUrl: z.string().nullable(),
      mime: z.string().nullable(),
      seconds: z.number().int().nullable(),
      captionsUrl: z.string().nullable(),
      transcript: z.string().nullable(),
    })
    .nullable(),
  link: z.object({ kind: z.enum(["article", "playbook"]), url: z.string(), title: z.string() }).nullable(),
  quiz: z
    .object({
      passPercent: z.number().int(),
      attemptLimit: z.number().int().nullable(),
      attemptsUsed: z.number().int(),
      passed: z.boolean(),
      questionCount: z.number().int(),
      /** The attempt in progress, if any: its questions below are in the order it shows them. */
      openAttemptId: z.string().nullable(),
      /** Without right answers or explanations; shuffled per attempt when the lesson says so. */
      questions: z.array(learnQuestionSchema),
    })
    .nullable(),
  sessionId: z.string().nullable(),
});
export type LearnLesson = z.infer<typeof learnLessonSchema>;

export const progressInputSchema = z.strictObject({
  lessonId: z.uuid(),
  percent: z.number().min(0).max(100).optional(),
  positionSeconds: z.number().min(0).max(1_000_000).optional(),
  /** A link lesson: the learner opened the article or playbook. */
  opened: z.literal(true).optional(),
});

export const progressSchema = z.object({
  lessonId: z.string(),
  courseId: z.string(),
  percent: z.number().int(),
  completed: z.boolean(),
  courseCompleted: z.boolean(),
  coursePercent: z.number().int(),
});

export const lessonIdParamSchema = z.strictObject({ lessonId: z.uuid() });
export const attemptParamSchema = z.strictObject({ lessonId: z.uuid(), attemptId: z.uuid() });

export const attemptStartedSchema = z.object({
  id: z.string(),
  attemptNumber: z.number().int(),
  attemptLimit: z.number().int().nullable(),
  startedAt: z.string(),
  /** In the order shown, choices shuffled when the lesson says so. */
  questions: z.array(learnQuestionSchema),
});
export type AttemptStarted = z.infer<typeof attemptStartedSchema>;

/** questionId → chosen choice ids (single, multiple) or the typed text (short). */
export const submitInputSchema = z.strictObject({
  answers: z.record(
    z.string().max(100),
    z.union([z.array(z.string().max(100)).max(50), z.string().max(2000)]),
  ),
});

export const gradedQuestionSchema = z.object({
  id: z.string(),
  kind: z.enum(["single", "multiple", "short"]),
  prompt: z.string(),
  choices: z.array(z.object({ id: z.string(), text: z.string() })),
  answer: z.array(z.string()),
  correct: z.boolean(),
  /** Only now: the right choice ids, or the accepted short answers. */
  rightAnswer: z.array(z.string()),
  explanation: z.string(),
});

export const attemptResultSchema = z.object({
  id: z.string(),
  attemptNumber: z.number().int(),
  scorePercent: z.number().int(),
  passed: z.boolean(),
  passPercent: z.number().int(),
  attemptsLeft: z.number().int().nullable(),
  lessonCompleted: z.boolean(),
  courseCompleted: z.boolean(),
  questions: z.array(gradedQuestionSchema),
});
export type AttemptResult = z.infer<typeof attemptResultSchema>;

export const attemptSummarySchema = z.object({
  id: z.string(),
  attemptNumber: z.number().int(),
  startedAt: z.string(),
  submittedAt: z.string().nullable(),
  scorePercent: z.number().int().nullable(),
  passed: z.boolean().nullable(),
});
export const attemptListSchema = z.object({
  attemptLimit: z.number().int().nullable(),
  items: z.array(attemptSummarySchema),
});

export const certificateSchema = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  learnerName: z.string(),
  courseId: z.string().nullable(),
  pathId: z.string().nullable(),
  issuedAt: z.string(),
  revokedAt: z.string().nullable(),
  revokedReason: z.string().nullable(),
  verifyUrl: z.string(),
  pdfUrl: z.string(),
});
export type Certificate = z.infer<typeof certificateSchema>;
export const certificateListSchema = z.object({ items: z.array(certificateSchema) });

export const revokeInputSchema = z.strictObject({ reason: z.string().max(500).optional() });

export const verifyParamSchema = z.strictObject({ code: z.string().min(1).max(60) });

/** What anyone may learn from a code: the name and title printed on it, and whether it holds. */
export const verificationSchema = z.object({
  status: z.enum(["valid", "revoked"]),
  code: z.string(),
  learnerName: z.string(),
  title: z.string(),
  issuedAt: z.string(),
  revokedAt: z.string().nullable(),
  revokedReason: z.string().nullable(),
  workspaceName: z.string(),
});
export type Verification = z.infer<typeof verificationSchema>;
