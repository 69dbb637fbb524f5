import { z } from "zod";

/**
 * The academy's learning paths and report (issue #21; docs/academy-api.md). A learning path is
 * an ordered set of courses with a certificate at the end. The report counts what happened in
 * a range and compares trained with untrained customers; every comparison carries its sample
 * sizes, and a difference the sample cannot support is labelled "not enough data to tell".
 */
export const MIN_SAMPLE = 30;
export const MAX_RANGE_DAYS = 731;
/** Months after the cohort month that the trained-against-untrained comparison follows. */
export const FOLLOW_MONTHS = 6;

const slug = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "lowercase words joined by single hyphens");

export const pathCreateSchema = z.strictObject({
  slug,
  title: z.string().trim().min(1).max(200),
  summary: z.string().max(2000).optional(),
  courseIds: z.array(z.uuid()).max(50).meta({ description: "The courses in order, each once" }),
});
export type PathCreate = z.infer<typeof pathCreateSchema>;

export const pathUpdateSchema = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  summary: z.string().max(2000).optional(),
  courseIds: z.array(z.uuid()).max(50).optional(),
});
export type PathUpdate = z.infer<typeof pathUpdateSchema>;

export const pathStateSchema = z.enum(["draft", "published", "archived"]);

export const pathCourseSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  title: z.string(),
  state: pathStateSchema,
  position: z.number(),
  /** The signed-in learner's progress; null for staff. */
  progress: z
    .object({
      requiredLessons: z.number(),
      completedLessons: z.number(),
      percent: z.number(),
      completed: z.boolean(),
    })
    .nullable(),
});

export const pathSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  state: pathStateSchema,
  courses: z.array(pathCourseSchema),
  /** For a learner: every course completed, and the path certificate's code once issued. */
  completed: z.boolean().nullable(),
  certificateCode: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Path = z.infer<typeof pathSchema>;
export const pathListSchema = z.object({ items: z.array(pathSchema) });

/** The courses a path may include (every course of the workspace, by title). */
export const pathCourseChoicesSchema = z.object({
  items: z.array(z.object({ id: z.uuid(), title: z.string(), state: pathStateSchema })),
});

export const reportQuerySchema = z.strictObject({
  from: z.iso.date().meta({ description: "First day (YYYY-MM-DD, UTC)" }),
  to: z.iso.date().meta({ description: "Last day (YYYY-MM-DD, UTC), at most 2 years after from" }),
});
export type ReportQuery = z.infer<typeof reportQuerySchema>;

export const courseFiguresSchema = z.object({
  courseId: z.uuid(),
  title: z.string(),
  /** Enrolled in the range: the sample of the completion rate. */
  enrollments: z.number(),
  /** Of those, completed by now. */
  completed: z.number(),
  completionRate: z.number().nullable(),
  tooFew: z.boolean(),
});

export const dropOffLessonSchema = z.object({
  lessonId: z.uuid(),
  title: z.string(),
  /** 1-based place in course order (modules, then lessons). */
  order: z.number(),
  /** Learners whose furthest lesson is this one or a later one. */
  reached: z.number(),
  /** Learners whose furthest lesson is this one and who have not completed the course. */
  stoppedHere: z.number(),
});

export const failedQuestionSchema = z.object({
  questionId: z.uuid(),
  prompt: z.string(),
  lessonTitle: z.string(),
  courseTitle: z.string(),
  answers: z.number(),
  wrong: z.number(),
  wrongShare: z.number(),
});

export const groupValueSchema = z.object({
  /** The sample: customers (or customers with lifecycle data, for retention). */
  n: z.number(),
  value: z.number().nullable(),
});

export const comparisonSchema = z.object({
  metric: z.enum(["contactRate", "repeatContacts", "retention"]),
  trained: groupValueSchema,
  untrained: groupValueSchema,
  /** trained − untrained with its 95% interval; null when a group is empty. */
  difference: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  /** notEnoughData: a group under MIN_SAMPLE, or an interval that includes zero. */
  verdict: z.enum(["trainedHigher", "trainedLower", "notEnoughData"]),
});
export type Comparison = z.infer<typeof comparisonSchema>;

export const curvePointSchema = z.object({
  offset: z.number().meta({ description: "Months after the cohort month (1 = the next month)" }),
  trained: groupValueSchema,
  untrained: groupValueSchema,
});

export const trainedReportSchema = z.object({
  followMonths: z.number(),
  cohorts: z.array(z.object({ month: z.string(), trained: z.number(), untrained: z.number() })),
  comparisons: z.array(comparisonSchema),
  /** Cases per customer in each month after, and share not churned at its end, pooled over cohorts. */
  contactCurve: z.array(curvePointSchema),
  retentionCurve: z.array(curvePointSchema),
});
export type TrainedReport = z.infer<typeof trainedReportSchema>;

export const academyReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  minSample: z.number(),
  totals: z.object({
    registrations: z.number(),
    attended: z.number(),
    enrollments: z.number(),
    completions: z.number(),
    certificatesIssued: z.number(),
  }),
  courses: z.array(courseFiguresSchema),
  dropOff: z.array(
    z.object({
      courseId: z.uuid(),
      title: z.string(),
      notStarted: z.number(),
      lessons: z.array(dropOffLessonSchema),
    }),
  ),
  failedQuestions: z.array(failedQuestionSchema),
  trained: trainedReportSchema,
});
export type AcademyReport = z.infer<typeof academyReportSchema>;
