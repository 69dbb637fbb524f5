import type { TenantScope } from "../../../platform/db/tenant.ts";
import { knownIssuesFor } from "../../problems/known-issues.ts";

/**
 * Whether this customer owns a device affected by the problem: the one question proactive
 * messages ask the problems module. It answers it the way the screen pop's known issues do
 * (problems/known-issues.ts: a device whose model and firmware fall within the problem's
 * affected products, the problem not closed), so "affected" means the same in both places.
 */
export async function customerAffectedBy(
  scope: TenantScope,
  customerId: string,
  problemId: string,
): Promise<boolean> {
  const devices = await scope
    .selectFrom("devices")
    .select(["id", "model", "serial", "firmware"])
    .where("customer_id", "=", customerId)
    .execute();
  const issues = await knownIssuesFor(scope, devices);
  return issues.some((i) => i.problemId === problemId);
}
