import { sql } from "kysely";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { createCase } from "../cases/cases.service.ts";
import { findIdentityOwner } from "../customers/customers.repo.ts";
import { linkCases } from "../problems/links.ts";
import { createProblem, updateProblem } from "../problems/problems.service.ts";
import { staffActor } from "./escalations-demo.ts";
import { sample } from "./sample.ts";

type Ctx = Pick<AppContext, "db" | "config" | "files">;
const TITLE = "Error 1013: speakers cannot reach the update server";

/**
 * The recurring Error 1013 as a problem: its cases linked, a public workaround, and the
 * Soundwave speakers below 12.5 as affected products (so Den's Five shows the known issue on
 * a screen pop). Beside it, an emerging group nobody has named yet: NetHub routers
 * rebooting every night with E4402, told five ways by four customers in the last day.
 * Runs again harmlessly: an existing problem of that title is left as it is.
 */
export async function loadProblemsDemo(ctx: Ctx, workspaceId: string): Promise<void> {
  const scope = new TenantScope(ctx.db, workspaceId);
  const exists = await scope
    .selectFrom("problems")
    .select("id")
    .where("title", "=", TITLE)
    .executeTakeFirst();
  if (exists) return;
  const agent = await staffActor(ctx, sample.staff[1].email);
  if (!agent) return;
  const problem = await createProblem(ctx, agent, {
    title: TITLE,
    description:
      "Speakers report 1013 when the router blocks UPnP or hands out a DNS server that cannot resolve " +
      "update.soundwave.example. Seen mostly after router swaps. Engineering is moving updates to plain HTTPS.",
    affectedProducts: ["Soundwave One", "Soundwave Five", "Soundwave Sub", "Soundwave Beam"].map((model) => ({
      model,
      firmware: "< 12.5",
    })),
  });
  const cases = await scope
    .selectFrom("cases")
    .select("id")
    .where(sql<boolean>`subject ilike '%1013%'`)
    .execute();
  if (cases.length > 0) {
    await linkCases(
      ctx,
      agent,
      problem.id,
      cases.map((c) => c.id),
      { reason: "same error code 1013" },
    );
  }
  await updateProblem(ctx, agent, problem.id, {
    status: "workaround_available",
    publicTitle: "Speakers show Error 1013 and cannot update",
    publicWorkaround:
      "1. Open your router's settings and turn on **UPnP**.\n" +
      "2. Set the router's DNS to automatic (or 1.1.1.1).\n" +
      "3. Restart the speaker: unplug it for 10 seconds.\n\n" +
      "A firmware update that no longer needs UPnP is on its way.",
  });
  await emergingGroup(ctx, agent, scope);
}

const EMERGING = [
  {
    email: "maria@example.com",
    subject: "NetHub restarts every night",
    body: "My NetHub AX3000 reboots at 3 am every night, the log shows E4402.",
  },
  {
    email: "den@example.net",
    subject: "Router keeps rebooting",
    body: "Router rebooted again overnight. Error E4402 in the status page.",
  },
  {
    email: "sam.lee@example.org",
    subject: "Internet drops at night",
    body: "Every night around 3 the NetHub goes down and comes back. Code 4402?",
  },
  {
    email: "aiko.tanaka@example.jp",
    subject: "NetHub error 4402",
    body: "NetHub AX1800 shows error 4402 after restarting by itself.",
  },
  {
    email: "sam.lee@example.org",
    subject: "E4402 again",
    body: "Same thing again tonight: E4402 and a reboot.",
  },
];

async function emergingGroup(ctx: Ctx, agent: Actor, scope: TenantScope) {
  for (const [i, story] of EMERGING.entries()) {
    const owner = await findIdentityOwner(scope, "email", story.email);
    if (!owner) continue;
    const c = await createCase(ctx, agent, {
      customerId: owner.customerId,
      subject: story.subject,
      message: story.body,
      channel: "email",
    });
    // Spread over the last day, so the group reads as something happening now.
    const at = new Date(Date.now() - (20 - i * 4) * 3600_000);
    await scope
      .updateTable("cases")
      .set({ created_at: at, last_activity_at: at })
      .where("id", "=", c.id)
      .execute();
  }
}
