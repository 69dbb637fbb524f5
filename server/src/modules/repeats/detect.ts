import { sql } from "kysely";
import type { AppContext } from "../../platform/context.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { bytesToVector } from "../../platform/text/embedder.ts";
import { findSimilar } from "../../platform/text/find-similar.ts";
import { sharedEmbedder } from "../../platform/text/use-embedder.ts";
import { caseSignals } from "../problems/detection/detection.repo.ts";
import { SUGGEST_COSINE } from "../problems/detection/detection.service.ts";
import { computeSignals } from "../problems/detection/signals.ts";
import { appendEvent } from "../timeline/timeline.ts";

type Ctx = Pick<AppContext, "log">;
const DAY = 86_400_000;

export type Repeat = {
  previousCaseId: string;
  previousCaseNumber: number;
  reason: "problem" | "signature" | "similar" | "link" | "reopen";
  agentId: string | null;
  teamId: string | null;
  /** When the customer came back: the new case's creation (reports count repeats by it). */
  at?: Date;
};

type Candidate = { id: string; number: number; assignee_id: string | null; team_id: string | null };

/**
 * Is this new case the customer back about an issue they had within the window? The earlier
 * cases (same customer, opened at most `windowDays` before, not merged away, not a proactive
 * reach-out) are tried newest first by four rules, strongest first: linked to it by an agent
 * (Related cases), linked to the same problem, sharing an error/diagnostic signature, then saying the same thing — the problems
 * part's own signals and similarity (case_text_signals, findSimilar, its suggestion cosine),
 * computed here first for cases its sweep has not reached yet.
 */
export async function detectNewCase(
  ctx: Ctx,
  scope: TenantScope,
  caseId: string,
  windowDays: number,
): Promise<Repeat | null> {
  const { rows } = await sql<{ customer_id: string; created_at: Date }>`
    select c.customer_id, c.created_at from cases c
     where c.workspace_id = ${scope.workspaceId} and c.id = ${caseId} and c.merged_into_case_id is null
       and not exists (select 1 from reach_outs r where r.case_id = c.id)`.execute(scope.db);
  const me = rows[0];
  if (!me) return null;
  const since = new Date(me.created_at.getTime() - windowDays * DAY);
  const { rows: earlier } = await sql<Candidate>`
    select e.id, e.number, e.assignee_id, e.team_id from cases e
     where e.workspace_id = ${scope.workspaceId} and e.customer_id = ${me.customer_id}
       and e.id <> ${caseId} and e.created_at < ${me.created_at} and e.created_at >= ${since}
       and e.merged_into_case_id is null
       and not exists (select 1 from reach_outs r where r.case_id = e.id)
     order by e.created_at desc limit 50`.execute(scope.db);
  if (earlier.length === 0) return null;
  const pick = (c: Candidate, reason: Repeat["reason"]): Repeat => ({
    previousCaseId: c.id,
    previousCaseNumber: Number(c.number),
    reason,
    agentId: c.assignee_id,
    teamId: c.team_id,
    at: me.created_at,
  });
  const ids = earlier.map((e) => e.id);

  // An explicit link by an agent (Related cases) is the strongest rule: a person said so.
  const { rows: linked } = await sql<{ id: string }>`
    select case when l.case_a = ${caseId}::uuid then l.case_b else l.case_a end as id from case_links l
     where l.workspace_id = ${scope.workspaceId} and (l.case_a = ${caseId}::uuid or l.case_b = ${caseId}::uuid)`.execute(
    scope.db,
  );
  const byLink = earlier.find((e) => linked.some((l) => l.id === e.id));
  if (byLink) return pick(byLink, "link");

  const { rows: sameProblem } = await sql<{ id: string }>`
    select distinct theirs.case_id as id from problem_cases mine
      join problem_cases theirs on theirs.problem_id = mine.problem_id
     where mine.case_id = ${caseId} and theirs.case_id = any(${ids}::uuid[])`.execute(scope.db);
  const byProblem = earlier.find((e) => sameProblem.some((p) => p.id === e.id));
  if (byProblem) return pick(byProblem, "problem");

  // Signals of this case and of earlier ones the problems sweep has not reached yet.
  const modelId = sharedEmbedder().modelId;
  const { rows: have } = await sql<{ case_id: string }>`
    select case_id from case_text_signals
     where workspace_id = ${scope.workspaceId} and case_id = any(${[caseId, ...ids]}::uuid[])
       and model_id = ${modelId}`.execute(scope.db);
  const missing = [caseId, ...ids].filter((id) => !have.some((h) => h.case_id === id));
  if (missing.length > 0) await computeSignals(ctx as AppContext, scope, missing);
  const mine = await caseSignals(scope, caseId);
  if (!mine) return null;

  if (mine.signatures.length > 0) {
    const { rows: shared } = await sql<{ case_id: string }>`
      select case_id from case_text_signals
       where workspace_id = ${scope.workspaceId} and case_id = any(${ids}::uuid[])
         and signatures && ${mine.signatures}::text[]`.execute(scope.db);
    const bySignature = earlier.find((e) => shared.some((s) => s.case_id === e.id));
    if (bySignature) return pick(bySignature, "signature");
  }

  const similar = await findSimilar(
    scope.db,
    {
      table: "case_text_signals",
      id: "case_id",
      workspace: "workspace_id",
      tsv: "body_tsv",
      vector: "vector",
      model: "model_id",
    },
    {
      workspaceId: scope.workspaceId,
      text: mine.body,
      vector: mine.vector ? bytesToVector(mine.vector) : null,
      modelId,
      candidateIds: ids,
    },
  );
  const alike = new Set(similar.filter((h) => (h.cosine ?? 0) >= SUGGEST_COSINE).map((h) => h.id));
  const bySimilar = earlier.find((e) => alike.has(e.id));
  return bySimilar ? pick(bySimilar, "similar") : null;
}

