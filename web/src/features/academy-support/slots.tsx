import { lazy, Suspense } from "react";

/**
 * The academy in the agent app (issue #21): only these lines are in the case and customer
 * pages' chunks; the lesson picker and the training section come with chunks of their own.
 */
const Picker = lazy(async () => ({ default: (await import("./LessonPicker.tsx")).LessonPicker }));
const Recommended = lazy(async () => ({
  default: (await import("./RecommendedLessonNote.tsx")).RecommendedLessonNote,
}));
const RecommendControl = lazy(async () => ({
  default: (await import("./RecommendedLessonControl.tsx")).RecommendedLessonControl,
}));
const Training = lazy(async () => ({ default: (await import("./TrainingSection.tsx")).TrainingSection }));

/** The composer's "Lesson" button: inserts a suggested lesson's link into the reply. */
export function LessonSlot(props: { body: string; setBody: (text: string) => void }) {
  return (
    <Suspense fallback={null}>
      <Picker {...props} />
    </Suspense>
  );
}

/** The customer panel's "Training"; on a case page it also tells the agent, live, of suggested lessons completed. */
export function CustomerTrainingSlot(props: { customerId: string; caseId?: string }) {
  return (
    <Suspense fallback={null}>
      <Training {...props} />
    </Suspense>
  );
}

/**
 * Called by the composer after a reply is stored: records the lessons it suggested. Loaded on
 * demand so the case page's chunk holds only this function's import.
 */
export async function reportSuggestedLessons(caseId: string, messageId: string, body: string) {
  if (!body.includes("/portal/academy/courses/")) return;
  const api = await import("./academySupportApi.ts");
  await api.reportSuggestedLessons(caseId, messageId, body);
}

/** Under a finished playbook run: the lesson its outcome step recommends, if any. */
export function RecommendedLessonSlot(props: { playbookId: string; stepId: string | undefined }) {
  if (!props.stepId) return null;
  return (
    <Suspense fallback={null}>
      <Recommended playbookId={props.playbookId} stepId={props.stepId} />
    </Suspense>
  );
}

/** The help article editor's "Recommended lesson" (staff): shown on the article's public page. */
export function ArticleLessonSlot(props: { articleId: string }) {
  return (
    <Suspense fallback={null}>
      <RecommendControl target={{ kind: "article", articleId: props.articleId }} />
    </Suspense>
  );
}

/** An outcome step's "Recommended lesson" in the playbook editor (staff): shown under a finished run. */
export function OutcomeLessonSlot(props: { playbookId: string; stepId: string }) {
  if (!props.stepId) return null;
  return (
    <Suspense fallback={null}>
      <RecommendControl target={{ kind: "outcome", playbookId: props.playbookId, stepId: props.stepId }} />
    </Suspense>
  );
}
