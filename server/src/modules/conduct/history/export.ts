import { sql } from "kysely";
import { STAFF_ONLY_KINDS } from "../../../../../contracts/timeline.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";

/**
 * Everything the workspace holds about one customer, as JSON: profile, identities, facts,
 * cases, messages (no internal notes) and the customer-visible timeline. The ladder's last
 * step attaches it to the final message. A GDPR export proper (formats, files, erasure) comes
 * with issue #23; it should replace the body of this one function and nothing else.
 */
export async function customerDataExport(scope: TenantScope, customerId: string) {
  const ws = scope.workspaceId;
  const one = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(scope.db)).rows;
  const [profile] = await one<Record<string, unknown>>(sql`
    select id, name, organization, created_at as "createdAt" from customers
     where workspace_id = ${ws} and id = ${customerId}`);
  const identities = await one(sql`
    select kind, value, created_at as "createdAt" from customer_identities
     where workspace_id = ${ws} and customer_id = ${customerId} order by created_at`);
  const facts = await one(sql`
    select key, value, recorded_at as "recordedAt" from facts
     where workspace_id = ${ws} and customer_id = ${customerId} and superseded_at is null order by recorded_at`);
  const cases = await one(sql`
    select id, number, subject, status, channel, created_at as "createdAt" from cases
     where workspace_id = ${ws} and customer_id = ${customerId} order by created_at`);
  const messages = await one(sql`
    select m.id, c.number as "caseNumber", m.kind, m.author_name as "author", m.body, m.channel,
           m.created_at as "createdAt"
      from messages m join cases c on c.id = m.case_id
     where m.workspace_id = ${ws} and c.customer_id = ${customerId} and m.kind <> 'note'
     order by m.created_at`);
  const timeline = await one(sql`
    select kind, data, occurred_at as "occurredAt" from timeline_events
     where workspace_id = ${ws} and customer_id = ${customerId}
       and not (kind = any(${[...STAFF_ONLY_KINDS]}::text[]))
     order by id`);
  return {
    exportedAt: new Date().toISOString(),
    format: "rapport-customer-export/1",
    profile: profile ?? null,
    identities,
    facts,
    cases,
    messages,
    timeline,
  };
}
