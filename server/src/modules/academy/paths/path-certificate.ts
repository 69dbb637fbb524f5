import { sql } from "kysely";
import { issueCertificate } from "../certificates/issue.ts";
import type { CourseCompleted } from "../progress/completion.ts";
import { pathsNowCompleted, publishedPathsWithCourse } from "./paths.repo.ts";

/**
 * A course completion listener (registered in academy/register.ts): when the learner has now
 * completed every course of a published path, the path certificate is issued, once.
 *
 * Two last courses of one path completed at the same moment, in two transactions, would each
 * miss the other's uncommitted completion and neither would issue it. So the learner's path
 * check is serialised by a transaction lock taken before looking: the second transaction waits
 * for the first to commit, then (read committed) sees its completion, and issues the
 * certificate the first could not; or sees the first's certificate and leaves it be.
 */
export async function issuePathCertificates(event: CourseCompleted): Promise<void> {
  const { scope } = event;
  if (!(await publishedPathsWithCourse(scope, event.courseId))) return;
  await sql`select pg_advisory_xact_lock(hashtext(${`academy-paths:${event.customerId}`}))`.execute(scope.db);
  for (const path of await pathsNowCompleted(scope, event.courseId, event.customerId)) {
    await issueCertificate(scope, {
      boss: event.boss,
      customerId: event.customerId,
      pathId: path.id,
      title: path.title,
    });
  }
}
