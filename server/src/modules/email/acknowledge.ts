import { sql } from "kysely";
import type PgBoss from "pg-boss";
import type { Logger } from "pino";
import type { Config } from "../../platform/config.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { queueMail } from "../../platform/mail/outbox.ts";
import { expectationsClock } from "../expectations/clock.ts";
import { expectedReply, replyBySentence } from "../expectations/expectations.service.ts";

/**
 * The optional acknowledgement of a new emailed case (EMAIL_ACKNOWLEDGEMENT, with {{number}}
 * and {{subject}} placeholders). It threads with the customer's mail and carries the reply
 * token. It tells the customer honestly when a person will reply ({{reply_by}} in the template,
 * else a sentence appended when the case arrives after hours or while the queue is long), in
 * their own zone: their timezone fact, else their Date header's offset. Like all automatic mail it respects AUTO_MAIL_PER_HOUR per address, so two
 * auto-responders can never ping-pong.
 */
export async function queueAcknowledgement(
  deps: { boss: PgBoss; config: Config; log: Logger },
  scope: TenantScope,
  input: {
    to: string;
    number: number;
    subject: string;
    replyToken: string;
    inReplyTo: string | null;
    workspaceName: string;
    /** The new case, for the honest reply-by time; the zone its Date header's offset gives. */
    caseId?: string;
    dateZone?: string | null;
  },
): Promise<boolean> {
  const template = deps.config.emailAcknowledgement;
  if (!template) return false;
  if (!(await allowAutomaticMail(scope, input.to, deps.config.autoMailPerHour))) return false;
  const support =
    (await scope.selectFrom("support_addresses").select("address").orderBy("created_at").executeTakeFirst())
      ?.address ?? "support@localhost";
  const [local, domain] = support.split("@");
  let text = template.replaceAll("{{number}}", String(input.number)).replaceAll("{{subject}}", input.subject);
  text = await withReplyBy(scope, text, input);
  await queueMail(deps, scope, {
    kind: "acknowledgement",
    to: input.to,
    subject: `[#${input.number}] ${input.subject}`,
    text,
    headers: {
      from: { name: input.workspaceName, address: support },
      replyTo: `${local}+${input.replyToken}@${domain}`,
      ...(input.inReplyTo ? { inReplyTo: input.inReplyTo, references: [input.inReplyTo] } : {}),
    },
  });
  return true;
}

/** Records one automatic message to `address` if the hourly cap allows it. */
export async function allowAutomaticMail(
  scope: TenantScope,
  address: string,
  perHour: number,
): Promise<boolean> {
  if (perHour <= 0) return false;
  // One lock per address, so concurrent cases from the same sender count correctly.
  await sql`select pg_advisory_xact_lock(hashtext(${`${scope.workspaceId}:${address}`}))`.execute(scope.db);
  const recent = await scope
    .selectFrom("auto_mail_log")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("address", "=", address)
    .where("sent_at", ">", new Date(Date.now() - 3_600_000))
    .executeTakeFirstOrThrow();
  if (Number(recent.n) >= perHour) return false;
  await scope.insertInto("auto_mail_log", { address }).execute();
  return true;
}

/** Fills {{reply_by}}, or appends the promise when it is worth saying (after hours, busy). */
async function withReplyBy(
  scope: TenantScope,
  text: string,
  input: { caseId?: string; dateZone?: string | null },
) {
  const expectation = input.caseId
    ? await expectedReply(scope, input.caseId, {
        zoneHint: input.dateZone,
        from: expectationsClock.now(),
      })
    : null;
  const sentence = expectation ? replyBySentence(expectation) : null;
  if (text.includes("{{reply_by}}")) return text.replaceAll("{{reply_by}}", sentence ?? "");
  if (!sentence || !expectation || expectation.reason === "open") return text;
  return `${text}\n\n${sentence}`;
}
