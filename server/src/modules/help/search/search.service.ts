import { type RawBuilder, sql } from "kysely";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { unfenced } from "../../../platform/db/fence.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { cosine } from "../../../platform/text/embedder.ts";
import { sharedEmbedder } from "../../../platform/text/use-embedder.ts";
import { findCustomerForUser } from "../../customers/customers.repo.ts";
import { listLatestPublished } from "../../playbooks/playbooks.repo.ts";
import { topicMatches } from "../../playbooks/portal.service.ts";
import { type HelpReader, readableBy } from "../help.policy.ts";
import {
  balancedMarks,
  fuseRankings,
  gapKey,
  inHoldout,
  MARK_END,
  MARK_START,
  queryWords,
  sameTopic,
  snippetHtml,
} from "./ranking.ts";
import { recordRequestSession } from "./request-sessions.ts";
import { articleVectors, catchUpArticles } from "./vectors.ts";

type Ctx = Pick<AppContext, "db">;

export const DEFAULT_HOLDOUT_PERCENT = 5;
export const MAX_SUGGESTIONS = 5;
/** Below this cosine an article is not "about" the question (USE-lite, raw vectors; bench/HELP.md). */
export const VECTOR_FLOOR = 0.3;
/**
 * How long suggestions wait for the query embedding before ranking by full text alone. The
 * model call is ~10 ms on an idle core but 70–300 ms on a saturated one (bench/HELP.md); the
 * full-text ranking alone finds 99 % of what the fused one does, so a late vector is not
 * worth the wait. The embedding still finishes in the worker and is dropped.
 */
export const EMBED_BUDGET_MS = 30;
/** Trigram similarity a query word needs to be corrected to an article word. */
const CORRECTION_MIN = 0.4;

const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=28, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "`;

export type RankMode = "fused" | "fts" | "vector";

/** The reading rules as SQL over `help_articles a` (help.policy.ts), plus published-only when asked. */
function readableSql(reader: HelpReader, publishedOnly: boolean): RawBuilder<unknown> {
  const { states, visibilities } = readableBy(reader);
  const st = publishedOnly ? ["published"] : states;
  return sql`a.workspace_id = ${reader.workspaceId}
    and (${st === null} or a.state = any(${st ?? []}::text[]))
    and (${visibilities === null} or a.visibility = any(${visibilities ?? []}::text[]))`;
}

function localeSql(locale: string | undefined): RawBuilder<unknown> {
  return locale ? sql`split_part(a.locale, '-', 1) = ${locale.split("-")[0]}` : sql`true`;
}

/**
 * Query words plus, for words no article uses, the closest article word (trigram similarity),
 * so "bluetoth" also searches "bluetooth". Words of fewer than 4 letters are kept as typed.
 */
export async function correctedWords(scope: TenantScope, words: string[]): Promise<string[]> {
  const candidates = words.filter((w) => w.length >= 4);
  if (candidates.length === 0) return words;
  const { rows } = await sql<{ input: string; fix: string | null }>`
    select w as input,
           case when exists (select 1 from help_search_words s where s.workspace_id = ${scope.workspaceId} and s.word = w)
                then null
                else (select s.word from help_search_words s
                       where s.workspace_id = ${scope.workspaceId} and s.word % w
                         and similarity(s.word, w) >= ${CORRECTION_MIN}
                       order by similarity(s.word, w) desc, s.word limit 1)
           end as fix
      from unnest(${candidates}::text[]) w`.execute(scope.db);
  const fixes = rows.flatMap((r) => (r.fix ? [r.fix] : []));
  return [...new Set([...words, ...fixes])];
}

/** "a or b or c" for websearch_to_tsquery: any word may match, more matches rank higher. */
const orQuery = (words: string[]) => words.filter((w) => w !== "or" && w !== "and").join(" or ");

// ---- search ----

