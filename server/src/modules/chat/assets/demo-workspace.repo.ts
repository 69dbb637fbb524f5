import type { Executor } from "../../../platform/db/tenant.ts";

/** The demo workspace (`npm run demo`), for the sample shop page; none without a demo. */
export async function demoWorkspace(db: Executor) {
  return db.selectFrom("workspaces").select(["id", "name"]).where("is_demo", "=", true).executeTakeFirst();
}
