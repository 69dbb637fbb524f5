import { sql } from "kysely";
import type { AppContext } from "../../platform/context.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { appendEvent } from "../timeline/timeline.ts";
import { emitWebhookEvent } from "../webhooks/webhooks.service.ts";
import { resignedSentences } from "./language.ts";
import { publishRiskChange } from "./risk-live.ts";
import type { RiskReason } from "./schema-repeats.ts";

const DAY = 86_400_000;
/** Repeat contacts and negative surveys count for this long; then they age out. */
export const RISK_DAYS = 30;
/** Customer messages read for apologetic or resigned language. */
export const LANGUAGE_DAYS = 14;
/** At or above this score a customer is at risk. */
export const RISK_THRESHOLD = 50;

const excerpt = (t: string) => (t.length > 160 ? `${t.slice(0, 157)}…` : t);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * A customer's risk now: each signal with its points and the evidence a person can check.
 * Weights are chosen so that no single mild signal makes a customer at risk, but two repeat
 * contacts (three contacts about one issue), or an unanswered breach plus a negative survey, do.
 */
export async function assessRisk(scope: TenantScope, customerId: string, now: Date) {
  const ws = scope.workspaceId;
  const since = new Date(now.getTime() - RISK_DAYS * DAY);
  const reasons: RiskReason[] = [];

  const { rows: repeats } = await sql<{ case_id: string; number: number; prev: number; reason: string }>`
    select rc.case_id, c.number, p.number as prev, rc.reason from repeat_contacts rc
      join cases c on c.id = rc.case_id join cases p on p.id = rc.previous_case_id
     where rc.workspace_id = ${ws} and rc.customer_id = ${customerId} and rc.detected_at >= ${since}
       and rc.detected_at <= ${now}
     order by rc.detected_at desc limit 10`.execute(scope.db);
  if (repeats.length > 0)
    reasons.push({
      kind: "repeat_contacts",
      points: Math.min(50, 25 * repeats.length),
      summary: `${plural(repeats.length, "repeat contact")} in ${RISK_DAYS} days`,
      evidence: repeats.map((r) => ({
        caseId: r.case_id,
        caseNumber: Number(r.number),
        text:
          r.reason === "reopen"
            ? `#${r.number} reopened after it was solved`
            : `#${r.number} repeats #${r.prev} (${r.reason === "similar" ? "same issue in other words" : `same ${r.reason}`})`,
      })),
    });

  const { rows: open } = await sql<{ id: string; number: number; subject: string; breached: boolean }>`
    select id, number, subject, (status in ('new', 'open') and sla_breached_at is not null) as breached
      from cases
     where workspace_id = ${ws} and customer_id = ${customerId} and merged_into_case_id is null
       and status in ('new', 'open', 'pending', 'on_hold')
       -- Our own reach-out is not the customer waiting on us.
       and not exists (select 1 from reach_outs r where r.case_id = cases.id)
     order by created_at desc limit 20`.execute(scope.db);
  const evidenceOf = (c: (typeof open)[number]) => ({
    caseId: c.id,
    caseNumber: Number(c.number),
    text: `#${c.number} ${excerpt(c.subject)}`,
  });
  if (open.length >= 2)
    reasons.push({
      kind: "open_cases",
      points: Math.min(30, 15 + 10 * (open.length - 2)),
      summary: `${open.length} open cases at once`,
      evidence: open.slice(0, 5).map(evidenceOf),
    });
  const breached = open.filter((c) => c.breached);
  if (breached.length > 0)
    reasons.push({
      kind: "unanswered",
      points: 30,
      summary: `Waiting beyond the SLA on ${plural(breached.length, "case")}`,
      evidence: breached.slice(0, 5).map(evidenceOf),
    });

  const { rows: messages } = await sql<{ case_id: string; number: number; body: string }>`
    select m.case_id, c.number, m.body from messages m join cases c on c.id = m.case_id
     where m.workspace_id = ${ws} and c.customer_id = ${customerId} and m.kind = 'customer'
       and m.created_at >= ${new Date(now.getTime() - LANGUAGE_DAYS * DAY)} and m.created_at <= ${now}
     order by m.created_at desc limit 20`.execute(scope.db);
  const said = await resignedSentences(messages.map((m) => m.body));
  const heard = messages.flatMap((m, i) => (said[i] ? [{ m, hit: said[i] }] : []));
  if (heard.length > 0)
    reasons.push({
      kind: "language",
      points: heard.length >= 2 ? 35 : 25,
      summary: `Apologetic or resigned wording in ${plural(heard.length, "message")}`,
      evidence: heard.slice(0, 3).map(({ m, hit }) => ({
        caseId: m.case_id,
        caseNumber: Number(m.number),
        text: `“${excerpt(hit.text)}”`,
      })),
    });

  const { rows: surveys } = await sql<{
    case_id: string;
    number: number;
    rating: number;
    comment: string | null;
  }>`
    select r.case_id, c.number, r.rating, r.comment from survey_responses r join cases c on c.id = r.case_id
     where r.workspace_id = ${ws} and r.customer_id = ${customerId} and r.sentiment = 'negative'
       and r.responded_at >= ${since} and r.responded_at <= ${now}
     order by r.responded_at desc limit 5`.execute(scope.db);
  if (surveys.length > 0)
    reasons.push({
      kind: "negative_survey",
      points: 30,
      summary: `${plural(surveys.length, "negative survey")} in ${RISK_DAYS} days`,
      evidence: surveys.map((s) => ({
        caseId: s.case_id,
        caseNumber: Number(s.number),
        text: `#${s.number} rated ${s.rating}${s.comment ? `: “${excerpt(s.comment)}”` : ""}`,
      })),
    });

  // Frustration is not a penalty but a sign we are failing someone (issue #20): frustrated
  // (or abusive) customer messages of the last 14 days, from the conduct assessments. Small
  // weight: alone it never makes a customer at risk; with a repeat contact it tips it.
  const { rows: angry } = await sql<{ case_id: string; number: number; body: string }>`
    select m.case_id, c.number, m.body from text_assessments a
      join messages m on m.id = a.source_id join cases c on c.id = m.case_id
     where a.workspace_id = ${ws} and a.customer_id = ${customerId} and a.source = 'message'
       and a.outcome in ('frustrated', 'abusive')
       and m.created_at >= ${new Date(now.getTime() - LANGUAGE_DAYS * DAY)} and m.created_at <= ${now}
     order by m.created_at desc limit 5`.execute(scope.db);
  if (angry.length > 0)
    reasons.push({
      kind: "frustrated",
      points: angry.length >= 2 ? 20 : 15,
      summary: `Frustrated in ${plural(angry.length, "message")} in ${LANGUAGE_DAYS} days`,
      evidence: angry.slice(0, 3).map((a) => ({
        caseId: a.case_id,
        caseNumber: Number(a.number),
        text: `“${excerpt(a.body)}”`,
      })),
    });

  const score = Math.min(
    100,
    reasons.reduce((sum, r) => sum + r.points, 0),
  );
  reasons.sort((a, b) => b.points - a.points);
  return { score, reasons, atRisk: score >= RISK_THRESHOLD };
}

