import { randomBytes } from "node:crypto";
import type { SessionInput, SessionPatch } from "../../../../../contracts/academy-sessions.ts";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { AppError, notFound } from "../../../platform/http/errors.ts";
import { audit } from "../../audit/audit.ts";
import { tellCustomer } from "./notices.ts";
import { presentSession } from "./present.ts";
import { queueReminders } from "./reminders.ts";
import { promoteWaitlisted } from "./seats.ts";
import {
  activeRegistrants,
  countConfirmed,
  findSession,
  insertSession,
  listSessions,
  type SessionRow,
  slugTaken,
} from "./sessions.repo.ts";
import { checkTimeZone } from "./times.ts";

/**
 * Staff commands on live sessions (`academy.manage`), one transaction each. Moving the time
 * bumps schedule_version, re-queues the reminders and tells every registrant with a new .ics;
 * cancelling tells them with a METHOD:CANCEL invite.
 */
type Ctx = Pick<AppContext, "db" | "boss" | "config" | "log">;

export async function listStaffSessions(ctx: Ctx, actor: Actor, when: "upcoming" | "past" | "all") {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  return (await listSessions(scope, { when })).map(presentSession);
}

export async function getStaffSession(ctx: Ctx, actor: Actor, id: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  return presentSession(await loadOne(scope, id));
}

async function loadOne(scope: TenantScope, id: string) {
  const [row] = await listSessions(scope, { when: "all", ids: [id] });
  if (!row) throw notFound("Session");
  return row;
}

export async function createSession(ctx: Ctx, actor: Actor, input: SessionInput) {
  const zone = checkTimeZone(input.hostTimeZone);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const host = input.hostMembershipId ?? actor.membershipId;
    await checkHost(scope, host);
    if (input.courseId) await checkCourse(scope, input.courseId);
    const id = await insertSession(scope, {
      slug: await freeSlug(scope, input.title),
      title: input.title,
      description: input.description,
      host_membership_id: host,
      starts_at: new Date(input.startsAt),
      host_time_zone: zone,
      duration_minutes: input.durationMinutes,
      capacity: input.capacity,
      join_url: input.joinUrl ?? null,
      course_id: input.courseId ?? null,
    });
    const session = (await findSession(scope, id)) as SessionRow;
    await queueReminders(ctx.boss, scope, session);
    return presentSession(await loadOne(scope, id));
  });
}

export async function updateSession(ctx: Ctx, actor: Actor, id: string, patch: SessionPatch) {
  const zone = patch.hostTimeZone === undefined ? undefined : checkTimeZone(patch.hostTimeZone);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const before = await findSession(scope, id, { lock: true });
    if (!before) throw notFound("Session");
    if (before.state === "cancelled")
      throw new AppError("unprocessable", "A cancelled session cannot be changed", "state");
    if (patch.hostMembershipId) await checkHost(scope, patch.hostMembershipId);
    if (patch.courseId) await checkCourse(scope, patch.courseId);
    if (patch.capacity !== undefined && patch.capacity < (await countConfirmed(scope, id))) {
      throw new AppError(
        "unprocessable",
        "Capacity cannot go below the seats already confirmed; cancel registrations first",
        "capacity",
      );
    }
    const startsAt = patch.startsAt === undefined ? before.starts_at : new Date(patch.startsAt);
    const moved =
      startsAt.getTime() !== before.starts_at.getTime() ||
      (patch.durationMinutes !== undefined && patch.durationMinutes !== before.duration_minutes);
    await scope
      .updateTable("academy_sessions")
      .set({
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.hostMembershipId !== undefined ? { host_membership_id: patch.hostMembershipId } : {}),
        ...(zone !== undefined ? { host_time_zone: zone } : {}),
        ...(patch.durationMinutes !== undefined ? { duration_minutes: patch.durationMinutes } : {}),
        ...(patch.capacity !== undefined ? { capacity: patch.capacity } : {}),
        ...(patch.joinUrl !== undefined ? { join_url: patch.joinUrl } : {}),
        ...(patch.courseId !== undefined ? { course_id: patch.courseId } : {}),
        starts_at: startsAt,
        ...(moved ? { schedule_version: before.schedule_version + 1 } : {}),
        updated_at: new Date(),
      })
      .where("id", "=", id)
      .execute();
    const after = (await findSession(scope, id)) as SessionRow;
    if (moved) {
      // Every registrant is told of a move, so who moved it is kept.
      await audit(scope, {
        actorUserId: actor.userId,
        action: "academy.session_moved",
        subjectType: "academy_session",
        subjectId: id,
        data: {
          from: before.starts_at.toISOString(),
          to: after.starts_at.toISOString(),
          durationMinutes: after.duration_minutes,
          scheduleVersion: after.schedule_version,
        },
      });
      // Reminders queued for the old time find a newer version when they run and do nothing.
      await queueReminders(ctx.boss, scope, after);
      for (const r of await activeRegistrants(scope, id)) {
        await tellCustomer(ctx, scope, after, r.customer_id, "changed", {
          confirmed: r.status === "confirmed",
        });
      }
    }
    // More seats: the waitlist moves up, in order.
    if (after.capacity > before.capacity) await promoteWaitlisted(ctx, scope, after);
    return presentSession(await loadOne(scope, id));
  });
}

