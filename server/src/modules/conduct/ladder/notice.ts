import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { AppContext } from "../../../platform/context.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { lockCase, nextCaseNumber } from "../../cases/cases.repo.ts";
import { writeMessage } from "../../cases/conversation.service.ts";
import type { StoredAttachment } from "../../cases/messages.repo.ts";
import { appendEvent, type Doer } from "../../timeline/timeline.ts";

type Ctx = Pick<AppContext, "db" | "files"> & Partial<Pick<AppContext, "boss" | "config">>;

/**
 * Tells the customer: a reply on `caseId` (the case the evidence came from, when it is still
 * open to messages), else on a new case "About your account". A reply is emailed through the
 * outbox like any agent's reply (writeMessage), and shows in the portal. Inside the caller's
 * transaction. Returns the case and message ids.
 */
export async function sendNotice(
  ctx: Ctx,
  scope: TenantScope,
  who: { userId: string | null; name: string; doer: Doer },
  customerId: string,
  preferredCaseId: string | null,
  body: string,
  attachments: StoredAttachment[] = [],
): Promise<{ caseId: string; messageId: string }> {
  let target = preferredCaseId ? await lockCase(scope, preferredCaseId) : undefined;
  if (target && (target.status === "closed" || target.customerId !== customerId)) target = undefined;
  if (!target) {
    const number = await nextCaseNumber(scope);
    const created = await scope
      .insertInto("cases", {
        number,
        customer_id: customerId,
        subject: "About your account",
        status: "open",
        channel: "email",
        priority: "normal",
        tags: ["conduct"],
        assignee_id: null,
        team_id: null,
        waiting_since: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendEvent(scope, {
      customerId,
      caseId: created.id,
      kind: "case.created",
      data: { number, subject: "About your account", channel: "email" },
      doer: who.doer,
    });
    target = await lockCase(scope, created.id);
  }
  const c = target as NonNullable<typeof target>;
  const message = await writeMessage(ctx, scope, who, c, "reply", { body, attachments });
  return { caseId: c.id, messageId: message.id };
}

/** Stores the customer's data export as a JSON attachment for the final message. */
export async function exportAttachment(
  ctx: Pick<AppContext, "files">,
  workspaceId: string,
  data: unknown,
): Promise<StoredAttachment> {
  const bytes = Buffer.from(JSON.stringify(data, null, 2), "utf8");
  const key = await ctx.files.save(workspaceId, bytes);
  return {
    id: crypto.randomUUID(),
    name: "your-data.json",
    contentType: "application/json",
    size: bytes.length,
    key,
  };
}

/** A fresh appeal token (the link's secret); only its SHA-256 is stored. */
export const newAppealToken = () => randomBytes(24).toString("base64url");

/** The case of the newest evidence, where the notice is best sent. */
export async function evidenceCase(scope: TenantScope, ids: string[]): Promise<string | null> {
  if (ids.length === 0) return null;
  const { rows } = await sql<{ case_id: string | null }>`
    select case_id from text_assessments
     where workspace_id = ${scope.workspaceId} and id = any(${ids}::bigint[]) and case_id is not null
     order by assessed_at desc limit 1`.execute(scope.db);
  return rows[0]?.case_id ?? null;
}
