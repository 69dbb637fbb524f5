import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { updateCase } from "../cases/cases.service.ts";
import { createBusinessHours } from "../hours/hours.service.ts";
import { createPolicy } from "../sla/policies.service.ts";
import { ensureDemoTeams } from "./demo-teams.ts";
import { staffActor } from "./escalations-demo.ts";
import { sample } from "./sample.ts";

type Ctx = Pick<AppContext, "db" | "config" | "files">;
const weekdays = (start: string, end: string) =>
  [1, 2, 3, 4, 5].flatMap((day) => [
    { day, start, end: "12:30" },
    { day, start: "13:30", end },
  ]);

/**
 * Business hours for the demo's two teams, the Berlin and Los Angeles desks (demo-teams.ts),
 * chained follow-the-sun, two SLA policies
 * (urgent: 1 h first reply; everyone else: 8 business hours), and the open demo cases shared
 * between the desks, so the inbox shows SLA states. Through the services, like a person would.
 * Runs again harmlessly: a workspace that has business hours already is left as it is.
 */
export async function loadSlaDemo(ctx: Ctx, workspaceId: string): Promise<void> {
  const scope = new TenantScope(ctx.db, workspaceId);
  if (await scope.selectFrom("business_calendars").select("id").executeTakeFirst()) return;
  const admin = await staffActor(ctx, sample.staff[0].email);
  const dana = await staffActor(ctx, sample.staff[1].email);
  const marco = await staffActor(ctx, sample.staff[2].email);
  if (!admin || !dana || !marco) return;
  // Dana leads the Berlin desk: she hears of its breaches.
  const { berlin: berlinTeam, losAngeles: laTeam } = await ensureDemoTeams(ctx, admin, { dana, marco });

  const la = await createBusinessHours(ctx, admin, {
    name: "Los Angeles desk",
    teamId: laTeam,
    timezone: "America/Los_Angeles",
    periods: weekdays("08:00", "17:00"),
    holidays: ["2026-11-26", "2026-12-25", "2027-01-01"],
  });
  await createBusinessHours(ctx, admin, {
    name: "Berlin desk",
    teamId: berlinTeam,
    timezone: "Europe/Berlin",
    periods: weekdays("09:00", "18:00"),
    holidays: ["2026-12-24", "2026-12-25", "2026-12-26", "2027-01-01"],
    followOnId: la.id,
  });
  await createPolicy(ctx, admin, {
    name: "Urgent",
    position: 0,
    conditions: { priority: "urgent" },
    targets: { firstReplyMinutes: 60, nextReplyMinutes: 60, resolutionMinutes: 480 },
    calendar: "team",
  });
  await createPolicy(ctx, admin, {
    name: "Standard",
    position: 1,
    conditions: {},
    targets: { firstReplyMinutes: 480, nextReplyMinutes: 480, resolutionMinutes: 2400 },
    calendar: "team",
  });
  const open = await scope
    .selectFrom("cases")
    .select(["id", "number"])
    .where("status", "in", ["new", "open", "pending", "on_hold"])
    .where("team_id", "is", null)
    .orderBy("number")
    .execute();
  for (const [i, c] of open.entries()) {
    await updateCase(ctx, admin, c.id, {
      teamId: i % 2 === 0 ? berlinTeam : laTeam,
      ...(i % 3 === 0 ? { priority: "urgent" } : {}),
    });
  }
}
