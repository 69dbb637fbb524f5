import type { AppContext } from "../../../platform/context.ts";
import { fencedJobs } from "../../../platform/jobs/fenced-jobs.ts";
import { buildExport, sweepExpiredExports } from "./export.service.ts";

/** Worker side of GDPR exports: build queued exports, and delete expired ones hourly at :29. */
export async function workCustomerExports(ctx: AppContext): Promise<void> {
  await ctx.boss.work(
    "customer.export",
    fencedJobs<{ workspaceId: string; exportId: string }>((data) => buildExport(ctx, data)),
  );
  await ctx.boss.work("customer.export.sweep", async () => {
    await sweepExpiredExports(ctx);
  });
  await ctx.boss.schedule("customer.export.sweep", "29 * * * *");
}