export async function cancelSession(ctx: Ctx, actor: Actor, id: string) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const before = await findSession(scope, id, { lock: true });
    if (!before) throw notFound("Session");
    if (before.state === "cancelled") return presentSession(await loadOne(scope, id));
    if (before.state === "held")
      throw new AppError("unprocessable", "A session already held cannot be cancelled", "state");
    // A new version too: the CANCEL's SEQUENCE must be above the last invite's.
    await scope
      .updateTable("academy_sessions")
      .set({ state: "cancelled", schedule_version: before.schedule_version + 1, updated_at: new Date() })
      .where("id", "=", id)
      .execute();
    const after = (await findSession(scope, id)) as SessionRow;
    await audit(scope, {
      actorUserId: actor.userId,
      action: "academy.session_cancelled",
      subjectType: "academy_session",
      subjectId: id,
      data: { title: after.title, startsAt: after.starts_at.toISOString() },
    });
    for (const r of await activeRegistrants(scope, id)) {
      await tellCustomer(ctx, scope, after, r.customer_id, "cancelled", {
        confirmed: r.status === "confirmed",
      });
    }
    return presentSession(await loadOne(scope, id));
  });
}

/** The host adds the recording after the session, which marks it held. */
export async function setRecording(ctx: Ctx, actor: Actor, id: string, url: string) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const before = await findSession(scope, id, { lock: true });
    if (!before) throw notFound("Session");
    if (before.state === "cancelled")
      throw new AppError("unprocessable", "A cancelled session has no recording", "state");
    await scope
      .updateTable("academy_sessions")
      .set({ recording_url: url, state: "held", updated_at: new Date() })
      .where("id", "=", id)
      .execute();
    return presentSession(await loadOne(scope, id));
  });
}

/** The host is an active staff member of this workspace (400 naming `hostMembershipId`). */
async function checkHost(scope: TenantScope, membershipId: string) {
  const m = await scope
    .selectFrom("memberships")
    .select(["role", "status"])
    .where("id", "=", membershipId)
    .executeTakeFirst();
  if (m?.status !== "active" || m.role === "customer") {
    throw new AppError(
      "validation_failed",
      "The host must be an active staff member of this workspace",
      "hostMembershipId",
    );
  }
}

async function checkCourse(scope: TenantScope, courseId: string) {
  const c = await scope
    .selectFrom("academy_courses")
    .select("id")
    .where("id", "=", courseId)
    .executeTakeFirst();
  if (!c) throw new AppError("unprocessable", "That course does not exist in this workspace", "courseId");
}

/** A readable, unique slug from the title ("speaker-setup-q-a", then "…-3f9a" when taken). */
async function freeSlug(scope: TenantScope, title: string): Promise<string> {
  const base =
    title
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 100)
      .replace(/-+$/g, "") || "session";
  if (!(await slugTaken(scope, base))) return base;
  for (;;) {
    const slug = `${base}-${randomBytes(2).toString("hex")}`;
    if (!(await slugTaken(scope, slug))) return slug;
  }
}
