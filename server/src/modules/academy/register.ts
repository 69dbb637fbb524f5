import { setTrainingSource } from "../retention/sources.ts";
import { certifyCompletedCourse } from "./certificates/on-course-completed.ts";
import { issuePathCertificates } from "./paths/path-certificate.ts";
import { onCourseCompleted, onLessonCompleted } from "./progress/completion.ts";
import { trainedByAcademy } from "./report/trained.ts";
import { lessonCompletedForSupport } from "./support/completed.listener.ts";

/**
 * Once per process, after registerRetention: the academy becomes retention's training source,
 * and each part of the academy registers what reacts to completions (progress/completion.ts).
 * Parts append their registrations below.
 */
export function registerAcademy(): void {
  setTrainingSource(trainedByAcademy);
  onCourseCompleted(certifyCompletedCourse);
  onLessonCompleted(lessonCompletedForSupport);
  onCourseCompleted(issuePathCertificates);
}
