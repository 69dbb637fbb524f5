import { sql } from "kysely";
import type { TenantScope } from "../../platform/db/tenant.ts";

/**
 * What the outbox holds for one workspace: agent replies (messages) and the mail Rapport writes
 * itself (outbound_mail). One-time links past their expiry no longer count: they will never go.
 */
export async function outboxWaiting(scope: TenantScope): Promise<number> {
  const [replies, mail] = await Promise.all([
    scope
      .selectFrom("messages")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("delivery_status", "=", "queued")
      .executeTakeFirstOrThrow(),
    scope
      .selectFrom("outbound_mail")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "queued")
      .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", sql<Date>`now()`)]))
      .executeTakeFirstOrThrow(),
  ]);
  return Number(replies.n) + Number(mail.n);
}

/** The latest failed deliveries of both kinds, newest first. */
export async function failedOutbound(scope: TenantScope) {
  const [replies, mail] = await Promise.all([
    scope
      .selectFrom("messages")
      .innerJoin("cases as c", "c.id", "messages.case_id")
      .select([
        "messages.id as messageId",
        "c.id as caseId",
        "c.number as caseNumber",
        "messages.delivery_error as error",
        "messages.created_at as createdAt",
      ])
      .where("messages.delivery_status", "=", "failed")
      .orderBy("messages.created_at", "desc")
      .limit(100)
      .execute(),
    scope
      .selectFrom("outbound_mail")
      .select(["id", "kind", "to_address", "subject", "error", "created_at"])
      .where("status", "=", "failed")
      .orderBy("created_at", "desc")
      .limit(100)
      .execute(),
  ]);
  return [
    ...replies.map((r) => ({
      messageId: r.messageId,
      kind: "reply" as const,
      caseId: r.caseId,
      caseNumber: Number(r.caseNumber),
      to: null,
      subject: null,
      error: r.error,
      createdAt: r.createdAt.toISOString(),
    })),
    ...mail.map((m) => ({
      messageId: m.id,
      kind: m.kind,
      caseId: null,
      caseNumber: null,
      to: m.to_address,
      subject: m.subject,
      error: m.error,
      createdAt: m.created_at.toISOString(),
    })),
  ]
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .slice(0, 100);
}
