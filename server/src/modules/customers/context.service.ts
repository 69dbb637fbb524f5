import { OPEN_STATUSES } from "../../../../contracts/cases.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";
import { listCases, presentCase } from "../cases/cases.repo.ts";
import { listTimeline } from "../timeline/timeline.ts";
import { findCustomer, findIdentityOwner, identitiesOf } from "./customers.repo.ts";
import { devicesOf, presentDevice } from "./devices.repo.ts";
import { currentFacts } from "./facts.repo.ts";
import { type IdentityKind, normalizeIdentity } from "./identities.ts";

type Ctx = Pick<AppContext, "db">;

/**
 * Everything known about one customer, for a screen pop, a lookup or the customer panel:
 * identities, current facts, devices, open and recent cases, and the last 50 events.
 * The reads are independent, so they run side by side.
 */
export async function customerContext(scope: TenantScope, customerId: string) {
  const customer = await findCustomer(scope, customerId);
  if (!customer) throw new AppError("not_found", "Customer was not found");
  const [identities, facts, devices, open, recent, timeline] = await Promise.all([
    identitiesOf(scope, [customerId]),
    currentFacts(scope, customerId),
    devicesOf(scope, customerId),
    listCases(scope, { statuses: OPEN_STATUSES, customerId }, undefined, 50),
    listCases(scope, { statuses: ["solved", "closed"], customerId }, undefined, 10),
    listTimeline(scope, { customerId }, { limit: 50 }),
  ]);
  return {
    customer: { id: customer.id, name: customer.name, organization: customer.organization },
    identities: identities.map(({ customerId: _c, ...i }) => i),
    facts: Object.fromEntries(facts.map((f) => [f.key, f.value])),
    devices: devices.map(presentDevice),
    openCases: open.slice(0, 50).map(presentCase),
    recentCases: recent.slice(0, 10).map(presentCase),
    timeline: timeline.items,
  };
}

/** Caller-ID and friends: find by any identity, however it is written. */
export async function lookupCustomer(
  ctx: Ctx,
  actor: Actor,
  query: { phone?: string | undefined; email?: string | undefined; account?: string | undefined },
) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const [kind, raw] = (Object.entries(query).find(([, v]) => v) ?? []) as [IdentityKind, string];
  let value: string;
  try {
    value = normalizeIdentity(kind, raw, actor.workspaceRegion, kind).value;
  } catch {
    throw new AppError("customer_not_found", `No customer has the ${kind} ${raw}`);
  }
  const owner = await findIdentityOwner(scope, kind, value);
  if (!owner) throw new AppError("customer_not_found", `No customer has the ${kind} ${raw}`);
  return customerContext(scope, owner.customerId);
}
