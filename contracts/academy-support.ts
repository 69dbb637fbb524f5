import { z } from "zod";
import { stepIdSchema } from "./playbooks.ts";

/**
 * The academy tied to support (issue #21, server/src/modules/academy/support): lesson search
 * for the composer, suggestions recorded on send, the customer's training, recommendations.
 */

/** The portal page a suggested or recommended lesson opens (the course page, at that lesson). */
export const portalLessonHref = (courseSlug: string, lessonId: string) =>
  `/portal/academy/courses/${courseSlug}?lesson=${lessonId}`;

export const lessonSearchQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(20).default(8),
});

export const lessonHitSchema = z.object({
  lessonId: z.string(),
  lessonTitle: z.string(),
  kind: z.string(),
  courseId: z.string(),
  courseSlug: z.string(),
  courseTitle: z.string(),
  /** Relative to the workspace's address: what the composer inserts. */
  href: z.string(),
  /** A few words around the match, plain text. */
  excerpt: z.string(),
});
export type LessonHit = z.infer<typeof lessonHitSchema>;
export const lessonSearchResultSchema = z.object({ items: z.array(lessonHitSchema) });

/**
 * Sent by the composer right after a reply with inserted lesson links was stored: the server
 * keeps only lessons whose link is in that reply's text.
 */
export const lessonSuggestionsInputSchema = z.strictObject({
  messageId: z.uuid(),
  lessonIds: z.array(z.uuid()).min(1).max(10),
});

export const lessonSuggestionSchema = z.object({
  id: z.string(),
  lessonId: z.string(),
  lessonTitle: z.string(),
  courseTitle: z.string(),
  messageId: z.string(),
  suggestedByName: z.string(),
  suggestedAt: z.string(),
  completedAt: z.string().nullable(),
});
export const lessonSuggestionListSchema = z.object({ items: z.array(lessonSuggestionSchema) });

export const customerTrainingSchema = z.object({
  courses: z.array(
    z.object({
      courseId: z.string(),
      title: z.string(),
      slug: z.string(),
      percent: z.number().int(),
      completedAt: z.string().nullable(),
      enrolledAt: z.string(),
    }),
  ),
  certificates: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      code: z.string(),
      issuedAt: z.string(),
      revokedAt: z.string().nullable(),
      verifyHref: z.string(),
      /** Why staff revoked it (the verify page shows the same); null while valid. */
      revokedReason: z.string().nullable(),
    }),
  ),
  sessions: z.array(
    z.object({
      sessionId: z.string(),
      title: z.string(),
      startsAt: z.string(),
      status: z.string(),
      attended: z.boolean().nullable(),
    }),
  ),
  suggestions: z.array(lessonSuggestionSchema),
});
export type CustomerTraining = z.infer<typeof customerTrainingSchema>;

export const recommendationInputSchema = z.strictObject({ lessonId: z.uuid() });
export const outcomeParamSchema = z.strictObject({ id: z.uuid(), stepId: stepIdSchema });

export const recommendedLessonSchema = z.object({
  lesson: z
    .object({
      lessonId: z.string(),
      lessonTitle: z.string(),
      courseTitle: z.string(),
      href: z.string(),
    })
    .nullable(),
});
export type RecommendedLesson = z.infer<typeof recommendedLessonSchema>;

/** The public pages' data (server/src/modules/academy/public → web/src/features/academy-public). */
export type AcademyCourseCard = {
  slug: string;
  title: string;
  summary: string;
  level: "beginner" | "intermediate" | "advanced";
  durationMinutes: number | null;
  lessonCount: number;
  coverHref: string | null;
};
export type AcademyPageData =
  | {
      page: "home";
      courses: AcademyCourseCard[];
      paths: Array<{ slug: string; title: string; summary: string; courseTitles: string[] }>;
    }
  | {
      page: "course";
      course: AcademyCourseCard;
      productModels: string[];
      modules: Array<{ title: string; lessons: Array<{ title: string; kind: string; required: boolean }> }>;
      startHref: string;
    }
  | { page: "notFound" };
