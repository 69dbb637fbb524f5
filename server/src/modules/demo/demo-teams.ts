import type { Actor, AppContext } from "../../platform/context.ts";
import { createTeam, listTeams } from "../teams/teams.service.ts";

type Ctx = Pick<AppContext, "db">;

/**
 * The demo's two teams, in two time zones, as the issue asks ("business hours across two teams
 * in different zones"). Routing sends to them, the SLA desks' hours and policies count in their
 * calendars, and the Berlin desk shares the team snippets. Dana leads Berlin (she hears of its
 * breaches and writes its snippets); Marco, who covers Europe's evening from California, leads
 * Los Angeles and helps Berlin out.
 */
export const DEMO_TEAMS = { berlin: "Berlin desk", losAngeles: "Los Angeles desk" } as const;

export type DemoTeams = { berlin: string; losAngeles: string };

/** Both teams' ids, made once through the teams service; a team that exists is left as it is. */
export async function ensureDemoTeams(
  ctx: Ctx,
  admin: Actor,
  people: { dana: Actor; marco: Actor },
): Promise<DemoTeams> {
  const { dana, marco } = people;
  const wanted = [
    { key: "berlin", name: DEMO_TEAMS.berlin, memberIds: [dana, marco], leadIds: [dana] },
    { key: "losAngeles", name: DEMO_TEAMS.losAngeles, memberIds: [marco], leadIds: [marco] },
  ] as const;
  const ids: Partial<DemoTeams> = {};
  for (const t of wanted) {
    const find = async () => (await listTeams(ctx, admin)).items.find((x) => x.name === t.name)?.id;
    let id = await find();
    if (!id) {
      await createTeam(ctx, admin, {
        name: t.name,
        memberIds: t.memberIds.map((m) => m.membershipId),
        leadIds: t.leadIds.map((m) => m.membershipId),
      });
      id = await find();
    }
    if (!id) throw new Error(`demo team ${t.name} could not be made`);
    ids[t.key] = id;
  }
  return ids as DemoTeams;
}
