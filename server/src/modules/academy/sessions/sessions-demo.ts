import { DateTime } from "luxon";
import type { AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";

/**
 * The demo's live sessions (issue #21): an upcoming one next week, hosted from New York, with a
 * few customers registered, and last month's, held, with its recording and attendance. Written
 * directly (no mail, no reminder jobs: the demo CLI has no job queue); only into a workspace
 * without sessions, so a second `npm run demo` adds nothing.
 */
type Ctx = Pick<AppContext, "db">;

export async function loadSessionsDemo(ctx: Ctx, workspaceId: string): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, workspaceId);
    if (await scope.selectFrom("academy_sessions").select("id").executeTakeFirst()) return;
    const host = await scope
      .selectFrom("memberships")
      .select("id")
      .where("role", "in", ["agent", "admin"])
      .where("status", "=", "active")
      .orderBy("role", "desc")
      .orderBy("created_at")
      .executeTakeFirst();
    const customers = await scope
      .selectFrom("customers")
      .select("id")
      .where("merged_into", "is", null)
      .orderBy("created_at")
      .limit(4)
      .execute();
    const nextWeek = DateTime.now()
      .setZone("America/New_York")
      .plus({ days: 7 })
      .set({ hour: 11, minute: 0, second: 0, millisecond: 0 });
    const upcoming = await scope
      .insertInto("academy_sessions", {
        slug: "getting-the-most-from-your-speakers-live",
        title: "Getting the most from your speakers: live Q&A",
        description:
          "An hour with our audio team: placement, room correction, pairing a subwoofer, and your questions. Free for every customer.",
        host_membership_id: host?.id ?? null,
        starts_at: nextWeek.toJSDate(),
        host_time_zone: "America/New_York",
        duration_minutes: 60,
        capacity: 40,
        join_url: "https://meet.example.com/speakers-live",
        course_id: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const lastMonth = DateTime.now()
      .setZone("Europe/London")
      .minus({ days: 30 })
      .set({ hour: 16, minute: 0, second: 0, millisecond: 0 });
    const held = await scope
      .insertInto("academy_sessions", {
        slug: "error-1013-explained-live",
        title: "Error 1013 explained: updates, UPnP and your router",
        description: "Why an update fails with Error 1013 and the three router settings that fix it.",
        host_membership_id: host?.id ?? null,
        starts_at: lastMonth.toJSDate(),
        host_time_zone: "Europe/London",
        duration_minutes: 45,
        capacity: 100,
        join_url: "https://meet.example.com/error-1013",
        recording_url: "https://video.example.com/academy/error-1013-explained",
        state: "held",
        course_id: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const [i, c] of customers.entries()) {
      await scope
        .insertInto("academy_registrations", {
          session_id: upcoming.id,
          customer_id: c.id,
          status: "confirmed",
          confirmed_at: new Date(),
        })
        .execute();
      if (i < 2) {
        await scope
          .insertInto("academy_registrations", {
            session_id: held.id,
            customer_id: c.id,
            status: "confirmed",
            created_at: lastMonth.minus({ days: 5 }).toJSDate(),
            confirmed_at: lastMonth.minus({ days: 5 }).toJSDate(),
            attended: i === 0,
            attendance_marked_at: lastMonth.plus({ hours: 1 }).toJSDate(),
          })
          .execute();
      }
    }
  });
}
