import { sql } from "kysely";
import type { Executor } from "../../platform/db/tenant.ts";

const DAY = 24 * 60 * 60_000;

// The rows of one idea whose times the demo moves: [table, timestamp column, key column].
const STAMPS: Array<[string, string, string]> = [
  ["feedback_ideas", "created_at", "id"],
  ["feedback_ideas", "updated_at", "id"],
  ["feedback_ideas", "status_changed_at", "id"],
  ["feedback_ideas", "done_at", "id"],
  ["feedback_votes", "created_at", "idea_id"],
  ["feedback_requesters", "first_at", "idea_id"],
  ["feedback_comments", "created_at", "idea_id"],
  ["feedback_status_changes", "created_at", "idea_id"],
  ["feedback_subscriptions", "created_at", "idea_id"],
];

/**
 * The core's commands stamp everything "now", so a demo loaded in a second would show every
 * idea posted, voted on and answered in the same minute — and the themes, the changelog and
 * the recency in the priority score would all say so. This spreads what one load wrote for
 * an idea over its story, keeping the order: posted `daysAgo` days ago, each later step
 * (votes, status changes, the official answer) evenly after it, the last one at about a
 * seventh of that age. Only times written by this load (at or after `written`) move. Case
 * links and their case timeline entries keep the load's time: the cases have dates of their own.
 */
export async function retimeIdea(
  db: Executor,
  workspaceId: string,
  ideaId: string,
  daysAgo: number,
  written: Date,
): Promise<void> {
  const union = STAMPS.map(
    ([table, column, key]) =>
      sql`select ${sql.ref(column)} as ts from ${sql.table(table)}
           where ${sql.ref(key)} = ${ideaId} and workspace_id = ${workspaceId}`,
  );
  const found = await sql<{ ts: string }>`
    select distinct ts::text as ts, ts as at from (${sql.join(union, sql` union all `)}) s
     where ts >= ${written} order by at`.execute(db);
  const olds = found.rows.map((r) => r.ts);
  if (olds.length === 0) return;
  const start = Date.now() - daysAgo * DAY;
  const span = Math.max(DAY / 24, (daysAgo * DAY * 6) / 7);
  const news = olds.map((_, k) => new Date(start + (olds.length > 1 ? (k * span) / (olds.length - 1) : 0)));
  for (const [table, column, key] of STAMPS) {
    // Table and column names come from the fixed list above, never from input.
    await sql`
      update ${sql.table(table)} t set ${sql.ref(column)} = m.at
        from unnest(${olds}::timestamptz[], ${news.map((d) => d.toISOString())}::timestamptz[]) as m(old, at)
       where ${sql.ref(`t.${key}`)} = ${ideaId} and t.workspace_id = ${workspaceId}
         and ${sql.ref(`t.${column}`)} = m.old`.execute(db);
  }
}
