import { sql } from "kysely";
import type { FeedbackSettings } from "../../../../../contracts/feedback.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { loadSettings } from "../settings.service.ts";

/**
 * The prioritisation score (issue #17), transparent by construction: every term is returned
 * with its count, weight and points, and the score is exactly
 *   (requesters × w + value × w + repeats × w + churned × w) × recency factor.
 * - requesters: unique customers who asked, by vote or by case (feedback_requesters);
 * - value: the chosen numeric customer fact (settings.valueFactKey; the current fact row)
 *   summed over those requesters, each once; non-numeric values count nothing;
 * - repeats: linked cases beyond the first per customer (the same customer raising it again);
 * - churned: requesters who have since left, from the churn source (retention, issue #19);
 * - recency: 0.5 ^ (days since the last request / half-life), the last request being the
 *   newest vote, case link or the idea itself.
 */
export type ScoreTerms = {
  requesters: { count: number; weight: number; points: number };
  value: { total: number; weight: number; points: number };
  repeats: { count: number; weight: number; points: number };
  churned: { count: number; weight: number; points: number };
  recency: { factor: number; halfLifeDays: number; lastRequestAt: string };
};
export type IdeaScoreResult = { score: number; terms: ScoreTerms; explanation: string };

/** Which of these customers have churned. Retention (issue #19) sets it; until then nobody has. */
export type ChurnSource = (scope: TenantScope, customerIds: string[]) => Promise<Set<string>>;
const NO_CHURN: ChurnSource = async () => new Set();
let churnSource: ChurnSource = NO_CHURN;

/** Replaces the churn source (null restores the default: nobody churned). Returns the previous one. */
export function setChurnSource(source: ChurnSource | null): ChurnSource {
  const previous = churnSource;
  churnSource = source ?? NO_CHURN;
  return previous;
}

const DAY_MS = 86_400_000;
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** A fact value as a number when it is one ("1200" from a form counts too), else null. */
export function numericFact(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return null;
}

/**
 * Scores of the given ideas (any number up to the views' bound of 10,000), read in four set
 * queries. Ideas not found are left out. The core's `sort=score` uses `.score` through
 * `setIdeaScorer`; the prioritisation view shows the whole breakdown.
 */
export async function scoreIdeas(
  scope: TenantScope,
  ideaIds: readonly string[],
  opts: { now?: Date; settings?: FeedbackSettings } = {},
): Promise<Map<string, IdeaScoreResult>> {
  const out = new Map<string, IdeaScoreResult>();
  if (ideaIds.length === 0) return out;
  const settings = opts.settings ?? (await loadSettings(scope));
  const w = settings.scoreWeights;
  const now = opts.now ?? new Date();
  const ids = [...new Set(ideaIds)];

  const [ideas, requesters, cases] = await Promise.all([
    sql<{ id: string; created_at: Date }>`
      select id, created_at from feedback_ideas
       where workspace_id = ${scope.workspaceId} and id = any(${ids}::uuid[])`.execute(scope.db),
    sql<{ idea_id: string; customer_id: string; first_at: Date }>`
      select idea_id, customer_id, first_at from feedback_requesters
       where workspace_id = ${scope.workspaceId} and idea_id = any(${ids}::uuid[])`.execute(scope.db),
    sql<{ idea_id: string; customer_id: string; n: number; last_at: Date }>`
      select idea_id, customer_id, count(*)::int as n, max(created_at) as last_at from feedback_idea_cases
       where workspace_id = ${scope.workspaceId} and idea_id = any(${ids}::uuid[])
       group by idea_id, customer_id`.execute(scope.db),
  ]);
  const customers = [...new Set(requesters.rows.map((r) => r.customer_id))];
  const [values, churned] = await Promise.all([
    factValues(scope, settings.valueFactKey, customers),
    customers.length > 0 ? churnSource(scope, customers) : Promise.resolve(new Set<string>()),
  ]);

  const acc = new Map(
    ideas.rows.map((i) => [
      i.id,
      { requesters: 0, value: 0, repeats: 0, churned: 0, last: i.created_at.getTime() },
    ]),
  );
  for (const r of requesters.rows) {
    const a = acc.get(r.idea_id);
    if (!a) continue;
    a.requesters++;
    a.value += values.get(r.customer_id) ?? 0;
    if (churned.has(r.customer_id)) a.churned++;
    a.last = Math.max(a.last, r.first_at.getTime());
  }
  for (const c of cases.rows) {
    const a = acc.get(c.idea_id);
    if (!a) continue;
    a.repeats += Math.max(0, c.n - 1);
    a.last = Math.max(a.last, c.last_at.getTime());
  }
  for (const [id, a] of acc) {
    const ageDays = Math.max(0, (now.getTime() - a.last) / DAY_MS);
    const factor = round(0.5 ** (ageDays / w.recencyHalfLifeDays), 4);
    const terms: ScoreTerms = {
      requesters: { count: a.requesters, weight: w.requesters, points: round(a.requesters * w.requesters) },
      value: { total: round(a.value), weight: w.value, points: round(a.value * w.value) },
      repeats: { count: a.repeats, weight: w.repeats, points: round(a.repeats * w.repeats) },
      churned: { count: a.churned, weight: w.churned, points: round(a.churned * w.churned) },
      recency: { factor, halfLifeDays: w.recencyHalfLifeDays, lastRequestAt: new Date(a.last).toISOString() },
    };
    const base = terms.requesters.points + terms.value.points + terms.repeats.points + terms.churned.points;
    const score = round(base * factor);
    out.set(id, { score, terms, explanation: explain(terms, base, score, settings.valueFactKey) });
  }
  return out;
}

/** The current numeric value of the fact for each customer (superseded rows never count). */
async function factValues(
  scope: TenantScope,
  key: string | null,
  customerIds: string[],
): Promise<Map<string, number>> {
  const values = new Map<string, number>();
  if (!key || customerIds.length === 0) return values;
  const { rows } = await sql<{ customer_id: string; value: unknown }>`
    select customer_id, value from facts
     where workspace_id = ${scope.workspaceId} and key = ${key} and superseded_at is null
       and customer_id = any(${customerIds}::uuid[])`.execute(scope.db);
  for (const r of rows) {
    const n = numericFact(r.value);
    if (n !== null) values.set(r.customer_id, n);
  }
  return values;
}

function explain(t: ScoreTerms, base: number, score: number, factKey: string | null): string {
  const valueName = factKey ? `${factKey} ${t.value.total}` : "value 0 (no value fact chosen)";
  return (
    `(${t.requesters.count} requesters × ${t.requesters.weight} + ${valueName} × ${t.value.weight}` +
    ` + ${t.repeats.count} repeats × ${t.repeats.weight} + ${t.churned.count} churned × ${t.churned.weight})` +
    ` = ${round(base)}, × recency ${t.recency.factor} (half-life ${t.recency.halfLifeDays} days) = ${score}`
  );
}
