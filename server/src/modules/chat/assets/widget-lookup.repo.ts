import type { Executor } from "../../../platform/db/tenant.ts";

/**
 * The widget a public key names, for serving its frame. The key is what finds the workspace
 * (as for GET /api/v1/widget/config), so this one read is not through a TenantScope: there is
 * no tenant yet. Only the columns the frame's headers need.
 */
export async function widgetByKey(db: Executor, key: string) {
  return db
    .selectFrom("chat_widgets")
    .select(["workspace_id", "enabled", "allowed_origins"])
    .where("public_key", "=", key)
    .executeTakeFirst();
}

/** The demo workspace's widget (`npm run demo`), for the sample product page; none without a demo. */
export async function demoWidget(db: Executor) {
  return db
    .selectFrom("workspaces as w")
    .innerJoin("chat_widgets as cw", "cw.workspace_id", "w.id")
    .select(["w.name", "cw.public_key"])
    .where("w.is_demo", "=", true)
    .where("cw.enabled", "=", true)
    .executeTakeFirst();
}
