import type { MessageAssessment } from "../../../../../contracts/conduct-assess.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import type { ToneSignal } from "../../../platform/text/tone/types.ts";
import type { AssessmentOutcome } from "../schema-conduct.ts";

export type AssessmentRow = {
  source_id: string;
  outcome: AssessmentOutcome | null;
  signals: unknown;
  mask_spans: unknown;
  assessed_at: Date;
  verdict: "abusive" | "not_abusive" | null;
  verdict_at: Date | null;
};

const columns = [
  "source_id",
  "outcome",
  "signals",
  "mask_spans",
  "assessed_at",
  "verdict",
  "verdict_at",
] as const;

/** The assessments of some messages, by message id. */
export async function assessmentsOfMessages(scope: TenantScope, messageIds: string[]) {
  const byId = new Map<string, AssessmentRow>();
  if (messageIds.length === 0) return byId;
  const rows = await scope
    .selectFrom("text_assessments")
    .select(columns)
    .where("source", "=", "message")
    .where("source_id", "in", messageIds)
    .execute();
  for (const r of rows) byId.set(r.source_id, r as AssessmentRow);
  return byId;
}

/** Only a verdict of abusive, or the classifier's abusive with no verdict, counts as abuse. */
export function presentAssessment(r: AssessmentRow): MessageAssessment {
  return {
    outcome: r.outcome,
    signals: (r.signals as ToneSignal[]) ?? [],
    maskSpans: (r.mask_spans as Array<[number, number]>) ?? [],
    assessedAt: r.assessed_at.toISOString(),
    verdict: r.verdict,
    verdictAt: r.verdict_at ? r.verdict_at.toISOString() : null,
    abusive: r.verdict === "abusive" || (r.verdict === null && r.outcome === "abusive"),
  };
}

/** A message of this workspace with its case, for staff reads and verdicts. */
export async function findMessageWithCase(scope: TenantScope, messageId: string) {
  return scope
    .selectFrom("messages")
    .innerJoin("cases", "cases.id", "messages.case_id")
    .select([
      "messages.id as id",
      "messages.kind as kind",
      "messages.body as body",
      "messages.case_id as caseId",
      "cases.customer_id as customerId",
    ])
    .where("messages.id", "=", messageId)
    .where("cases.workspace_id", "=", scope.workspaceId)
    .executeTakeFirst();
}
