import { sql } from "kysely";
import type { CustomerConduct, ReviewQueue } from "../../../../../contracts/conduct.ts";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { listAppeals } from "../appeals/appeals.repo.ts";
import { assertManager } from "../ladder/conduct.policy.ts";
import { NOTICE_TEMPLATES } from "../ladder/templates.ts";
import { readConductSettings } from "../settings.ts";
import { conductClock, conductScore, decayedWeight } from "./decay.ts";
import { contextOf, contextSummary, flagsOf, presentStep, stepsOf } from "./history.repo.ts";

type Ctx = Pick<AppContext, "db">;

/**
 * One customer's conduct: every flag (confirmed, cleared, unconfirmed) with its signals and
 * excerpt, the decayed score, the steps and appeals, and the context that may explain the
 * anger. Managers only; another workspace's customer is 404.
 */
export async function customerConduct(ctx: Ctx, actor: Actor, customerId: string): Promise<CustomerConduct> {
  await assertManager(ctx.db, actor);
  const ws = actor.workspaceId;
  const scope = new TenantScope(ctx.db, ws);
  const customer = await scope
    .selectFrom("customers")
    .select(["id", "name"])
    .where("id", "=", customerId)
    .executeTakeFirst();
  if (!customer) throw new AppError("not_found", "Customer was not found");
  const now = conductClock.now();
  const settings = await readConductSettings(scope);
  const [flags, steps, appeals, context] = await Promise.all([
    flagsOf(ctx.db, ws, customerId),
    stepsOf(ctx.db, ws, customerId),
    listAppeals(ctx.db, ws, { customerId }),
    contextOf(ctx.db, ws, customerId),
  ]);
  const confirmed = flags
    .filter((f) => f.verdict === "abusive" && f.verdict_at)
    .map((f) => f.verdict_at as Date);
  return {
    customerId,
    customerName: customer.name,
    score: conductScore(confirmed, now, settings.halfLifeDays),
    threshold: settings.reviewThreshold,
    halfLifeDays: settings.halfLifeDays,
    flags: flags.map((f) => ({
      id: f.id,
      status: f.verdict === "abusive" ? "confirmed" : f.verdict === "not_abusive" ? "cleared" : "unconfirmed",
      outcome: f.outcome,
      signals: Array.isArray(f.signals) ? f.signals : [],
      excerpt: (f.body ?? "").slice(0, 300),
      messageId: f.source_id,
      caseId: f.case_id,
      caseNumber: f.number,
      assessedAt: f.assessed_at.toISOString(),
      verdictAt: f.verdict_at?.toISOString() ?? null,
      weight:
        f.verdict === "abusive" && f.verdict_at
          ? Math.round(decayedWeight(f.verdict_at, now, settings.halfLifeDays) * 1000) / 1000
          : 0,
    })),
    steps: steps.map((s) => presentStep(s, now)),
    appeals,
    context: { ...context, summary: contextSummary(context) },
    templates: NOTICE_TEMPLATES,
  };
}

/**
 * Customers whose decayed score reaches the threshold, highest first, with the step in force
 * (if any: the manager sees it answers the score already) and the evidence and context counts.
 * The score is computed in SQL with the same formula as decay.ts.
 */
export async function reviewQueue(ctx: Ctx, actor: Actor): Promise<ReviewQueue> {
  await assertManager(ctx.db, actor);
  const ws = actor.workspaceId;
  const settings = await readConductSettings(new TenantScope(ctx.db, ws));
  const now = conductClock.now();
  const { rows } = await sql<{
    customer_id: string;
    name: string;
    score: number;
    confirmed: number;
    last_at: Date | null;
    step_kind: "warning" | "restricted" | "suspended" | "ended" | null;
    step_expires: Date | null;
    evidence: Array<{ id: string; excerpt: string; caseNumber: number | null }>;
    problems: number;
    repeats: number;
    breaches: number;
    negative: number;
  }>`
    with scored as (
      select a.customer_id,
             sum(power(0.5, greatest(0, extract(epoch from (${now}::timestamptz - a.verdict_at)) / 86400.0)
                            / ${settings.halfLifeDays}))::float8 as score,
             count(*)::int as confirmed, max(a.verdict_at) as last_at
        from text_assessments a
       where a.workspace_id = ${ws} and a.verdict = 'abusive' and a.verdict_at is not null
         and a.customer_id is not null
       group by a.customer_id)
    select s.customer_id, cu.name, s.score, s.confirmed, s.last_at,
           st.kind as step_kind, st.expires_at as step_expires,
           (select coalesce(json_agg(e), '[]') from (
              select a.id::text as id, left(coalesce(m.body, p.body, k.note, ''), 200) as excerpt, c.number as "caseNumber"
                from text_assessments a
                left join messages m on a.source = 'message' and m.id = a.source_id
                left join community_posts p on a.source = 'community_post' and p.id = a.source_id
                left join calls k on a.source = 'call_note' and k.id = a.source_id
                left join cases c on c.id = a.case_id
               where a.workspace_id = ${ws} and a.customer_id = s.customer_id and a.verdict = 'abusive'
               order by a.verdict_at desc limit 3) e) as evidence,
           (select count(distinct pc.problem_id)::int from problem_cases pc join cases c on c.id = pc.case_id
              join problems p on p.id = pc.problem_id
             where c.workspace_id = ${ws} and c.customer_id = s.customer_id and p.status not in ('fixed', 'closed')) as problems,
           (select count(*)::int from repeat_contacts r where r.workspace_id = ${ws} and r.customer_id = s.customer_id) as repeats,
           (select count(*)::int from cases c where c.workspace_id = ${ws} and c.customer_id = s.customer_id
               and c.sla_breached_at is not null) as breaches,
           (select count(*)::int from survey_responses sr where sr.workspace_id = ${ws} and sr.customer_id = s.customer_id
               and sr.sentiment = 'negative') as negative
      from scored s
      join customers cu on cu.id = s.customer_id and cu.merged_into is null
      left join lateral (
        select kind, expires_at from conduct_steps
         where workspace_id = ${ws} and customer_id = s.customer_id and lifted_at is null
           and (expires_at is null or expires_at > ${now}::timestamptz)
         order by case kind when 'ended' then 4 when 'suspended' then 3 when 'restricted' then 2 else 1 end desc
         limit 1) st on true
     where s.score >= ${settings.reviewThreshold}
     order by s.score desc, s.customer_id
     limit 200`.execute(ctx.db);
  return {
    threshold: settings.reviewThreshold,
    items: rows.map((r) => ({
      customerId: r.customer_id,
      customerName: r.name,
      score: Math.round(r.score * 1000) / 1000,
      confirmedFlags: r.confirmed,
      lastFlagAt: r.last_at ? new Date(r.last_at).toISOString() : null,
      stepInForce: r.step_kind
        ? { kind: r.step_kind, expiresAt: r.step_expires ? new Date(r.step_expires).toISOString() : null }
        : null,
      evidence: r.evidence,
      context: {
        openProblems: r.problems,
        repeatContacts: r.repeats,
        slaBreaches: r.breaches,
        negativeSurveys: r.negative,
      },
    })),
  };
}
