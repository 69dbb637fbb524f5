import type { ChatAgent } from "../../../../../contracts/chat-agents.ts";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { audit } from "../../audit/audit.ts";
import { forgetAvailability } from "../availability/availability-cache.ts";
import { isOnlineForChat } from "../presence/online.ts";
import { assertSeesChatAgents, assertSetsChatCapacity } from "./capacity.policy.ts";
import { type ChatAgentRow, listChatAgents, teamCalendars, upsertChatCapacity } from "./chat-agents.repo.ts";

type Ctx = Pick<AppContext, "db">;

function present(a: ChatAgentRow, online: boolean): ChatAgent {
  return {
    id: a.id,
    name: a.name,
    capacity: a.capacity,
    ownCapacity: a.ownCapacity,
    active: a.active,
    online,
    status: a.status,
    lastSeenAt: a.lastSeenAt ? new Date(a.lastSeenAt).toISOString() : null,
  };
}

/** The signed-in agent's own capacity and chats in hand. */
export async function myChatCapacity(ctx: Ctx, actor: Actor) {
  const [me] = await listChatAgents(new TenantScope(ctx.db, actor.workspaceId), {
    membershipId: actor.membershipId,
  });
  if (!me) throw new AppError("forbidden", "Only agents and admins take chats");
  return { capacity: me.capacity, active: me.active };
}

export async function setMyChatCapacity(ctx: Ctx, actor: Actor, capacity: number) {
  await setCapacity(ctx, actor, actor.membershipId, capacity, "forbidden");
  return myChatCapacity(ctx, actor);
}

/** Every agent who takes chats: their capacity, chats in hand and whether they are online. */
export async function listAgentsForChat(ctx: Ctx, actor: Actor, now = new Date()) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  await assertSeesChatAgents(ctx.db, actor);
  const [agents, calendars] = await Promise.all([listChatAgents(scope), teamCalendars(scope)]);
  return { items: agents.map((a) => present(a, isOnlineForChat(a, calendars, now))) };
}

export async function setAgentChatCapacity(ctx: Ctx, actor: Actor, membershipId: string, capacity: number) {
  assertSetsChatCapacity(actor);
  await setCapacity(ctx, actor, membershipId, capacity, "not_found");
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const [agent] = await listChatAgents(scope, { membershipId });
  const calendars = await teamCalendars(scope);
  return present(agent as ChatAgentRow, isOnlineForChat(agent as ChatAgentRow, calendars, new Date()));
}

/**
 * One command: the person must be an agent or admin of this workspace (another workspace's or a
 * customer's membership answers `missing`: 404 for an id someone typed, 403 for oneself).
 */
async function setCapacity(
  ctx: Ctx,
  actor: Actor,
  membershipId: string,
  capacity: number,
  missing: "not_found" | "forbidden",
) {
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const target = await scope
      .selectFrom("memberships")
      .select(["id", "role", "status"])
      .where("id", "=", membershipId)
      .forUpdate()
      .executeTakeFirst();
    if (!target || (target.role !== "agent" && target.role !== "admin") || target.status !== "active")
      throw new AppError(
        missing,
        missing === "not_found" ? "Agent was not found" : "Only agents and admins take chats",
      );
    await upsertChatCapacity(scope, membershipId, capacity);
    await audit(scope, {
      actorUserId: actor.userId,
      action: "chat.capacity_set",
      subjectType: "membership",
      subjectId: membershipId,
      data: { capacity },
    });
  });
  forgetAvailability(actor.workspaceId);
}
