import { sql } from "kysely";
import { issueCertificate } from "../certificates/issue.ts";
import type { CourseCompleted } from "../progress/completion.ts";
import { pathsNowCompleted } from "./paths.repo.ts";

/**
 * A course completion listener (registered in academy/register.ts): when the learner has now
 * completed every course of a published path, the path certificate is issued, once. The
 * advisory lock serialises two course completions of one learner landing at once, so the
 * second sees the first's certificate instead of tripping the unique index.
 */
export async function issuePathCertificates(event: CourseCompleted): Promise<void> {
  const { scope } = event;
  for (const path of await pathsNowCompleted(scope, event.courseId, event.customerId)) {
    await sql`select pg_advisory_xact_lock(hashtext(${`academy-path:${path.id}:${event.customerId}`}))`.execute(
      scope.db,
    );
    await issueCertificate(scope, {
      boss: event.boss,
      customerId: event.customerId,
      pathId: path.id,
      title: path.title,
    });
  }
}
