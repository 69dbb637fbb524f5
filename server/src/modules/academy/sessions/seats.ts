import type { AppContext } from "../../../platform/context.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { tellCustomer } from "./notices.ts";
import { countConfirmed, firstWaitlisted, type SessionRow } from "./sessions.repo.ts";

type Ctx = Pick<AppContext, "db" | "boss" | "config" | "log">;

/**
 * Fills free seats from the waitlist, first come first served, and tells each promoted customer
 * (with the invite). The caller holds the session row's lock, so no registration can take a
 * seat between the count and the updates.
 */
export async function promoteWaitlisted(
  ctx: Ctx,
  scope: TenantScope,
  session: SessionRow,
): Promise<string[]> {
  if (session.state !== "scheduled") return [];
  const free = session.capacity - (await countConfirmed(scope, session.id));
  const next = await firstWaitlisted(scope, session.id, free);
  for (const r of next) {
    await scope
      .updateTable("academy_registrations")
      .set({ status: "confirmed", confirmed_at: new Date() })
      .where("id", "=", r.id)
      .execute();
    await tellCustomer(ctx, scope, session, r.customer_id, "promoted");
  }
  return next.map((r) => r.customer_id);
}
