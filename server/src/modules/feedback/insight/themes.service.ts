import { sql } from "kysely";
import type { AppContext } from "../../../platform/context.ts";

/** Tags beyond this many (by volume over the window) are left out of the series. */
const MAX_TAGS = 20;
const MAX_MOVERS = 5;

type Series = { key: string; name: string; ideas: number[]; cases: number[] };

/**
 * Complaint themes: new ideas and newly linked cases per calendar month (UTC) for the last
 * `months` months including this one, by board and by tag, and the top movers — the boards and
 * tags whose ideas + cases grew most this month over last month. Aggregated in PostgreSQL, so
 * the size of the answer does not depend on the number of ideas. Deleted ideas do not count;
 * ideas later merged do (each was a request when it came in).
 */
export async function themes(ctx: Pick<AppContext, "db">, workspaceId: string, input: { months: number }) {
  const now = new Date();
  const months: string[] = [];
  // At least two months are read: the movers compare this month with the last.
  for (let k = Math.max(input.months, 2) - 1; k >= 0; k--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - k, 1));
    months.push(d.toISOString().slice(0, 7));
  }
  const since = `${months[0]}-01T00:00:00Z`;
  const { rows } = await sql<{
    kind: "board" | "tag";
    key: string;
    name: string;
    month: string;
    ideas: number;
    cases: number;
  }>`
    with events as (
      select i.board_id, i.tags, to_char(i.created_at at time zone 'UTC', 'YYYY-MM') as month, 1 as idea, 0 as kase
        from feedback_ideas i
       where i.workspace_id = ${workspaceId} and i.deleted_at is null and i.created_at >= ${since}::timestamptz
      union all
      select i.board_id, i.tags, to_char(c.created_at at time zone 'UTC', 'YYYY-MM'), 0, 1
        from feedback_idea_cases c join feedback_ideas i on i.id = c.idea_id
       where c.workspace_id = ${workspaceId} and i.deleted_at is null and c.created_at >= ${since}::timestamptz
    )
    select 'board' as kind, b.id::text as key, b.name, e.month, sum(e.idea)::int as ideas, sum(e.kase)::int as cases
      from events e join feedback_boards b on b.id = e.board_id
     group by b.id, b.name, e.month
    union all
    select 'tag', t.tag, t.tag, e.month, sum(e.idea)::int, sum(e.kase)::int
      from events e cross join lateral unnest(e.tags) as t(tag)
     group by t.tag, e.month`.execute(ctx.db);

  const series = (kind: "board" | "tag") => {
    const byKey = new Map<string, Series>();
    for (const r of rows) {
      if (r.kind !== kind) continue;
      const m = months.indexOf(r.month);
      if (m < 0) continue;
      let s = byKey.get(r.key);
      if (!s) {
        s = { key: r.key, name: r.name, ideas: months.map(() => 0), cases: months.map(() => 0) };
        byKey.set(r.key, s);
      }
      s.ideas[m] = r.ideas;
      s.cases[m] = r.cases;
    }
    const total = (s: Series) => s.ideas.reduce((a, b) => a + b, 0) + s.cases.reduce((a, b) => a + b, 0);
    return [...byKey.values()].sort((a, b) => total(b) - total(a) || a.name.localeCompare(b.name));
  };
  const boards = series("board");
  const tags = series("tag").slice(0, MAX_TAGS);

  const last = months.length - 1;
  const at = (s: Series, m: number) => (m < 0 ? 0 : (s.ideas[m] ?? 0) + (s.cases[m] ?? 0));
  const topMovers = [
    ...boards.map((s) => ({ kind: "board" as const, s })),
    ...tags.map((s) => ({ kind: "tag" as const, s })),
  ]
    .map(({ kind, s }) => ({
      kind,
      key: s.key,
      name: s.name,
      thisMonth: at(s, last),
      lastMonth: at(s, last - 1),
      growth: at(s, last) - at(s, last - 1),
    }))
    .filter((m) => m.growth > 0)
    .sort((a, b) => b.growth - a.growth || b.thisMonth - a.thisMonth || a.name.localeCompare(b.name))
    .slice(0, MAX_MOVERS);
  const shown = (s: Series) => ({
    ...s,
    ideas: s.ideas.slice(-input.months),
    cases: s.cases.slice(-input.months),
  });
  return {
    months: months.slice(-input.months),
    boards: boards.map(shown),
    tags: tags.map(shown),
    topMovers,
  };
}
