import { sql } from "kysely";
import { CHANNELS } from "../../../../contracts/customers.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { publish } from "../../platform/realtime/publish.ts";
import { audit } from "../audit/audit.ts";
import { nextCaseNumber } from "../cases/cases.repo.ts";
import { appendEvent } from "../timeline/timeline.ts";

type Assignment = "preferred_agent" | "dedicated_team" | "unassigned";

/**
 * "Reach out" to an at-risk customer: a proactive case, open, on the customer's preferred
 * channel, with the agent's note as an internal note (not words put in the customer's mouth).
 * It goes to the customer's preferred agent when active, else their dedicated team, else
 * nobody (customer_routing, modules/routing). One open reach-out per customer: checked under
 * the customer's row lock, 409 otherwise. Audited. One transaction.
 */
export async function reachOut(
  ctx: Pick<AppContext, "db">,
  actor: Actor,
  customerId: string,
  input: { subject: string; note?: string | undefined },
) {
  if (!actor.permissions.includes("cases.work"))
    throw new AppError("forbidden", "Your role may read cases but not open them");
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const ws = actor.workspaceId;
    const { rows: who } = await sql<{ id: string; name: string; user_id: string | null }>`
      select id, name, user_id from customers
       where workspace_id = ${ws} and id = ${customerId} and merged_into is null for no key update`.execute(
      tx,
    );
    const customer = who[0];
    if (!customer) throw new AppError("not_found", "Customer was not found");
    const { rows: already } = await sql<{ number: number }>`
      select c.number from reach_outs r join cases c on c.id = r.case_id
       where r.workspace_id = ${ws} and r.customer_id = ${customerId}
         and c.status in ('new', 'open', 'pending', 'on_hold') and c.merged_into_case_id is null
       limit 1`.execute(tx);
    if (already[0])
      throw new AppError("conflict", `Case #${already[0].number} already reaches out to this customer`);

    const { rows: prefs } = await sql<{ agent: string | null; team: string | null; channel: string | null }>`
      select (select m.id from memberships m where m.id = r.preferred_agent_id and m.status = 'active'
                 and m.role <> 'customer') as agent,
             r.dedicated_team_id as team,
             (select f.value #>> '{}' from facts f
               where f.workspace_id = ${ws} and f.customer_id = ${customerId} and f.key = 'preferred_channel'
                 and f.superseded_at is null order by f.recorded_at desc limit 1) as channel
        from (select 1) one
        left join customer_routing r on r.workspace_id = ${ws} and r.customer_id = ${customerId}`.execute(tx);
    const pref = prefs[0] ?? { agent: null, team: null, channel: null };
    const assignment: Assignment = pref.agent
      ? "preferred_agent"
      : pref.team
        ? "dedicated_team"
        : "unassigned";
    let channel =
      pref.channel && (CHANNELS as readonly string[]).includes(pref.channel) ? pref.channel : null;
    if (!channel) {
      const last = await scope
        .selectFrom("cases")
        .select("channel")
        .where("customer_id", "=", customerId)
        .orderBy("created_at", "desc")
        .executeTakeFirst();
      channel = last?.channel ?? "email";
    }

    const number = await nextCaseNumber(scope);
    const created = await scope
      .insertInto("cases", {
        number,
        customer_id: customerId,
        subject: input.subject,
        status: "open",
        channel,
        priority: "normal",
        tags: [],
        assignee_id: pref.agent,
        team_id: pref.agent ? null : pref.team,
        waiting_since: null,
      })
      .returning(["id", "assignee_id", "team_id"])
      .executeTakeFirstOrThrow();
    await scope
      .insertInto("reach_outs", { case_id: created.id, customer_id: customerId, created_by: actor.userId })
      .execute();
    const doer = { userId: actor.userId, name: actor.name };
    await appendEvent(scope, {
      customerId,
      caseId: created.id,
      kind: "case.created",
      data: { number, subject: input.subject, channel },
      doer,
    });
    if (input.note) {
      const note = await scope
        .insertInto("messages", {
          case_id: created.id,
          kind: "note",
          author_user_id: actor.userId,
          author_name: actor.name,
          body: input.note,
          channel,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await appendEvent(scope, {
        customerId,
        caseId: created.id,
        kind: "message.added",
        data: { messageId: note.id, kind: "note", excerpt: input.note.slice(0, 200), channel },
        doer,
      });
    }
    await audit(scope, {
      actorUserId: actor.userId,
      action: "customer.reached_out",
      subjectType: "customer",
      subjectId: customerId,
      data: { caseId: created.id, number, assignment },
    });
    await publish(tx, {
      workspaceId: ws,
      audience: { kind: "staff" },
      event: { type: "case.updated", caseId: created.id, customerId },
    });
    return {
      caseId: created.id,
      number,
      assignment,
      assigneeId: created.assignee_id,
      teamId: created.team_id,
    };
  });
}
