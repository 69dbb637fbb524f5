import { sql } from "kysely";
import type { Executor } from "../../../platform/db/tenant.ts";

/** The flagged texts of one customer: abusive by the classifier, or given a verdict by a person. */
export async function flagsOf(db: Executor, ws: string, customerId: string) {
  const { rows } = await sql<{
    id: string;
    outcome: "neutral" | "frustrated" | "abusive" | null;
    verdict: "abusive" | "not_abusive" | null;
    signals: Array<{ kind: string; detail: string; text?: string }>;
    body: string | null;
    source_id: string;
    case_id: string | null;
    number: number | null;
    assessed_at: Date;
    verdict_at: Date | null;
  }>`
    select a.id::text, a.outcome, a.verdict, a.signals, coalesce(m.body, p.body, k.note) as body, a.source_id,
           a.case_id, c.number, a.assessed_at, a.verdict_at
      from text_assessments a
      left join messages m on a.source = 'message' and m.id = a.source_id
      left join community_posts p on a.source = 'community_post' and p.id = a.source_id
      left join calls k on a.source = 'call_note' and k.id = a.source_id
      left join cases c on c.id = a.case_id
     where a.workspace_id = ${ws} and a.customer_id = ${customerId}
       and (a.outcome = 'abusive' or a.verdict is not null)
     order by a.assessed_at desc
     limit 200`.execute(db);
  return rows;
}

/**
 * What the company may have done to make this customer angry: open problems on their cases,
 * repeat contacts, SLA breaches and negative surveys.
 */
export async function contextOf(db: Executor, ws: string, customerId: string) {
  const { rows: problems } = await sql<{ id: string; title: string }>`
    select distinct p.id, p.title from problems p
      join problem_cases pc on pc.problem_id = p.id
      join cases c on c.id = pc.case_id
     where p.workspace_id = ${ws} and c.customer_id = ${customerId} and p.status not in ('fixed', 'closed')`.execute(
    db,
  );
  const { rows } = await sql<{ repeats: number; breaches: number; negative: number }>`
    select (select count(*)::int from repeat_contacts where workspace_id = ${ws} and customer_id = ${customerId}) as repeats,
           (select count(*)::int from cases where workspace_id = ${ws} and customer_id = ${customerId}
               and sla_breached_at is not null) as breaches,
           (select count(*)::int from survey_responses where workspace_id = ${ws} and customer_id = ${customerId}
               and sentiment = 'negative') as negative`.execute(db);
  const c = rows[0] ?? { repeats: 0, breaches: 0, negative: 0 };
  return {
    openProblems: problems,
    repeatContacts: c.repeats,
    slaBreaches: c.breaches,
    negativeSurveys: c.negative,
  };
}

export function contextSummary(c: {
  openProblems: unknown[];
  repeatContacts: number;
  slaBreaches: number;
  negativeSurveys: number;
}): string {
  const parts: string[] = [];
  if (c.openProblems.length) parts.push(`${c.openProblems.length} open problem(s) on their cases`);
  if (c.repeatContacts) parts.push(`${c.repeatContacts} repeat contact(s)`);
  if (c.slaBreaches) parts.push(`${c.slaBreaches} SLA breach(es)`);
  if (c.negativeSurveys) parts.push(`${c.negativeSurveys} negative survey(s)`);
  return parts.length
    ? `We may have failed this customer: ${parts.join(", ")}.`
    : "No sign that we failed this customer on record.";
}

/** Steps with the decider's and lifter's names. */
export async function stepsOf(db: Executor, ws: string, customerId: string) {
  const { rows } = await sql<StepRow>`
    select s.*, s.evidence::text[] as evidence, u.name as decider_name
      from conduct_steps s
      left join memberships m on m.id = s.decided_by
      left join auth."user" u on u.id = m.user_id
     where s.workspace_id = ${ws} and s.customer_id = ${customerId}
     order by s.decided_at desc`.execute(db);
  return rows;
}

export type StepRow = {
  id: string;
  kind: "warning" | "restricted" | "suspended" | "ended";
  reason: string;
  evidence: string[];
  restrictions: { channels: string[]; agentMembershipId?: string | null } | null;
  notice: string;
  notice_case_id: string | null;
  decided_by: string | null;
  decider_name: string | null;
  decided_at: Date;
  expires_at: Date | null;
  lifted_at: Date | null;
  lift_reason: string | null;
};

export function presentStep(s: StepRow, now: Date) {
  return {
    id: s.id,
    kind: s.kind,
    reason: s.reason,
    evidence: s.evidence.map(String),
    restrictions: s.restrictions ?? null,
    notice: s.notice,
    noticeCaseId: s.notice_case_id,
    decidedBy: { id: s.decided_by, name: s.decider_name ?? "A former manager" },
    decidedAt: s.decided_at.toISOString(),
    expiresAt: s.expires_at?.toISOString() ?? null,
    liftedAt: s.lifted_at?.toISOString() ?? null,
    liftReason: s.lift_reason,
    inForce: !s.lifted_at && (!s.expires_at || s.expires_at.getTime() > now.getTime()),
  };
}
