import { appendEvent } from "../../timeline/timeline.ts";
import { emitWebhookEvent } from "../../webhooks/webhooks.service.ts";
import type { CourseCompleted } from "../progress/completion.ts";
import { issueCertificate } from "./issue.ts";

/**
 * Completing a course (decided once, in progress/completion.ts) issues its certificate, puts
 * "course completed" on the customer's timeline and tells webhook subscribers. Runs inside the
 * completing transaction, so a failure here leaves the course not completed rather than
 * completed without its certificate.
 */
export async function certifyCompletedCourse(event: CourseCompleted): Promise<void> {
  await issueCertificate(event.scope, {
    boss: event.boss,
    customerId: event.customerId,
    courseId: event.courseId,
    title: event.courseTitle,
  });
  await appendEvent(event.scope, {
    customerId: event.customerId,
    kind: "academy.course_completed",
    data: { courseId: event.courseId, courseTitle: event.courseTitle },
  });
  await emitWebhookEvent(event.scope, event.boss, "academy.course_completed", {
    courseId: event.courseId,
    courseTitle: event.courseTitle,
    customerId: event.customerId,
  });
}
