import { sql } from "kysely";
import type { AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { queueMail } from "../../../platform/mail/outbox.ts";
import { allowAutomaticMail } from "../../email/acknowledge.ts";
import { appendEvent } from "../../timeline/timeline.ts";
import { conductClock } from "../history/decay.ts";
import { activeStepIn } from "./active.ts";
import { managersOf } from "./conduct.policy.ts";

type Deps = Partial<Pick<AppContext, "boss" | "config" | "log">>;

/**
 * Called right after a new case of a customer is written (email, portal, API), in the same
 * transaction. Nothing is refused or dropped here: the case and its message stay; only where
 * the case goes changes.
 * - restricted: to the named senior agent; a contact on a channel not allowed gets a polite
 *   auto-reply naming the allowed channel(s).
 * - suspended / ended: to a manager (the decider while still an active manager, else the first
 *   admin or lead), tagged, with an auto-reply saying how to reach the company about the account.
 * Auto-replies go through the outbox and the same hourly cap as acknowledgements (auto_mail_log).
 * Returns what it did, or null when no step applies.
 */
export async function routeForConduct(
  deps: Deps,
  scope: TenantScope,
  c: { caseId: string; customerId: string; channel: string; replyTo?: string | null; subject?: string },
): Promise<{ kind: string; assigneeId: string | null; assigneeName: string | null } | null> {
  const step = await activeStepIn(scope.db, scope.workspaceId, c.customerId, conductClock.now());
  if (!step || step.kind === "warning") return null;
  let assigneeId: string | null = null;
  let assigneeName: string | null = null;
  let detail: string;
  let autoReply: string | null = null;
  if (step.kind === "restricted") {
    const channels = step.restrictions?.channels ?? ["email"];
    assigneeId = step.restrictions?.agentMembershipId ?? null;
    if (assigneeId) {
      const { rows } = await sql<{ name: string }>`
        select u.name from memberships m join auth."user" u on u.id = m.user_id
         where m.workspace_id = ${scope.workspaceId} and m.id = ${assigneeId} and m.status = 'active'`.execute(
        scope.db,
      );
      // A named agent who has since left: the case stays with its usual routing.
      if (rows[0]) assigneeName = rows[0].name;
      else assigneeId = null;
    }
    detail = assigneeId ? "Contact restricted: sent to the named agent" : "Contact restricted";
    if (!channels.includes(c.channel))
      autoReply = `Thank you for your message; we have received it and kept it. As we wrote to you earlier, please contact us by ${channels.join(" or ")} for now, and we will answer you there.`;
  } else {
    const managers = await managersOf(scope.db, scope.workspaceId);
    const decider = managers.find((m) => m.id === step.decidedBy);
    assigneeId = (decider ?? managers[0])?.id ?? null;
    assigneeName = (decider ?? managers[0])?.name ?? null;
    detail = `Customer ${step.kind === "ended" ? "relationship ended" : "suspended"}: sent to a manager instead of agents`;
    autoReply =
      step.kind === "suspended"
        ? "Thank you for your message; it has been received and kept. Regular support for your account is suspended for now, so a manager will read it. For anything about your account itself (billing, your data, closing it), simply reply to this message."
        : "Thank you for your message; it has been received and kept. As we wrote to you, our support relationship has ended; a manager will read your message and answer questions about your account, billing or your data.";
  }
  const tag = `conduct-${step.kind}`;
  await sql`
    update cases set assignee_id = coalesce(${assigneeId}::uuid, assignee_id),
           team_id = case when ${assigneeId}::uuid is null then team_id else null end,
           tags = case when ${tag} = any(tags) then tags else array_append(tags, ${tag}) end
     where workspace_id = ${scope.workspaceId} and id = ${c.caseId}`.execute(scope.db);
  await appendEvent(scope, {
    customerId: c.customerId,
    caseId: c.caseId,
    kind: "conduct.case_routed",
    data: { stepId: step.id, kind: step.kind, detail },
    doer: { userId: null, name: "Routing" },
  });
  if (autoReply && c.replyTo && deps.boss && deps.config && deps.log) {
    if (await allowAutomaticMail(scope, c.replyTo, deps.config.autoMailPerHour))
      await queueMail({ boss: deps.boss, config: deps.config, log: deps.log }, scope, {
        kind: "acknowledgement",
        to: c.replyTo,
        subject: `Re: ${c.subject ?? "your message"}`,
        text: autoReply,
      });
  }
  return { kind: step.kind, assigneeId, assigneeName };
}

/**
 * When a step that changes where a customer's contacts go begins (restricted to a named agent,
 * suspended, ended), the cases they already have open go there too: "new messages go to a
 * manager's queue instead of agents" holds for a reply on an old case as for a new one. No
 * auto-reply here: the step's notice has just told them. Called in the step's transaction.
 */
export async function rerouteOpenCases(deps: Deps, scope: TenantScope, customerId: string): Promise<number> {
  const open = await scope
    .selectFrom("cases")
    .select(["id", "channel"])
    .where("customer_id", "=", customerId)
    .where("status", "not in", ["solved", "closed"])
    .where("merged_into_case_id", "is", null)
    .orderBy("created_at")
    .execute();
  for (const c of open)
    await routeForConduct(deps, scope, { caseId: c.id, customerId, channel: c.channel, replyTo: null });
  return open.length;
}

/** The customer's first deliverable email address: where a portal or API contact's auto-reply goes. */
export async function customerEmail(scope: TenantScope, customerId: string): Promise<string | null> {
  const row = await scope
    .selectFrom("customer_identities")
    .select("value")
    .where("customer_id", "=", customerId)
    .where("kind", "=", "email")
    .where("undeliverable", "is", null)
    .orderBy("created_at")
    .executeTakeFirst();
  return row?.value ?? null;
}

/**
 * For case creation outside a transaction (portal, API): a read first, and a transaction only
 * when a step applies, so an ordinary customer's case costs one indexed read.
 */
export async function routeCaseForConduct(
  deps: Deps & Pick<AppContext, "db">,
  workspaceId: string,
  caseId: string,
  customerId: string,
  channel: string,
  subject: string,
) {
  const step = await activeStepIn(deps.db, workspaceId, customerId, conductClock.now());
  if (!step || step.kind === "warning") return null;
  return inTransaction(deps.db, async (tx) => {
    const scope = new TenantScope(tx, workspaceId);
    const replyTo = await customerEmail(scope, customerId);
    return routeForConduct(deps, scope, { caseId, customerId, channel, replyTo, subject });
  });
}
