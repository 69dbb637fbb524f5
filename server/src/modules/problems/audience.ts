import { sql } from "kysely";
import type { TenantScope } from "../../platform/db/tenant.ts";

/** A case solved or closed longer ago than this is left alone by broadcasts. */
export const CLOSED_LONG_AGO_DAYS = 30;

export type AudienceCase = {
  caseId: string;
  number: number;
  customerId: string;
  customerName: string;
  waiting: boolean;
  excluded: "closed_long_ago" | "bounced_address" | "opted_out" | "merged" | null;
};

/**
 * Who a problem update reaches: every linked case, minus those it must not reach, each
 * with its reason: merged into another case (that case gets it if linked), solved or closed
 * long ago, a customer who opted out of this problem, or an email case whose customer has
 * no address left that accepts mail.
 */
export async function audienceOf(scope: TenantScope, problemId: string): Promise<AudienceCase[]> {
  const rows = await sql<{
    caseId: string;
    number: string;
    customerId: string;
    customerName: string;
    waiting: boolean;
    merged: boolean;
    closedLongAgo: boolean;
    optedOut: boolean;
    bounced: boolean;
  }>`
    select c.id as "caseId", c.number, c.customer_id as "customerId", cu.name as "customerName",
           (c.waiting_on_problem_id = pc.problem_id and c.status = 'pending') as waiting,
           c.merged_into_case_id is not null as merged,
           (c.status in ('solved', 'closed') and c.updated_at < now() - make_interval(days => ${CLOSED_LONG_AGO_DAYS})) as "closedLongAgo",
           exists (select 1 from problem_opt_outs o
                    where o.problem_id = pc.problem_id and o.customer_id = c.customer_id) as "optedOut",
           (c.channel = 'email' and not exists (
              select 1 from customer_identities i
               where i.customer_id = c.customer_id and i.kind = 'email' and i.undeliverable is null)) as bounced
      from problem_cases pc
      join cases c on c.id = pc.case_id
      join customers cu on cu.id = c.customer_id
     where pc.problem_id = ${problemId} and pc.workspace_id = ${scope.workspaceId}
     order by c.number`.execute(scope.db);
  return rows.rows.map((r) => ({
    caseId: r.caseId,
    number: Number(r.number),
    customerId: r.customerId,
    customerName: r.customerName,
    waiting: r.waiting,
    excluded: r.merged
      ? "merged"
      : r.closedLongAgo
        ? "closed_long_ago"
        : r.optedOut
          ? "opted_out"
          : r.bounced
            ? "bounced_address"
            : null,
  }));
}

export function summarise(cases: AudienceCase[]) {
  const included = cases.filter((c) => c.excluded === null);
  return {
    caseCount: included.length,
    customerCount: new Set(included.map((c) => c.customerId)).size,
    waitingCount: included.filter((c) => c.waiting).length,
    excluded: cases
      .filter((c) => c.excluded !== null)
      .map((c) => ({
        caseId: c.caseId,
        number: c.number,
        customerName: c.customerName,
        reason: c.excluded as NonNullable<AudienceCase["excluded"]>,
      })),
  };
}
