import { sql } from "kysely";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { cosine } from "../../../platform/text/embedder.ts";
import { sharedEmbedder } from "../../../platform/text/use-embedder.ts";
import { sameTopic } from "./ranking.ts";
import { holdoutComparison } from "./request-sessions.ts";

type Ctx = Pick<AppContext, "db">;

/** A deflection is confirmed when no similar case by the same customer follows within this. */
export const CONFIRM_DAYS = 7;
/** Cosine (USE-lite) above which a case says the same as a deflected query. */
export const SAME_TOPIC_COSINE = 0.7;
const DAY = 24 * 3600_000;

type Deflection = {
  id: string;
  customer_id: string;
  query: string;
  article_id: string | null;
  created_at: Date;
};
type FollowUp = { deflection_id: string; text: string };

/**
 * Deflections of the last 90 days with their state, computed on read: `unconfirmed` when the
 * same customer opened a case within 7 days whose subject + first message shares at least
 * half of the query's content words (ranking.ts sameTopic) or whose embedding has cosine ≥ 0.7
 * with the query's; `confirmed` when 7 days passed without one; `pending` before that.
 */
export async function deflectionStates(ctx: Ctx, workspaceId: string) {
  const { rows: deflections } = await sql<Deflection>`
    select id, customer_id, query, article_id, created_at from help_deflections
     where workspace_id = ${workspaceId} and created_at > now() - interval '90 days'
     order by created_at desc limit 5000`.execute(ctx.db);
  const { rows: followUps } = await sql<FollowUp>`
    select d.id as deflection_id,
           c.subject || E'\\n' || coalesce((select m.body from messages m
                                            where m.case_id = c.id and m.kind = 'customer'
                                            order by m.created_at, m.id limit 1), '') as text
      from help_deflections d
      join cases c on c.workspace_id = d.workspace_id and c.customer_id = d.customer_id
                  and c.created_at >= d.created_at and c.created_at < d.created_at + interval '7 days'
     where d.workspace_id = ${workspaceId} and d.created_at > now() - interval '90 days'`.execute(ctx.db);
  const byDeflection = new Map<string, string[]>();
  for (const f of followUps)
    byDeflection.set(f.deflection_id, [...(byDeflection.get(f.deflection_id) ?? []), f.text]);

  const undone = new Set<string>();
  const toEmbed: Array<{ id: string; query: string; text: string }> = [];
  for (const d of deflections) {
    for (const text of byDeflection.get(d.id) ?? []) {
      if (sameTopic(d.query, text)) undone.add(d.id);
      else toEmbed.push({ id: d.id, query: d.query, text: text.slice(0, 1000) });
    }
  }
  const pairs = toEmbed.filter((p) => !undone.has(p.id)).slice(0, 500);
  if (pairs.length > 0) {
    const vectors = await sharedEmbedder().embed(pairs.flatMap((p) => [p.query, p.text]));
    pairs.forEach((p, i) => {
      const a = vectors[2 * i];
      const b = vectors[2 * i + 1];
      if (a && b && cosine(a, b) >= SAME_TOPIC_COSINE) undone.add(p.id);
    });
  }
  const now = Date.now();
  return deflections.map((d) => ({
    ...d,
    state: undone.has(d.id)
      ? ("unconfirmed" as const)
      : now - new Date(d.created_at).getTime() >= CONFIRM_DAYS * DAY
        ? ("confirmed" as const)
        : ("pending" as const),
  }));
}

