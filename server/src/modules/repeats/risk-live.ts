import type { TenantScope } from "../../platform/db/tenant.ts";
import { publish } from "../../platform/realtime/publish.ts";

/**
 * Tells open screens that a customer's at-risk state changed, so the at-risk list and the
 * customer panel's flag update without a reload. Published in the sweep's transaction: it is
 * delivered only if the new state is committed. Carries ids only; screens refetch.
 */
export async function publishRiskChange(
  scope: TenantScope,
  customerId: string,
  wasAtRisk: boolean,
  atRisk: boolean,
): Promise<void> {
  if (wasAtRisk === atRisk) return;
  await publish(scope.db, {
    workspaceId: scope.workspaceId,
    audience: { kind: "staff" },
    event: { type: "customer.risk_changed", customerId, atRisk },
  });
}
