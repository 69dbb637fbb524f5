import { sql } from "kysely";
import type { Executor } from "../../../platform/db/tenant.ts";

/** What a public stream may say about a topic's problem: what its public page shows, no more. */
export type PublicProblemStatus = { title: string | null; status: string };

export type LiveTopic = { topicId: string; problemId: string | null; problem: PublicProblemStatus | null };

/**
 * Topics that may be followed live: visible, not merged, in a `public` category. Anything else
 * (a private category, hidden, unknown, another workspace) is left out, so the caller answers
 * 404 and a stream already open is ended.
 */
export async function publicTopics(
  db: Executor,
  workspaceId: string,
  topicIds: string[],
): Promise<LiveTopic[]> {
  if (topicIds.length === 0) return [];
  const { rows } = await sql<{
    id: string;
    problem_id: string | null;
    public_title: string | null;
    status: string | null;
  }>`
    select t.id, t.problem_id, p.public_title, p.status
      from community_topics t
      join community_categories c on c.id = t.category_id
      left join problems p on p.id = t.problem_id and p.workspace_id = t.workspace_id
     where t.workspace_id = ${workspaceId} and t.id = any(${topicIds}::uuid[])
       and c.visibility = 'public' and not t.hidden and t.merged_into_id is null`.execute(db);
  return rows.map((r) => ({
    topicId: r.id,
    problemId: r.problem_id,
    problem: r.problem_id && r.status ? { title: r.public_title, status: r.status } : null,
  }));
}