export async function searchArticles(ctx: Ctx, reader: HelpReader, input: { q: string; locale?: string }) {
  const scope = new TenantScope(ctx.db, reader.workspaceId);
  const q = input.q.trim();
  const words = queryWords(q);
  if (q.length < 2 || words.length === 0) return { items: [] };
  await catchUpArticles(scope);
  const text = orQuery(await correctedWords(scope, words));
  if (text === "") return { items: [] };
  const lowerQ = q.toLowerCase();
  const { rows } = await sql<{
    id: string;
    title: string;
    slug: string;
    locale: string;
    category_id: string | null;
    headline: string;
  }>`
    select a.id, a.title, a.slug, a.locale, a.category_id,
           ts_headline(help_text_config(a.locale),
                       translate(a.body, ${MARK_START + MARK_END}, ''),
                       websearch_to_tsquery(help_text_config(a.locale), ${text}),
                       ${HEADLINE_OPTIONS}) as headline
      from (select a.id,
                   coalesce(ts_rank(a.search_tsv, websearch_to_tsquery(help_text_config(a.locale), ${text})), 0)
                     + 0.3 * word_similarity(${lowerQ}, lower(a.title)) as score
              from help_articles a
             where ${readableSql(reader, reader.kind !== "staff")} and ${localeSql(input.locale)}
               and (a.search_tsv @@ websearch_to_tsquery(help_text_config(a.locale), ${text})
                    or ${lowerQ} <% lower(a.title))
             order by score desc, a.id
             limit 20) hit
      join help_articles a on a.id = hit.id
     order by hit.score desc, a.id`.execute(
    // Outside the request's fence on purpose: `@@` and `<%` are not LEAKPROOF, so behind the
    // row-level security policy PostgreSQL would not use their GIN indexes (bench/RLS.md).
    // readableSql names the workspace.
    unfenced(ctx.db),
  );
  if (rows.length === 0) await recordGap(scope, q, input.locale, "search");
  return {
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      slug: r.slug,
      locale: r.locale,
      snippet: balancedMarks(snippetHtml(r.headline)),
      categoryId: r.category_id,
    })),
  };
}

async function recordGap(scope: TenantScope, q: string, locale: string | undefined, source: string) {
  await scope
    .insertInto("help_search_gaps", {
      query: q.slice(0, 300),
      normalized: gapKey(q),
      locale: locale ?? null,
      source,
    })
    .execute();
}

// ---- suggestions ----

type Candidate = { id: string; title: string; slug: string; product_models: string[]; fts: number | null };

/**
 * Articles for a question, best first: full text (the locale's stemming, corrected words, a
 * title trigram bonus) and embedding cosine (≥ VECTOR_FLOOR), fused by reciprocal rank;
 * articles for the reader's device models boosted. `mode` picks one ranking (the bench).
 */