/**
 * Recomputes and stores one customer's risk. Becoming at risk is announced once (timeline
 * event on the customer, webhook `customer.at_risk`); leaving it is noted on the timeline.
 * Runs in the caller's transaction, under the customer's row lock, so two runs cannot both
 * announce. The lock is FOR NO KEY UPDATE, not FOR UPDATE: it still excludes another run, but
 * not the key-share locks that every insert referring to the customer takes (a timeline
 * event, a queued repeat). FOR UPDATE blocked those, and a sweep locking customers one by one
 * deadlocked with the assessment job inserting for the same customers in another order.
 */
export async function refreshRisk(
  ctx: Partial<Pick<AppContext, "boss">>,
  scope: TenantScope,
  customerId: string,
  now: Date,
) {
  const { rows: who } = await sql<{ name: string }>`
    select name from customers where workspace_id = ${scope.workspaceId} and id = ${customerId}
       and merged_into is null for no key update`.execute(scope.db);
  const customer = who[0];
  if (!customer) return null;
  const before = await scope
    .selectFrom("customer_risk")
    .select(["at_risk", "since"])
    .where("customer_id", "=", customerId)
    .executeTakeFirst();
  const risk = await assessRisk(scope, customerId, now);
  if (!before && risk.score === 0) return risk;
  const becomes = risk.atRisk && !before?.at_risk;
  const since = risk.atRisk ? (becomes ? now : (before?.since ?? now)) : null;
  await scope.db
    .insertInto("customer_risk")
    .values({
      customer_id: customerId,
      workspace_id: scope.workspaceId,
      score: risk.score,
      reasons: JSON.stringify(risk.reasons),
      at_risk: risk.atRisk,
      since,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(["customer_id", "workspace_id"]).doUpdateSet({
        score: risk.score,
        reasons: JSON.stringify(risk.reasons),
        at_risk: risk.atRisk,
        since,
        updated_at: now,
      }),
    )
    .execute();
  if (becomes) {
    const summaries = risk.reasons.map((r) => r.summary);
    await appendEvent(scope, {
      customerId,
      kind: "customer.at_risk",
      data: { score: risk.score, reasons: summaries },
    });
    await emitWebhookEvent(scope, ctx.boss, "customer.at_risk", {
      customer: { id: customerId, name: customer.name },
      score: risk.score,
      reasons: risk.reasons.map((r) => ({ kind: r.kind, summary: r.summary })),
      since: now.toISOString(),
    });
  } else if (before?.at_risk && !risk.atRisk) {
    await appendEvent(scope, { customerId, kind: "customer.risk_cleared", data: { score: risk.score } });
  }
  // Live screens (at-risk list, customer flag): only the publish call lives here.
  await publishRiskChange(scope, customerId, before?.at_risk ?? false, risk.atRisk);
  return risk;
}
