import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { AppError, notFound } from "../../../platform/http/errors.ts";
import { iso } from "../../../platform/http/route-kit.ts";
import { findCustomerForUser } from "../../customers/customers.repo.ts";
import { appendEvent } from "../../timeline/timeline.ts";
import { emitWebhookEvent } from "../../webhooks/webhooks.service.ts";
import { tellCustomer } from "./notices.ts";
import { presentForCustomer } from "./present.ts";
import { promoteWaitlisted } from "./seats.ts";
import {
  countConfirmed,
  findRegistration,
  findSession,
  listRegistrations,
  listSessions,
  type RegistrationRow,
  waitlistPosition,
} from "./sessions.repo.ts";

/**
 * Customers registering for live sessions (`portal.use`). Every change of seats locks the
 * session row first, so concurrent registrations for the last seat are decided one at a time:
 * confirmed while seats remain, waitlisted after, never oversold.
 */
type Ctx = Pick<AppContext, "db" | "boss" | "config" | "log">;

async function customerOf(scope: TenantScope, actor: Actor) {
  const customer = await findCustomerForUser(scope, actor.userId);
  if (!customer) throw new AppError("customer_not_found", "No customer record is linked to this sign-in");
  return customer;
}

const withPosition = async (scope: TenantScope, reg: RegistrationRow | undefined) =>
  reg
    ? { status: reg.status, created_at: reg.created_at, position: await waitlistPosition(scope, reg) }
    : null;

/** Registers the signed-in customer. `created` is false when they already held or awaited a seat. */
export async function register(ctx: Ctx, actor: Actor, sessionId: string) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const customer = await customerOf(scope, actor);
    const session = await findSession(scope, sessionId, { lock: true });
    if (!session) throw notFound("Session");
    if (session.state === "cancelled")
      throw new AppError("unprocessable", "This session was cancelled", "sessionId");
    const existing = await findRegistration(scope, sessionId, customer.id);
    if (existing && existing.status !== "cancelled") {
      return { created: false, registration: present(await withPosition(scope, existing)) };
    }
    const ends = session.starts_at.getTime() + session.duration_minutes * 60_000;
    if (session.state === "held" || ends <= Date.now())
      throw new AppError("unprocessable", "This session is over", "sessionId");
    const status = (await countConfirmed(scope, sessionId)) < session.capacity ? "confirmed" : "waitlisted";
    const now = new Date();
    if (existing) {
      // Coming back after cancelling: a fresh place at the end of the queue.
      await scope
        .updateTable("academy_registrations")
        .set({
          status,
          created_at: now,
          confirmed_at: status === "confirmed" ? now : null,
          cancelled_at: null,
        })
        .where("id", "=", existing.id)
        .execute();
    } else {
      await scope
        .insertInto("academy_registrations", {
          session_id: sessionId,
          customer_id: customer.id,
          status,
          created_at: now,
          confirmed_at: status === "confirmed" ? now : null,
        })
        .execute();
    }
    await appendEvent(scope, {
      customerId: customer.id,
      kind: "academy.session_registered",
      data: { sessionId, sessionTitle: session.title, status },
      doer: { userId: actor.userId, name: actor.name },
    });
    await emitWebhookEvent(scope, ctx.boss, "academy.session_registered", {
      sessionId,
      sessionTitle: session.title,
      customerId: customer.id,
      status,
    });
    await tellCustomer(
      ctx,
      scope,
      session,
      customer.id,
      status === "confirmed" ? "confirmed" : "waitlisted",
      {
        confirmed: status === "confirmed",
      },
    );
    const reg = await findRegistration(scope, sessionId, customer.id);
    return { created: true, registration: present(await withPosition(scope, reg)) };
  });
}

/** Cancels the signed-in customer's registration; a freed seat goes to the first waitlisted. */
export async function cancelMine(ctx: Ctx, actor: Actor, sessionId: string) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const customer = await customerOf(scope, actor);
    const session = await findSession(scope, sessionId, { lock: true });
    if (!session) throw notFound("Session");
    const reg = await findRegistration(scope, sessionId, customer.id);
    if (!reg || reg.status === "cancelled") throw notFound("Registration");
    await scope
      .updateTable("academy_registrations")
      .set({ status: "cancelled", cancelled_at: new Date() })
      .where("id", "=", reg.id)
      .execute();
    // Their calendar drops the event; the seat goes to the first in the waitlist.
    if (reg.status === "confirmed" && session.state === "scheduled") {
      await tellCustomer(ctx, scope, session, customer.id, "cancelled");
      await promoteWaitlisted(ctx, scope, session);
    }
    const after = await findRegistration(scope, sessionId, customer.id);
    return present(await withPosition(scope, after));
  });
}

/** Upcoming sessions with my registration, plus past ones I registered for (recordings). */
export async function mySessions(ctx: Ctx, actor: Actor) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const customer = await findCustomerForUser(scope, actor.userId);
  const mine = customer
    ? await scope
        .selectFrom("academy_registrations")
        .select(["id", "session_id", "customer_id", "status", "created_at", "attended"])
        .where("customer_id", "=", customer.id)
        .execute()
    : [];
  const byId = new Map(mine.map((r) => [r.session_id, r]));
  const upcoming = await listSessions(scope, { when: "upcoming" });
  const pastIds = mine.map((r) => r.session_id).filter((id) => !upcoming.some((s) => s.id === id));
  const past = pastIds.length ? await listSessions(scope, { when: "all", ids: pastIds }) : [];
  const rows = [...upcoming.filter((s) => s.state !== "cancelled" || byId.has(s.id)), ...past];
  return Promise.all(rows.map(async (s) => presentForCustomer(s, await withPosition(scope, byId.get(s.id)))));
}

export async function mySession(ctx: Ctx, actor: Actor, idOrSlug: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrSlug);
  const [s] = await listSessions(
    scope,
    isId ? { when: "all", ids: [idOrSlug] } : { when: "all", slug: idOrSlug },
  );
  if (!s) throw notFound("Session");
  const customer = await findCustomerForUser(scope, actor.userId);
  const reg = customer ? await findRegistration(scope, s.id, customer.id) : undefined;
  return presentForCustomer(s, await withPosition(scope, reg));
}

/** Staff: a session's registrations, confirmed first, then the waitlist in order. */
export async function registrationsOf(ctx: Ctx, actor: Actor, sessionId: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  if (!(await findSession(scope, sessionId))) throw notFound("Session");
  const rows = await listRegistrations(scope, sessionId);
  let place = 0;
  return rows.map((r) => ({
    id: r.id,
    sessionId: r.session_id,
    customer: { id: r.customer_id, name: r.customer_name, email: r.email ?? null },
    status: r.status,
    waitlistPosition: r.status === "waitlisted" ? ++place : null,
    createdAt: iso(r.created_at),
    attended: r.attended,
  }));
}

function present(
  reg: { status: RegistrationRow["status"]; created_at: Date; position: number | null } | null,
) {
  if (!reg) throw notFound("Registration");
  return { status: reg.status, waitlistPosition: reg.position, createdAt: iso(reg.created_at) };
}