export async function helpAnalytics(ctx: Ctx, actor: Actor) {
  const ws = actor.workspaceId;
  const { rows: articles } = await sql<{
    id: string;
    title: string;
    slug: string;
    locale: string;
    views: number;
    helpful: number;
    unhelpful: number;
    not_related: number;
    did_not_answer: number;
    out_of_date: number;
  }>`
    select a.id, a.title, a.slug, a.locale,
           (select count(*)::int from help_article_views v where v.article_id = a.id) as views,
           coalesce(vt.helpful, 0) as helpful, coalesce(vt.unhelpful, 0) as unhelpful,
           coalesce(vt.not_related, 0) as not_related, coalesce(vt.did_not_answer, 0) as did_not_answer,
           coalesce(vt.out_of_date, 0) as out_of_date
      from help_articles a
      left join lateral (
        select count(*) filter (where helpful)::int as helpful,
               count(*) filter (where not helpful)::int as unhelpful,
               count(*) filter (where reason = 'not_related')::int as not_related,
               count(*) filter (where reason = 'did_not_answer')::int as did_not_answer,
               count(*) filter (where reason = 'out_of_date')::int as out_of_date
          from help_article_votes v where v.article_id = a.id) vt on true
     where a.workspace_id = ${ws}
     order by a.title, a.id
     limit 2000`.execute(ctx.db);

  const states = await deflectionStates(ctx, ws);
  const perArticle = new Map<string, { all: number; confirmed: number }>();
  for (const d of states) {
    if (!d.article_id) continue;
    const n = perArticle.get(d.article_id) ?? { all: 0, confirmed: 0 };
    n.all++;
    if (d.state === "confirmed") n.confirmed++;
    perArticle.set(d.article_id, n);
  }

  // Content gaps: queries that found nothing, grouped by their stemmed content words.
  const { rows: gaps } = await sql<{ normalized: string; count: number; examples: string[]; last_at: Date }>`
    select normalized, count(*)::int as count,
           (array_agg(distinct query))[1:5] as examples, max(created_at) as last_at
      from help_search_gaps
     where workspace_id = ${ws} and created_at > now() - interval '90 days'
     group by normalized
     order by count(*) desc, max(created_at) desc
     limit 50`.execute(ctx.db);

  // Possibly outdated: an article naming product models, where a device of that model reported
  // firmware (its row changed) after the article was last updated.
  const { rows: outdated } = await sql<{
    id: string;
    title: string;
    product_models: string[];
    updated_at: Date;
    newer: Array<{ model: string; firmware: string; seenAt: string }>;
  }>`
    select a.id, a.title, a.product_models, a.updated_at,
           json_agg(json_build_object('model', f.model, 'firmware', f.firmware, 'seenAt', f.seen_at)
                    order by f.model, f.firmware) as newer
      from help_articles a
      join lateral (
        select d.model, d.firmware, max(d.updated_at) as seen_at
          from devices d
         where d.workspace_id = a.workspace_id and d.firmware is not null
           and d.updated_at > a.updated_at
           and lower(d.model) in (select lower(m) from jsonb_array_elements_text(a.product_models) m)
         group by d.model, d.firmware
         order by max(d.updated_at) desc
         limit 5) f on true
     where a.workspace_id = ${ws} and a.state = 'published'
     group by a.id, a.workspace_id
     order by a.updated_at
     limit 200`.execute(ctx.db);

  const holdout = await holdoutComparison(ctx, ws);
  return {
    articles: articles.map((a) => ({
      id: a.id,
      title: a.title,
      slug: a.slug,
      locale: a.locale,
      views: a.views,
      helpful: a.helpful,
      unhelpful: a.unhelpful,
      reasons: { not_related: a.not_related, did_not_answer: a.did_not_answer, out_of_date: a.out_of_date },
      deflections: perArticle.get(a.id)?.all ?? 0,
      confirmedDeflections: perArticle.get(a.id)?.confirmed ?? 0,
    })),
    deflections: {
      recorded: states.length,
      confirmed: states.filter((d) => d.state === "confirmed").length,
      pending: states.filter((d) => d.state === "pending").length,
    },
    contentGaps: gaps.map((g) => ({
      query: g.examples[0] ?? g.normalized,
      count: g.count,
      examples: g.examples,
      lastAt: new Date(g.last_at).toISOString(),
    })),
    holdout,
    outdated: outdated.map((o) => ({
      id: o.id,
      title: o.title,
      productModels: o.product_models,
      updatedAt: new Date(o.updated_at).toISOString(),
      newerFirmware: o.newer.map((n) => ({ ...n, seenAt: new Date(n.seenAt).toISOString() })),
    })),
  };
}
