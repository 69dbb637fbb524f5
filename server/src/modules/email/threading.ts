import { sql } from "kysely";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { splitPlus } from "./addresses.ts";

/**
 * Finds the case an inbound message belongs to, in this order:
 * 1. In-Reply-To / References against Message-IDs Rapport sent or received;
 * 2. a message already stored that answers this one: its reply overtook it (the two arrived
 *    moments apart, or out of order) and opened a case, which this root joins;
 * 3. a message from the same sender answering the same (still missing) parent: a burst of
 *    replies that all overtook their root belongs together. Only the same sender, because
 *    many customers answering one newsletter that support never received are not one case;
 * 4. the case's reply token in a recipient address (support+TOKEN@…);
 * 5. a [#123] case number in the subject, only if the sender is already on that case;
 * otherwise none, and a new case is opened.
 */
export type ThreadMatch = {
  caseId: string;
  customerId: string;
  how: "headers" | "answered" | "sibling" | "token" | "subject";
};

export async function findThread(
  scope: TenantScope,
  mail: Parameters<typeof matchThread>[1],
): Promise<ThreadMatch | undefined> {
  const hit = await matchThread(scope, mail);
  if (!hit) return undefined;
  // A merged case is a tombstone: its thread continues on the case it was merged into (which
  // may itself have been merged since). Merges keep the customer, so only the case changes.
  let caseId = hit.caseId;
  for (let hops = 0; hops < 10; hops++) {
    const next = await scope
      .selectFrom("cases")
      .select("merged_into_case_id as id")
      .where("id", "=", caseId)
      .executeTakeFirst();
    if (!next?.id) break;
    caseId = next.id;
  }
  return { ...hit, caseId };
}

async function matchThread(
  scope: TenantScope,
  mail: {
    messageId: string | null;
    inReplyTo: string | null;
    references: string[];
    recipients: string[];
    subject: string;
    sender: string;
  },
): Promise<ThreadMatch | undefined> {
  const ids = [...new Set([mail.inReplyTo, ...mail.references].filter((v): v is string => Boolean(v)))];
  if (ids.length > 0) {
    const hit = await scope
      .selectFrom("messages")
      .innerJoin("cases as c", "c.id", "messages.case_id")
      .select(["c.id as caseId", "c.customer_id as customerId"])
      .where("messages.email_message_id", "in", ids)
      .orderBy("messages.created_at", "desc")
      .limit(1)
      .executeTakeFirst();
    if (hit) return { ...hit, how: "headers" };
  }
  if (mail.messageId) {
    const hit = await scope
      .selectFrom("messages")
      .innerJoin("cases as c", "c.id", "messages.case_id")
      .select(["c.id as caseId", "c.customer_id as customerId"])
      .where((eb) =>
        eb.or([
          eb("messages.email_in_reply_to", "=", mail.messageId),
          // The first condition lets PostgreSQL use the partial GIN index (migration 0011).
          sql<boolean>`(messages.email_references <> '{}' and messages.email_references @> array[${mail.messageId}]::text[])`,
        ]),
      )
      .orderBy("messages.created_at")
      .limit(1)
      .executeTakeFirst();
    if (hit) return { ...hit, how: "answered" };
  }
  if (ids.length > 0) {
    const hit = await scope
      .selectFrom("messages")
      .innerJoin("cases as c", "c.id", "messages.case_id")
      .select(["c.id as caseId", "c.customer_id as customerId"])
      .where("messages.from_address", "=", mail.sender)
      .where((eb) =>
        eb.or([
          eb("messages.email_in_reply_to", "in", ids),
          sql<boolean>`(messages.email_references <> '{}' and messages.email_references && ${sql.val(ids)}::text[])`,
        ]),
      )
      .orderBy("messages.created_at", "desc")
      .limit(1)
      .executeTakeFirst();
    if (hit) return { ...hit, how: "sibling" };
  }
  const tokens = mail.recipients.map((r) => splitPlus(r).token).filter((t): t is string => Boolean(t));
  if (tokens.length > 0) {
    const hit = await scope
      .selectFrom("cases")
      .select(["id as caseId", "customer_id as customerId"])
      .where("reply_token", "in", tokens)
      .executeTakeFirst();
    if (hit) return { ...hit, how: "token" };
  }
  const number = /\[#(\d{1,12})\]/.exec(mail.subject)?.[1];
  if (number) {
    const hit = await sql<{ caseId: string; customerId: string }>`
      select c.id as "caseId", c.customer_id as "customerId" from cases c
       where c.workspace_id = ${scope.workspaceId} and c.number = ${Number(number)}
         and (exists (select 1 from customer_identities i
                       where i.customer_id = c.customer_id and i.kind = 'email' and i.value = ${mail.sender})
              or exists (select 1 from messages m where m.case_id = c.id and m.from_address = ${mail.sender}))`.execute(
      scope.db,
    );
    const row = hit.rows[0];
    if (row) return { ...row, how: "subject" };
  }
  return undefined;
}
