import { sql } from "kysely";
import type { TenantScope } from "../../platform/db/tenant.ts";

/** Snippet rows with their team's name, tenant-scoped. */
const columns = [
  "snippets.id",
  "snippets.owner_id",
  "snippets.team_id",
  "snippets.title",
  "snippets.body",
  "snippets.updated_at",
  "t.name as team_name",
] as const;

export type SnippetRow = {
  id: string;
  owner_id: string | null;
  team_id: string | null;
  title: string;
  body: string;
  updated_at: Date;
  team_name: string | null;
};

/** A LIKE pattern that matches the words literally (`%` and `_` typed by the agent are text). */
const likeOf = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function findSnippets(
  scope: TenantScope,
  who: { membershipId: string; teamIds: string[]; allTeams: boolean },
  q: string | undefined,
): Promise<SnippetRow[]> {
  let query = scope
    .selectFrom("snippets")
    .leftJoin("teams as t", "t.id", "snippets.team_id")
    .select(columns)
    .where((eb) => {
      const mine = eb("snippets.owner_id", "=", who.membershipId);
      if (who.allTeams) return eb.or([mine, eb("snippets.team_id", "is not", null)]);
      if (who.teamIds.length === 0) return mine;
      return eb.or([mine, eb("snippets.team_id", "in", who.teamIds)]);
    });
  if (q) {
    const like = likeOf(q);
    query = query.where((eb) =>
      eb.or([eb("snippets.title", "ilike", like), eb("snippets.body", "ilike", like)]),
    );
  }
  // Personal first (the agent's own words), then by title.
  return query
    .orderBy(sql`snippets.owner_id is null`)
    .orderBy(sql`lower(snippets.title)`)
    .limit(200)
    .execute();
}

export async function findSnippet(scope: TenantScope, id: string): Promise<SnippetRow | undefined> {
  return scope
    .selectFrom("snippets")
    .leftJoin("teams as t", "t.id", "snippets.team_id")
    .select(columns)
    .where("snippets.id", "=", id)
    .executeTakeFirst();
}
