import { sql } from "kysely";
import { TenantScope } from "../../platform/db/tenant.ts";
import { reciprocalRankFusion } from "../../platform/text/rrf.ts";
import type { HelpReader } from "../help/help.policy.ts";
import { suggestions } from "../help/search/search.service.ts";
import type { Reader } from "./community.policy.ts";
import { topicUrl } from "./community.repo.ts";
import type { CoreCtx } from "./post-write.ts";

const MAX_TOPICS = 5;
const STOP = new Set([
  "a",
  "an",
  "the",
  "and",
  "or",
  "to",
  "of",
  "in",
  "on",
  "is",
  "it",
  "my",
  "i",
  "how",
  "do",
  "not",
]);

/**
 * Before someone asks: existing questions like theirs, and help articles. Topics are ranked
 * twice — the title index (simple configuration, exact words such as "1013") and English stems
 * over the title and the opening post (so "dropping" meets "drops") — and the rankings fused by
 * reciprocal rank (platform/text/rrf.ts). The text layer's findSimilar needs stored vectors,
 * which topics do not have yet, so it is not used here. Only topics the reader may read
 * (visibility, not hidden, not merged) are candidates. Articles come from the help center's
 * own suggestion service, with its reading rules and holdout.
 */
export async function similar(ctx: CoreCtx, reader: Reader, q: string, session: string) {
  const scope = new TenantScope(ctx.db, reader.workspaceId);
  const words = [...new Set(q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])]
    .filter((w) => !STOP.has(w))
    .slice(0, 20);
  const [topics, articles] = await Promise.all([
    words.length > 0 ? similarTopics(scope, reader, words.join(" or ")) : Promise.resolve([]),
    suggestions(ctx, helpReaderOf(reader), { q, session }),
  ]);
  return {
    topics,
    articles: articles.items
      .filter((a) => a.kind === "article")
      .map((a) => ({ id: a.id, title: a.title, slug: a.slug, snippet: a.snippet })),
  };
}

function helpReaderOf(reader: Reader): HelpReader {
  if (!reader.actor) return { kind: "anonymous", workspaceId: reader.workspaceId };
  if (reader.actor.permissions.includes("app.use"))
    return { kind: "staff", workspaceId: reader.workspaceId, actor: reader.actor };
  return { kind: "customer", workspaceId: reader.workspaceId, actor: reader.actor };
}

async function similarTopics(scope: TenantScope, reader: Reader, text: string) {
  const { rows } = await sql<{
    id: string;
    number: string;
    slug: string;
    title: string;
    solved: boolean;
    by_title: number | null;
    by_body: number | null;
  }>`
    with candidates as (
      select t.id, t.number, t.slug, t.title, t.solved, t.search,
             to_tsvector('english', t.title || ' ' || coalesce(p.body, '')) as body_tsv
        from community_topics t
        join community_categories c on c.id = t.category_id
        left join community_posts p on p.topic_id = t.id and p.kind = 'opening' and p.deleted_at is null
       where t.workspace_id = ${scope.workspaceId}
         and c.visibility = any(${reader.visibilities}::text[])
         and t.hidden = false and t.merged_into_id is null)
    select id, number, slug, title, solved,
           case when search @@ websearch_to_tsquery('simple', ${text})
                then ts_rank(search, websearch_to_tsquery('simple', ${text})) end as by_title,
           case when body_tsv @@ websearch_to_tsquery('english', ${text})
                then ts_rank(body_tsv, websearch_to_tsquery('english', ${text})) end as by_body
      from candidates
     where search @@ websearch_to_tsquery('simple', ${text})
        or body_tsv @@ websearch_to_tsquery('english', ${text})`.execute(scope.db);
  const ranking = (key: "by_title" | "by_body") =>
    rows
      .filter((r) => r[key] !== null)
      .sort((a, b) => (b[key] as number) - (a[key] as number))
      .map((r) => r.id);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return reciprocalRankFusion([ranking("by_title"), ranking("by_body")])
    .slice(0, MAX_TOPICS)
    .map(({ id }) => byId.get(id))
    .filter((r) => r !== undefined)
    .map((r) => ({
      id: r.id,
      number: Number(r.number),
      url: topicUrl(r.number, r.slug),
      title: r.title,
      solved: r.solved,
    }));
}
