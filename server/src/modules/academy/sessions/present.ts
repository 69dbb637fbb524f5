import type { MySession, PublicSession, Session } from "../../../../../contracts/academy-sessions.ts";
import { iso } from "../../../platform/http/route-kit.ts";
import type { SessionWithCounts } from "./sessions.repo.ts";
import { inUtc, inZone } from "./times.ts";

/** Rows as the API shows them: staff see everything, customers and strangers less. */

export function presentSession(s: SessionWithCounts): Session {
  return {
    id: s.id,
    slug: s.slug,
    title: s.title,
    description: s.description,
    host: s.host_membership_id ? { membershipId: s.host_membership_id, name: s.host_name ?? "" } : null,
    startsAt: iso(s.starts_at),
    hostTimeZone: s.host_time_zone,
    durationMinutes: s.duration_minutes,
    capacity: s.capacity,
    seatsTaken: s.confirmed,
    seatsLeft: Math.max(0, s.capacity - s.confirmed),
    waitlisted: s.waitlisted,
    joinUrl: s.join_url,
    recordingUrl: s.recording_url,
    courseId: s.course_id,
    state: s.state,
    scheduleVersion: s.schedule_version,
    createdAt: iso(s.created_at),
    updatedAt: iso(s.updated_at),
  };
}

export function presentForCustomer(
  s: SessionWithCounts,
  reg: { status: "confirmed" | "waitlisted" | "cancelled"; created_at: Date; position: number | null } | null,
): MySession {
  const confirmed = reg?.status === "confirmed";
  return {
    session: {
      id: s.id,
      slug: s.slug,
      title: s.title,
      description: s.description,
      hostName: s.host_name,
      startsAt: iso(s.starts_at),
      hostTimeZone: s.host_time_zone,
      durationMinutes: s.duration_minutes,
      seatsLeft: Math.max(0, s.capacity - s.confirmed),
      state: s.state,
      // The join link is for those holding a seat; the recording for everyone registered.
      joinUrl: confirmed && s.state !== "cancelled" ? s.join_url : null,
      recordingUrl: reg && reg.status !== "cancelled" ? s.recording_url : null,
    },
    registration: reg
      ? { status: reg.status, waitlistPosition: reg.position, createdAt: iso(reg.created_at) }
      : null,
  };
}

export function presentPublic(s: SessionWithCounts): PublicSession {
  return {
    slug: s.slug,
    title: s.title,
    description: s.description,
    hostName: s.host_name,
    startsAt: iso(s.starts_at),
    hostTimeZone: s.host_time_zone,
    hostTime: inZone(s.starts_at, s.host_time_zone),
    utcTime: inUtc(s.starts_at),
    durationMinutes: s.duration_minutes,
    seatsLeft: Math.max(0, s.capacity - s.confirmed),
    state: s.state,
  };
}
