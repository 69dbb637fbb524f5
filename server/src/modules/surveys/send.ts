import { createHash, randomBytes } from "node:crypto";
import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { forWorkspace } from "../../platform/jobs/fenced-jobs.ts";
import { queueMail } from "../../platform/mail/outbox.ts";
import { appendEvent } from "../timeline/timeline.ts";
import { workspaceUrl } from "../workspaces/workspace-url.ts";
import { findWorkspaceById } from "../workspaces/workspaces.repo.ts";
import { isSuspended, questionOf, ratingLabels, SCALE_MAX, type Scale } from "./rules.ts";
import { readSurveySettings } from "./settings.service.ts";

/**
 * The `surveys.sweep` job (every minute): sends the surveys whose delay has passed and expires
 * those whose window has. The trigger of migration 0047 planned them at the solve; the rules
 * are checked again here because the case may have been merged, tagged spam or its customer
 * surveyed meanwhile. Each survey is decided in its own transaction, locked, so an overlapping
 * run never sends one twice.
 */
type Ctx = Pick<AppContext, "db" | "boss" | "config" | "log">;
const DAY_MS = 86_400_000;
const MAX_PER_RUN = 500;

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function sweepSurveys(ctx: Ctx, now = new Date()): Promise<{ sent: number; skipped: number }> {
  await ctx.db
    .updateTable("surveys")
    .set({ status: "expired" })
    .where("status", "=", "sent")
    .where("expires_at", "<", now)
    .execute();
  const due = await ctx.db
    .selectFrom("surveys")
    .select(["id", "workspace_id as workspaceId"])
    .where("status", "=", "scheduled")
    .where("send_at", "<=", now)
    .orderBy("send_at")
    .limit(MAX_PER_RUN)
    .execute();
  let sent = 0;
  let skipped = 0;
  for (const d of due) {
    try {
      const outcome = await forWorkspace(d.workspaceId, () => sendOne(ctx, d.workspaceId, d.id, now));
      if (outcome === "sent") sent++;
      else if (outcome === "skipped") skipped++;
    } catch (err) {
      // One odd survey (an address the relay refuses, say) must not hold up the others.
      ctx.log.error({ err, surveyId: d.id }, "survey send failed");
    }
  }
  return { sent, skipped };
}

async function sendOne(ctx: Ctx, workspaceId: string, surveyId: string, now: Date) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, workspaceId);
    const s = await scope
      .selectFrom("surveys")
      .selectAll()
      .where("id", "=", surveyId)
      .where("status", "=", "scheduled")
      .forNoKeyUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!s) return "none";
    const skip = async (reason: string) => {
      await scope
        .updateTable("surveys")
        .set({ status: "skipped", skip_reason: reason })
        .where("id", "=", s.id)
        .execute();
      return "skipped";
    };
    const settings = await readSurveySettings(scope);
    const c = await scope
      .selectFrom("cases")
      .select(["number", "subject", "status", "tags", "merged_into_case_id"])
      .where("id", "=", s.case_id)
      .executeTakeFirst();
    if (!c) return skip("case_gone");
    if (!settings.enabled) return skip("disabled");
    if (c.merged_into_case_id) return skip("merged");
    if (c.tags.includes("spam")) return skip("spam");
    if (c.status !== "solved" && c.status !== "closed") return skip("reopened");
    if (await isSuspended(scope, s.customer_id)) return skip("suspended");
    if (await surveyedRecently(scope, s, settings.throttleDays, now)) return skip("throttled");
    const to = await emailOf(scope, s.customer_id);
    if (s.channel === "email" && !to) return skip("no_email");

    const token = randomBytes(24).toString("base64url");
    const expiresAt = new Date(now.getTime() + settings.windowDays * DAY_MS);
    await scope.insertInto("survey_links", { survey_id: s.id, token_hash: hashToken(token) }).execute();
    await scope
      .updateTable("surveys")
      .set({ status: "sent", sent_at: now, expires_at: expiresAt })
      .where("id", "=", s.id)
      .execute();
    await appendEvent(scope, {
      customerId: s.customer_id,
      caseId: s.case_id,
      kind: "survey.sent",
      data: { surveyId: s.id, kind: s.kind, channel: s.channel },
    });
    if (to) {
      const base = await workspaceUrl({ db: tx, config: ctx.config }, workspaceId);
      const workspace = (await findWorkspaceById(tx, workspaceId))?.name ?? "Rapport";
      await queueMail(ctx, scope, {
        kind: "notification",
        to,
        subject: `${s.kind === "ces" ? "How easy was it" : "How did we do"}? [#${c.number}] ${c.subject}`,
        text: mailBody({
          workspace,
          base,
          token,
          scale: s.scale,
          kind: s.kind,
          windowDays: settings.windowDays,
        }),
        expiresAt,
      });
    }
    return "sent";
  });
}

/**
 * No survey fatigue: another survey went to this customer within the throttle days. The
 * surveys of this same plan (CSAT and CES of one solve, written by one statement, so with the
 * same case and created_at) do not count against each other.
 */
async function surveyedRecently(
  scope: TenantScope,
  s: { id: string; customer_id: string; case_id: string; created_at: Date },
  days: number,
  now: Date,
) {
  if (days === 0) return false;
  const since = new Date(now.getTime() - days * DAY_MS);
  const other = await scope
    .selectFrom("surveys")
    .select("id")
    .where("customer_id", "=", s.customer_id)
    .where("status", "in", ["sent", "responded", "expired"])
    .where("sent_at", ">", since)
    .where("id", "!=", s.id)
    .where((eb) => eb.not(eb.and([eb("case_id", "=", s.case_id), eb("created_at", "=", s.created_at)])))
    .limit(1)
    .executeTakeFirst();
  return other !== undefined;
}

/** The customer's first deliverable email identity, else the email they sign in with. */
export async function emailOf(scope: TenantScope, customerId: string): Promise<string | undefined> {
  const identity = await scope
    .selectFrom("customer_identities")
    .select("value")
    .where("customer_id", "=", customerId)
    .where("kind", "=", "email")
    .where("undeliverable", "is", null)
    .orderBy("created_at")
    .executeTakeFirst();
  if (identity) return identity.value;
  const customer = await scope
    .selectFrom("customers")
    .select("user_id")
    .where("id", "=", customerId)
    .executeTakeFirst();
  if (!customer?.user_id) return undefined;
  const user = await scope.db
    .selectFrom("auth.user")
    .select("email")
    .where("id", "=", customer.user_id)
    .executeTakeFirst();
  return user?.email;
}

function mailBody(m: {
  workspace: string;
  base: string;
  token: string;
  scale: Scale;
  kind: "csat" | "ces";
  windowDays: number;
}) {
  const labels = ratingLabels(m.scale);
  const links = [];
  // Best first: the way people read a list of answers.
  for (let r = SCALE_MAX[m.scale]; r >= 1; r--)
    links.push(`${labels[r - 1]} (${r}): ${m.base}/s/${m.token}?rating=${r}`);
  return [
    `${questionOf(m.kind)}`,
    "",
    "One click records your answer; you can add a comment on the page that opens.",
    "",
    ...links,
    "",
    `This link works for ${m.windowDays} days and only for this survey.`,
    `— ${m.workspace}`,
  ].join("\n");
}
