import { z } from "zod";

/**
 * Live sessions of the academy (issue #21): staff schedule them, customers register through the
 * portal (a waitlist fills freed seats in order), the host records attendance.
 * Times are absolute instants (ISO 8601 with an offset) plus the host's IANA time zone, which
 * the server checks with luxon (400 naming `hostTimeZone`).
 */

const httpsUrl = z
  .url({ protocol: /^https$/, error: "must be an https:// address" })
  .max(2000)
  .meta({ description: "An https:// address" });

export const SESSION_STATES = ["scheduled", "cancelled", "held"] as const;
export const REGISTRATION_STATUSES = ["confirmed", "waitlisted", "cancelled"] as const;

export const sessionInputSchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  description: z.string().max(20000).default(""),
  hostMembershipId: z.uuid().optional().meta({ description: "A staff member; the caller when absent" }),
  startsAt: z.iso
    .datetime({
      offset: true,
      error: "must be an ISO 8601 instant with a zone offset, e.g. 2026-12-01T15:00:00Z",
    })
    .meta({ description: "The start as an absolute instant (ISO 8601 with Z or an offset)" }),
  hostTimeZone: z
    .string()
    .min(1)
    .max(64)
    .meta({ description: "The host's IANA time zone, e.g. Europe/Paris" }),
  durationMinutes: z.number().int().min(5).max(1440),
  capacity: z.number().int().min(1).max(100000),
  joinUrl: httpsUrl.nullable().optional(),
  courseId: z.uuid().nullable().optional(),
});
export type SessionInput = z.infer<typeof sessionInputSchema>;

export const sessionPatchSchema = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(20000).optional(),
  hostMembershipId: z.uuid().optional(),
  startsAt: z.iso
    .datetime({
      offset: true,
      error: "must be an ISO 8601 instant with a zone offset, e.g. 2026-12-01T15:00:00Z",
    })
    .optional(),
  hostTimeZone: z.string().min(1).max(64).optional(),
  durationMinutes: z.number().int().min(5).max(1440).optional(),
  capacity: z.number().int().min(1).max(100000).optional(),
  joinUrl: httpsUrl.nullable().optional(),
  courseId: z.uuid().nullable().optional(),
});
export type SessionPatch = z.infer<typeof sessionPatchSchema>;

export const recordingInputSchema = z.strictObject({ url: httpsUrl });

export const sessionSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  host: z.object({ membershipId: z.uuid(), name: z.string() }).nullable(),
  startsAt: z.iso.datetime(),
  hostTimeZone: z.string(),
  durationMinutes: z.number().int(),
  capacity: z.number().int(),
  seatsTaken: z.number().int(),
  seatsLeft: z.number().int(),
  waitlisted: z.number().int(),
  joinUrl: z.string().nullable(),
  recordingUrl: z.string().nullable(),
  courseId: z.uuid().nullable(),
  state: z.enum(SESSION_STATES),
  scheduleVersion: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Session = z.infer<typeof sessionSchema>;

export const sessionListQuerySchema = z.strictObject({
  when: z.enum(["upcoming", "past", "all"]).default("upcoming"),
});
export const sessionListSchema = z.object({ items: z.array(sessionSchema) });

export const registrationSchema = z.object({
  id: z.uuid(),
  sessionId: z.uuid(),
  customer: z.object({ id: z.uuid(), name: z.string(), email: z.string().nullable() }),
  status: z.enum(REGISTRATION_STATUSES),
  /** 1-based place in the waitlist, for waitlisted registrations. */
  waitlistPosition: z.number().int().nullable(),
  createdAt: z.iso.datetime(),
  attended: z.boolean().nullable(),
});
export type Registration = z.infer<typeof registrationSchema>;
export const registrationListSchema = z.object({ items: z.array(registrationSchema) });

export const attendanceInputSchema = z.strictObject({
  customerIds: z.array(z.uuid()).min(1).max(1000),
  attended: z.boolean(),
});
export const attendanceResultSchema = z.object({
  marked: z.number().int(),
  /** Customers given who have no registration on this session. */
  notRegistered: z.array(z.uuid()),
});
export const attendanceImportResultSchema = z.object({
  marked: z.number().int(),
  /** Emails of the file that match no registered customer (reported, not fatal). */
  unknownEmails: z.array(z.string()),
});

/** What a signed-in customer sees of a session and their own registration. */
export const mySessionSchema = z.object({
  session: z.object({
    id: z.uuid(),
    slug: z.string(),
    title: z.string(),
    description: z.string(),
    hostName: z.string().nullable(),
    startsAt: z.iso.datetime(),
    hostTimeZone: z.string(),
    durationMinutes: z.number().int(),
    seatsLeft: z.number().int(),
    state: z.enum(SESSION_STATES),
    /** Only for confirmed registrations. */
    joinUrl: z.string().nullable(),
    recordingUrl: z.string().nullable(),
  }),
  registration: z
    .object({
      status: z.enum(REGISTRATION_STATUSES),
      waitlistPosition: z.number().int().nullable(),
      createdAt: z.iso.datetime(),
    })
    .nullable(),
});
export type MySession = z.infer<typeof mySessionSchema>;
export const mySessionListSchema = z.object({ items: z.array(mySessionSchema) });

export const myRegistrationSchema = z.object({
  status: z.enum(REGISTRATION_STATUSES),
  waitlistPosition: z.number().int().nullable(),
  createdAt: z.iso.datetime(),
});

/** The public pages' data (server-rendered /academy/sessions and /academy/sessions/<slug>). */
export const publicSessionSchema = z.object({
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  hostName: z.string().nullable(),
  startsAt: z.iso.datetime(),
  hostTimeZone: z.string(),
  /** The start in the host's zone, formatted on the server ("Tue 1 Dec 2026, 16:00 CET"). */
  hostTime: z.string(),
  /** The start in UTC, formatted on the server: what readers without JavaScript see. */
  utcTime: z.string(),
  durationMinutes: z.number().int(),
  seatsLeft: z.number().int(),
  state: z.enum(SESSION_STATES),
});
export type PublicSession = z.infer<typeof publicSessionSchema>;
export type AcademySessionsPageData =
  | { page: "sessionList"; workspaceName: string; sessions: PublicSession[] }
  | { page: "session"; workspaceName: string; session: PublicSession }
  | { page: "notFound"; workspaceName: string };
