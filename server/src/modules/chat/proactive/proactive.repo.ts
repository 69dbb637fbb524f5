import type { Insertable, Updateable } from "kysely";
import type { ProactiveMessage } from "../../../../../contracts/widget.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import type { ChatProactiveMessagesTable } from "../schema-chat.ts";

type Row = Awaited<ReturnType<typeof findProactive>>;
export type ProactiveRow = NonNullable<Row>;
export type ProactiveValues = Omit<Insertable<ChatProactiveMessagesTable>, "workspace_id">;

const columns = [
  "id",
  "name",
  "body",
  "trigger",
  "url_pattern",
  "delay_seconds",
  "event_name",
  "audience",
  "problem_id",
  "enabled",
  "updated_at",
] as const;

export function present(r: ProactiveRow): ProactiveMessage {
  return {
    id: r.id,
    name: r.name,
    body: r.body,
    trigger: r.trigger,
    urlPattern: r.url_pattern,
    delaySeconds: r.delay_seconds,
    eventName: r.event_name,
    audience: r.audience,
    problemId: r.problem_id,
    enabled: r.enabled,
    updatedAt: r.updated_at.toISOString(),
  };
}

export async function findProactive(scope: TenantScope, id: string) {
  return scope.selectFrom("chat_proactive_messages").select(columns).where("id", "=", id).executeTakeFirst();
}

export async function listProactive(scope: TenantScope, onlyEnabled = false) {
  let q = scope.selectFrom("chat_proactive_messages").select(columns);
  if (onlyEnabled) q = q.where("enabled", "=", true);
  return q.orderBy("created_at").orderBy("id").execute();
}

export async function insertProactive(scope: TenantScope, values: ProactiveValues) {
  return scope.insertInto("chat_proactive_messages", values).returning(columns).executeTakeFirstOrThrow();
}

export async function updateProactive(
  scope: TenantScope,
  id: string,
  values: Omit<Updateable<ChatProactiveMessagesTable>, "workspace_id" | "id">,
) {
  return scope
    .updateTable("chat_proactive_messages")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .returning(columns)
    .executeTakeFirst();
}

export async function deleteProactive(scope: TenantScope, id: string) {
  const r = await scope.deleteFrom("chat_proactive_messages").where("id", "=", id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