/**
 * A solved case reopened within the window of its solving: the customer is back about the
 * same issue by definition. When it was solved is read from its latest status event (the
 * trigger's `solved_at`, the row's last change, is the fallback).
 */
export async function detectReopen(
  scope: TenantScope,
  caseId: string,
  reopenedAt: Date,
  solvedAtHint: Date | null,
  windowDays: number,
): Promise<Repeat | null> {
  const { rows } = await sql<Candidate & { solved_at: Date | null }>`
    select c.id, c.number, c.assignee_id, c.team_id,
           (select max(t.occurred_at) from timeline_events t
             where t.workspace_id = c.workspace_id and t.case_id = c.id and t.kind = 'case.status_changed'
               and t.data->>'to' in ('solved', 'closed') and t.occurred_at <= ${reopenedAt}) as solved_at
      from cases c
     where c.workspace_id = ${scope.workspaceId} and c.id = ${caseId} and c.merged_into_case_id is null
       and not exists (select 1 from reach_outs r where r.case_id = c.id)`.execute(scope.db);
  const c = rows[0];
  if (!c) return null;
  const solvedAt = c.solved_at ?? solvedAtHint;
  if (solvedAt && reopenedAt.getTime() - solvedAt.getTime() > windowDays * DAY) return null;
  return {
    previousCaseId: c.id,
    previousCaseNumber: Number(c.number),
    reason: "reopen",
    agentId: c.assignee_id,
    teamId: c.team_id,
  };
}

/** Records a repeat once per case, marks it on the case's timeline; false when already recorded. */
export async function recordRepeat(
  scope: TenantScope,
  r: Repeat & { caseId: string; customerId: string },
  at: Date,
): Promise<boolean> {
  const inserted = await scope.db
    .insertInto("repeat_contacts")
    .values({
      case_id: r.caseId,
      workspace_id: scope.workspaceId,
      customer_id: r.customerId,
      previous_case_id: r.previousCaseId,
      reason: r.reason,
      agent_id: r.agentId,
      team_id: r.teamId,
      detected_at: r.at ?? at,
    })
    .onConflict((oc) => oc.columns(["case_id", "workspace_id"]).doNothing())
    .returning("case_id")
    .executeTakeFirst();
  if (!inserted) return false;
  await appendEvent(scope, {
    customerId: r.customerId,
    caseId: r.caseId,
    kind: "case.repeat_contact",
    data: { previousCaseId: r.previousCaseId, previousCaseNumber: r.previousCaseNumber, reason: r.reason },
  });
  return true;
}
