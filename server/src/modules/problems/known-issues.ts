import type { AffectedProduct, KnownIssue, ProblemStatus } from "../../../../contracts/problems.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { firmwareInRange, sameModel } from "./versions.ts";
import { renderWorkaround } from "./workaround.ts";

type Device = { id: string; model: string; serial: string; firmware: string | null };

/**
 * Problems not yet closed whose affected products match one of these devices (model, and
 * firmware within the range when one is given): what the agent sees before the customer
 * explains anything. One query, and none when the customer has no devices; open problems
 * with affected products are few, so the matching is done here rather than in SQL, where
 * version ranges would need a parser of their own.
 */
export async function knownIssuesFor(scope: TenantScope, devices: Device[]): Promise<KnownIssue[]> {
  if (devices.length === 0) return [];
  const problems = await scope
    .selectFrom("problems")
    .select(["id", "number", "title", "status", "public_workaround", "affected_products"])
    .where("status", "<>", "closed")
    .where((eb) => eb(eb.fn("jsonb_array_length", ["affected_products"]), ">", 0))
    .orderBy("number", "desc")
    .limit(200)
    .execute();
  const issues: KnownIssue[] = [];
  for (const p of problems) {
    const products = p.affected_products as AffectedProduct[];
    const device = devices.find((d) =>
      products.some((a) => sameModel(a.model, d.model) && firmwareInRange(d.firmware, a.firmware)),
    );
    if (!device) continue;
    issues.push({
      problemId: p.id,
      number: Number(p.number),
      title: p.title,
      status: p.status as ProblemStatus,
      workaround: p.public_workaround,
      workaroundHtml: renderWorkaround(p.public_workaround),
      device: { id: device.id, model: device.model, serial: device.serial, firmware: device.firmware },
    });
  }
  return issues;
}
