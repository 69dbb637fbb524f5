import type { AppContext } from "../../../platform/context.ts";
import { buildExport, sweepExpiredExports } from "./export.service.ts";

/** Worker side of GDPR exports: build queued exports, and delete expired ones hourly at :29. */
export async function workCustomerExports(ctx: AppContext): Promise<void> {
  await ctx.boss.work("customer.export", async (jobs) => {
    for (const job of jobs) await buildExport(ctx, job.data as { workspaceId: string; exportId: string });
  });
  await ctx.boss.work("customer.export.sweep", async () => {
    await sweepExpiredExports(ctx);
  });
  await ctx.boss.schedule("customer.export.sweep", "29 * * * *");
}
