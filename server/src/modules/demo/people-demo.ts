import { permissionsOf } from "../../platform/auth/permissions.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { findActorForUser } from "../accounts/memberships.repo.ts";
import { findUserByEmail } from "../accounts/users.repo.ts";
import { putProfile } from "../profiles/profiles.service.ts";
import { createSnippet } from "../snippets/snippets.service.ts";
import { ensureDemoTeams } from "./demo-teams.ts";
import { sample } from "./sample.ts";

type Ctx = Pick<AppContext, "db">;

/** How the demo agents present themselves to customers (issue #18). */
const profiles = {
  "priya@soundwave.example": {
    displayName: "Priya",
    bio: "Runs support at Soundwave. Ask me about anything that is taking too long.",
    languages: ["en", "hi"],
    signOff: "Best,\nPriya",
  },
  "dana@soundwave.example": {
    displayName: "Dana",
    bio: "Speakers, routers and the update server are my thing. Eight years on the support desk.",
    languages: ["en", "fr"],
    signOff: "Cheers,\nDana",
  },
  "marco@soundwave.example": {
    displayName: "Marco",
    bio: "Home cinema and subwoofers. I answer in English and Italian.",
    languages: ["en", "it"],
    signOff: "A presto,\nMarco",
  },
} as const;

const personal = [
  {
    title: "Replacement on its way",
    body: "Hi {{customer.first_name}},\n\nA replacement is on its way to:\n{{fact.address}}\n\nYou will get the tracking number by email.",
  },
  {
    title: "Error 1013: restart the router",
    body: "Hi {{customer.first_name}}, error 1013 means the speaker could not reach the update server. Please restart your router, wait two minutes, then try the update again.",
  },
];
const team = [
  {
    title: "Thanks for waiting",
    body: "Hi {{customer.first_name}}, thank you for your patience with case #{{case.number}}. I have picked it up and will reply within the day.",
  },
  {
    title: "Closing the case",
    body: "Hi {{customer.first_name}}, since everything works again I am closing case #{{case.number}}. Just reply to this email if it comes back.",
  },
];

async function actorFor(ctx: Ctx, email: string): Promise<Actor | undefined> {
  const user = await findUserByEmail(ctx.db, email);
  const row = user ? await findActorForUser(ctx.db, user.id, undefined) : undefined;
  return row ? { ...row, via: "session", permissions: permissionsOf(row.role) } : undefined;
}

/**
 * Agent profiles with bios and sign-offs, a few personal snippets for Dana and the Berlin desk's
 * shared ones (written by Dana, its lead; demo-teams.ts). Through the services; a second run changes nothing.
 */
export async function loadPeopleDemo(ctx: Ctx, workspaceId: string) {
  const scope = new TenantScope(ctx.db, workspaceId);
  const actors = new Map<string, Actor>();
  for (const s of sample.staff) {
    const a = await actorFor(ctx, s.email);
    if (a && a.workspaceId === workspaceId) actors.set(s.email, a);
  }
  for (const [email, profile] of Object.entries(profiles)) {
    const a = actors.get(email);
    if (!a) continue;
    const has = await scope
      .selectFrom("agent_profiles")
      .select("membership_id")
      .where("membership_id", "=", a.membershipId)
      .executeTakeFirst();
    if (!has) await putProfile(ctx, a, "me", { ...profile, languages: [...profile.languages] });
  }
  const admin = actors.get("priya@soundwave.example");
  const dana = actors.get("dana@soundwave.example");
  const marco = actors.get("marco@soundwave.example");
  if (!admin || !dana || !marco) return;

  const exists = (title: string) =>
    scope.selectFrom("snippets").select("id").where("title", "=", title).executeTakeFirst();
  for (const s of personal) if (!(await exists(s.title))) await createSnippet(ctx, dana, s);

  const { berlin } = await ensureDemoTeams(ctx, admin, { dana, marco });
  for (const s of team)
    if (!(await exists(s.title))) await createSnippet(ctx, dana, { ...s, teamId: berlin });
}
