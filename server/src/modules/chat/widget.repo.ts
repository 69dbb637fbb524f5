import type { Executor, TenantScope } from "../../platform/db/tenant.ts";

/** The workspace's chat widget row (migration 0065). */
export type WidgetRow = {
  workspace_id: string;
  public_key: string;
  identity_secret: string;
  enabled: boolean;
  allowed_origins: string[];
  prechat_form: boolean;
  greeting: string;
  accent_color: string;
  team_id: string | null;
  business_calendar_id: string | null;
  missed_after_seconds: number;
  default_chat_capacity: number;
};

const columns = [
  "workspace_id",
  "public_key",
  "identity_secret",
  "enabled",
  "allowed_origins",
  "prechat_form",
  "greeting",
  "accent_color",
  "team_id",
  "business_calendar_id",
  "missed_after_seconds",
  "default_chat_capacity",
] as const;

export async function findWidget(scope: TenantScope, opts: { lock?: boolean } = {}) {
  let q = scope.selectFrom("chat_widgets").select(columns);
  if (opts.lock) q = q.forUpdate();
  return (await q.executeTakeFirst()) as WidgetRow | undefined;
}

/**
 * The widget a public key names, in whichever workspace: the key is how a host page finds its
 * workspace before any tenant is known (as an API token's hash is), and `public_key` is unique.
 */
export async function findWidgetByKey(db: Executor, publicKey: string) {
  return (await db
    .selectFrom("chat_widgets")
    .select(columns)
    .where("public_key", "=", publicKey)
    .executeTakeFirst()) as WidgetRow | undefined;
}

/** Creates the row unless another request just did; returns nothing then (read it again). */
export async function insertWidgetIfMissing(
  scope: TenantScope,
  row: { publicKey: string; sealedSecret: string },
) {
  await scope
    .insertInto("chat_widgets", { public_key: row.publicKey, identity_secret: row.sealedSecret })
    .onConflict((oc) => oc.column("workspace_id").doNothing())
    .execute();
}

export async function updateWidget(
  scope: TenantScope,
  patch: Partial<Omit<WidgetRow, "workspace_id" | "public_key">>,
): Promise<void> {
  await scope
    .updateTable("chat_widgets")
    .set({ ...patch, updated_at: new Date() })
    .execute();
}
