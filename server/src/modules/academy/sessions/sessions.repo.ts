import { sql } from "kysely";
import type { TenantScope } from "../../../platform/db/tenant.ts";

/** SQL of live sessions and their registrations; every query through the caller's TenantScope. */

export type SessionRow = {
  id: string;
  workspace_id: string;
  slug: string;
  title: string;
  description: string;
  host_membership_id: string | null;
  starts_at: Date;
  host_time_zone: string;
  duration_minutes: number;
  capacity: number;
  join_url: string | null;
  recording_url: string | null;
  course_id: string | null;
  state: "scheduled" | "cancelled" | "held";
  schedule_version: number;
  created_at: Date;
  updated_at: Date;
};

export type SessionWithCounts = SessionRow & {
  host_name: string | null;
  confirmed: number;
  waitlisted: number;
};

/**
 * One session. `lock` takes the row FOR NO KEY UPDATE: every change of its seats (register,
 * cancel, promote) holds it, so two registrations for the last seat are decided one at a time
 * while inserts that refer to the row (key-share locks) are not blocked.
 */
export async function findSession(
  scope: TenantScope,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<SessionRow | undefined> {
  let q = scope.selectFrom("academy_sessions").selectAll().where("id", "=", id);
  if (opts.lock) q = q.forNoKeyUpdate();
  return (await q.executeTakeFirst()) as SessionRow | undefined;
}

/** Sessions with their host's name and seat counts, soonest first (latest first for the past). */
export async function listSessions(
  scope: TenantScope,
  filter: { when: "upcoming" | "past" | "all"; ids?: string[]; slug?: string; now?: Date },
): Promise<SessionWithCounts[]> {
  const now = filter.now ?? new Date();
  let q = scope
    .selectFrom("academy_sessions")
    .leftJoin("memberships as m", "m.id", "academy_sessions.host_membership_id")
    .leftJoin("auth.user as u", "u.id", "m.user_id")
    .selectAll("academy_sessions")
    .select((eb) => [
      "u.name as host_name",
      eb
        .selectFrom("academy_registrations as r")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("r.session_id", "=", "academy_sessions.id")
        .where("r.status", "=", "confirmed")
        .as("confirmed"),
      eb
        .selectFrom("academy_registrations as r")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("r.session_id", "=", "academy_sessions.id")
        .where("r.status", "=", "waitlisted")
        .as("waitlisted"),
    ]);
  // Upcoming includes a session under way: its end is still ahead.
  if (filter.when === "upcoming")
    q = q.where(
      sql<boolean>`academy_sessions.starts_at + make_interval(mins => academy_sessions.duration_minutes) > ${now}`,
    );
  if (filter.when === "past")
    q = q.where(
      sql<boolean>`academy_sessions.starts_at + make_interval(mins => academy_sessions.duration_minutes) <= ${now}`,
    );
  if (filter.ids)
    q = q.where(
      "academy_sessions.id",
      "in",
      filter.ids.length ? filter.ids : ["00000000-0000-0000-0000-000000000000"],
    );
  if (filter.slug !== undefined) q = q.where("academy_sessions.slug", "=", filter.slug);
  const rows = await q
    .orderBy("academy_sessions.starts_at", filter.when === "past" ? "desc" : "asc")
    .limit(500)
    .execute();
  return rows.map((r) => ({
    ...r,
    confirmed: r.confirmed ?? 0,
    waitlisted: r.waitlisted ?? 0,
  })) as SessionWithCounts[];
}

export type NewSession = {
  slug: string;
  title: string;
  description: string;
  host_membership_id: string;
  starts_at: Date;
  host_time_zone: string;
  duration_minutes: number;
  capacity: number;
  join_url: string | null;
  course_id: string | null;
};

export async function insertSession(scope: TenantScope, values: NewSession): Promise<string> {
  const row = await scope.insertInto("academy_sessions", values).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function slugTaken(scope: TenantScope, slug: string): Promise<boolean> {
  const row = await scope
    .selectFrom("academy_sessions")
    .select("id")
    .where("slug", "=", slug)
    .executeTakeFirst();
  return Boolean(row);
}

export async function countConfirmed(scope: TenantScope, sessionId: string): Promise<number> {
  const row = await scope
    .selectFrom("academy_registrations")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("session_id", "=", sessionId)
    .where("status", "=", "confirmed")
    .executeTakeFirstOrThrow();
  return row.n;
}

export type RegistrationRow = {
  id: string;
  session_id: string;
  customer_id: string;
  status: "confirmed" | "waitlisted" | "cancelled";
  created_at: Date;
  attended: boolean | null;
};

export async function findRegistration(
  scope: TenantScope,
  sessionId: string,
  customerId: string,
): Promise<RegistrationRow | undefined> {
  return scope
    .selectFrom("academy_registrations")
    .select(["id", "session_id", "customer_id", "status", "created_at", "attended"])
    .where("session_id", "=", sessionId)
    .where("customer_id", "=", customerId)
    .executeTakeFirst();
}

/** 1-based place in the waitlist (created_at, then id, the order seats are offered in). */
export async function waitlistPosition(scope: TenantScope, reg: RegistrationRow): Promise<number | null> {
  if (reg.status !== "waitlisted") return null;
  const row = await scope
    .selectFrom("academy_registrations")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("session_id", "=", reg.session_id)
    .where("status", "=", "waitlisted")
    .where((eb) =>
      eb.or([
        eb("created_at", "<", reg.created_at),
        eb.and([eb("created_at", "=", reg.created_at), eb("id", "<=", reg.id)]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return row.n;
}

/** The first waitlisted registrations, in the order they joined. */
export async function firstWaitlisted(scope: TenantScope, sessionId: string, limit: number) {
  if (limit <= 0) return [];
  return scope
    .selectFrom("academy_registrations")
    .select(["id", "customer_id"])
    .where("session_id", "=", sessionId)
    .where("status", "=", "waitlisted")
    .orderBy("created_at")
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** A session's registrations with the customer's name and first email. */
export async function listRegistrations(scope: TenantScope, sessionId: string) {
  return scope
    .selectFrom("academy_registrations")
    .innerJoin("customers as c", "c.id", "academy_registrations.customer_id")
    .select((eb) => [
      "academy_registrations.id",
      "academy_registrations.session_id",
      "academy_registrations.customer_id",
      "academy_registrations.status",
      "academy_registrations.created_at",
      "academy_registrations.attended",
      "c.name as customer_name",
      eb
        .selectFrom("customer_identities as i")
        .select("i.value")
        .whereRef("i.customer_id", "=", "academy_registrations.customer_id")
        .where("i.kind", "=", "email")
        .orderBy("i.created_at")
        .limit(1)
        .as("email"),
    ])
    .where("academy_registrations.session_id", "=", sessionId)
    .orderBy(sql`array_position(array['confirmed', 'waitlisted', 'cancelled'], academy_registrations.status)`)
    .orderBy("academy_registrations.created_at")
    .orderBy("academy_registrations.id")
    .execute();
}

/** Customers holding or waiting for a seat: who is told of a time change or a cancellation. */
export async function activeRegistrants(scope: TenantScope, sessionId: string) {
  return scope
    .selectFrom("academy_registrations")
    .select(["customer_id", "status"])
    .where("session_id", "=", sessionId)
    .where("status", "in", ["confirmed", "waitlisted"])
    .orderBy("created_at")
    .execute();
}

/** The address to write to: the customer's first deliverable email, if any. */
export async function customerMailbox(
  scope: TenantScope,
  customerId: string,
): Promise<{ name: string; email: string } | null> {
  const row = await scope
    .selectFrom("customer_identities")
    .innerJoin("customers as c", "c.id", "customer_identities.customer_id")
    .select(["c.name", "customer_identities.value as email"])
    .where("customer_identities.customer_id", "=", customerId)
    .where("customer_identities.kind", "=", "email")
    .where("customer_identities.undeliverable", "is", null)
    .orderBy("customer_identities.created_at")
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}