export async function rankArticles(
  ctx: Ctx,
  reader: HelpReader,
  input: {
    q: string;
    locale?: string;
    deviceModels?: string[];
    mode?: RankMode;
    limit?: number;
    /** Rank without the vector when the query embedding takes longer than this. */
    embedBudgetMs?: number;
  },
): Promise<Array<{ id: string; title: string; slug: string }>> {
  const scope = new TenantScope(ctx.db, reader.workspaceId);
  const words = queryWords(input.q);
  if (words.length === 0) return [];
  const mode = input.mode ?? "fused";
  await catchUpArticles(scope);
  const embedder = sharedEmbedder();
  const [text, queryVector, vectors] = await Promise.all([
    correctedWords(scope, words).then(orQuery),
    mode === "fts" ? Promise.resolve(null) : withinBudget(embedder.embed([input.q]), input.embedBudgetMs),
    mode === "fts"
      ? Promise.resolve(new Map<string, Float32Array>())
      : articleVectors(scope, embedder.modelId),
  ]);
  const lowerQ = input.q.trim().toLowerCase();
  const { rows } = await sql<Candidate>`
    select a.id, a.title, a.slug, a.product_models,
           case when ${text !== ""} and a.search_tsv @@ websearch_to_tsquery(help_text_config(a.locale), ${text})
                then ts_rank(a.search_tsv, websearch_to_tsquery(help_text_config(a.locale), ${text}))
                     + 0.3 * word_similarity(${lowerQ}, lower(a.title))
                when ${lowerQ} <% lower(a.title) then 0.3 * word_similarity(${lowerQ}, lower(a.title))
           end as fts
      from help_articles a
     where ${readableSql(reader, true)} and ${localeSql(input.locale)}`.execute(ctx.db);
  const byText =
    mode === "vector"
      ? []
      : rows
          .filter((r) => r.fts !== null)
          .sort((a, b) => (b.fts as number) - (a.fts as number) || (a.id < b.id ? -1 : 1))
          .slice(0, 50)
          .map((r) => r.id);
  const byVector: string[] = [];
  if (queryVector && mode !== "fts") {
    const scored: Array<[string, number]> = [];
    for (const r of rows) {
      const v = vectors.get(r.id);
      if (!v) continue;
      const c = cosine(queryVector, v);
      if (c >= VECTOR_FLOOR) scored.push([r.id, c]);
    }
    scored.sort((a, b) => b[1] - a[1]);
    for (const [id] of scored.slice(0, 50)) byVector.push(id);
  }
  const models = new Set((input.deviceModels ?? []).map((m) => m.toLowerCase()));
  const boosted = new Set(
    rows.filter((r) => r.product_models.some((m) => models.has(m.toLowerCase()))).map((r) => r.id),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return fuseRankings(byText, byVector, boosted)
    .slice(0, input.limit ?? MAX_SUGGESTIONS)
    .map((id) => {
      const r = byId.get(id) as Candidate;
      return { id, title: r.title, slug: r.slug };
    });
}

/** The query's vector, or null when it is not ready within the budget (or failed). */
async function withinBudget(embedding: Promise<Float32Array[]>, budgetMs: number | undefined) {
  const vector = embedding.then(
    (v) => v[0] ?? null,
    () => null,
  );
  if (budgetMs === undefined) return vector;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), budgetMs);
  });
  try {
    return await Promise.race([vector, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function snippetsFor(
  ctx: Ctx,
  workspaceId: string,
  ids: string[],
  q: string,
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const text = orQuery(queryWords(q));
  const { rows } = await sql<{ id: string; headline: string }>`
    select a.id,
           ts_headline(help_text_config(a.locale), translate(left(a.body, 5000), ${MARK_START + MARK_END}, ''),
                       websearch_to_tsquery(help_text_config(a.locale), ${text}), ${HEADLINE_OPTIONS}) as headline
      from help_articles a where a.workspace_id = ${workspaceId} and a.id = any(${ids}::uuid[])`.execute(
    ctx.db,
  );
  return new Map(rows.map((r) => [r.id, balancedMarks(snippetHtml(r.headline))]));
}

export async function holdoutPercent(ctx: Ctx, workspaceId: string): Promise<number> {
  const row = await new TenantScope(ctx.db, workspaceId)
    .selectFrom("help_settings")
    .select("holdout_percent")
    .executeTakeFirst();
  return row?.holdout_percent ?? DEFAULT_HOLDOUT_PERCENT;
}

export async function getHelpSettings(ctx: Ctx, actor: Actor) {
  return { holdoutPercent: await holdoutPercent(ctx, actor.workspaceId) };
}

export async function putHelpSettings(ctx: Ctx, actor: Actor, input: { holdoutPercent: number }) {
  await ctx.db
    .insertInto("help_settings")
    .values({ workspace_id: actor.workspaceId, holdout_percent: input.holdoutPercent })
    .onConflict((oc) =>
      oc
        .column("workspace_id")
        .doUpdateSet({ holdout_percent: input.holdoutPercent, updated_at: new Date() }),
    )
    .execute();
  return { holdoutPercent: input.holdoutPercent };
}

async function deviceModelsOf(scope: TenantScope, actor: Actor): Promise<string[]> {
  const customer = await findCustomerForUser(scope, actor.userId);
  if (!customer) return [];
  const rows = await scope
    .selectFrom("devices")
    .where("customer_id", "=", customer.id)
    .select("model")
    .distinct()
    .execute();
  return rows.map((r) => r.model);
}

async function matchingPlaybooks(scope: TenantScope, q: string) {
  const playbooks = await listLatestPublished(scope);
  return playbooks
    .filter((p) => topicMatches(p.definition.topics, q) || sameTopic(p.definition.name, q))
    .slice(0, 2)
    .map((p) => ({
      id: p.slug,
      title: p.definition.name,
      slug: p.slug,
      snippet: snippetHtml(p.definition.summary ?? ""),
      kind: "playbook" as const,
    }));
}

type Suggestion = { id: string; title: string; slug: string; snippet: string; kind: "article" | "playbook" };

/**
 * Suggestions for the new-request form (and later the chat widget): matching published
 * playbooks first (an admin said these topics are theirs), then articles, at most 5.
 * Sessions in the holdout get nothing, so deflection can be compared against them.
 */
export async function suggestions(
  ctx: Ctx,
  reader: HelpReader,
  input: {
    q: string;
    locale?: string;
    session: string;
    /** Offer playbooks to a reader who is not signed in (the chat widget: they sign in to run it). */
    playbooks?: boolean;
  },
): Promise<{ items: Suggestion[]; holdout: boolean }> {
  const q = input.q.trim();
  if (q.length < 3) return { items: [], holdout: false };
  const holdout = inHoldout(reader.workspaceId, input.session, await holdoutPercent(ctx, reader.workspaceId));
  // A customer's form session is counted in both groups, for the holdout comparison.
  await recordRequestSession(ctx, reader, input.session, holdout);
  if (holdout) return { items: [], holdout: true };
  const scope = new TenantScope(ctx.db, reader.workspaceId);
  const signedIn = reader.kind !== "anonymous" && reader.actor !== undefined;
  const [deviceModels, playbooks] = await Promise.all([
    reader.kind === "customer" ? deviceModelsOf(scope, reader.actor) : Promise.resolve([]),
    (input.playbooks ?? signedIn) ? matchingPlaybooks(scope, q) : Promise.resolve([]),
  ]);
  const articles = await rankArticles(ctx, reader, {
    q,
    ...(input.locale ? { locale: input.locale } : {}),
    deviceModels,
    limit: MAX_SUGGESTIONS - playbooks.length,
    embedBudgetMs: EMBED_BUDGET_MS,
  });
  if (articles.length === 0 && playbooks.length === 0) await recordGap(scope, q, input.locale, "suggestions");
  const snippets = await snippetsFor(
    ctx,
    reader.workspaceId,
    articles.map((a) => a.id),
    q,
  );
  return {
    items: [
      ...playbooks,
      ...articles.map((a) => ({ ...a, snippet: snippets.get(a.id) ?? "", kind: "article" as const })),
    ],
    holdout: false,
  };
}

// ---- agents ----

export async function caseArticleSuggestions(ctx: Ctx, actor: Actor, caseId: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const c = await scope
    .selectFrom("cases")
    .where("id", "=", caseId)
    .select((eb) => [
      "subject",
      eb
        .selectFrom("messages")
        .whereRef("messages.case_id", "=", "cases.id")
        .where("messages.kind", "=", "customer")
        .orderBy("messages.created_at")
        .orderBy("messages.id")
        .select("messages.body")
        .limit(1)
        .as("first_message"),
    ])
    .executeTakeFirst();
  if (!c) throw new AppError("not_found", "Case was not found");
  const q = `${c.subject}\n${(c.first_message ?? "").slice(0, 1000)}`;
  const reader: HelpReader = { kind: "staff", workspaceId: actor.workspaceId, actor };
  const articles = await rankArticles(ctx, reader, { q });
  const snippets = await snippetsFor(
    ctx,
    actor.workspaceId,
    articles.map((a) => a.id),
    q,
  );
  return {
    items: articles.map((a) => ({ ...a, snippet: snippets.get(a.id) ?? "", kind: "article" as const })),
  };
}
