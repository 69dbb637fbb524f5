import { sql } from "kysely";
import type { TenantScope } from "../../platform/db/tenant.ts";

/** An agent's signature in this workspace; empty when they have none. */
export async function findSignature(scope: TenantScope, userId: string): Promise<string> {
  const row = await scope
    .selectFrom("agent_signatures")
    .select("body")
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row?.body ?? "";
}

/** An empty body removes the signature. */
export async function saveSignature(scope: TenantScope, userId: string, body: string) {
  if (!body) {
    await scope.deleteFrom("agent_signatures").where("user_id", "=", userId).execute();
    return;
  }
  await scope
    .insertInto("agent_signatures", { user_id: userId, body })
    .onConflict((oc) => oc.columns(["workspace_id", "user_id"]).doUpdateSet({ body, updated_at: sql`now()` }))
    .execute();
}

/**
 * An email reply's markdown with its author's signature below the conventional "-- " line.
 * Added when the mail is sent, not stored: the conversation shows what the agent wrote.
 */
export async function withAgentSignature(scope: TenantScope, authorUserId: string | null, body: string) {
  const signature = authorUserId ? await findSignature(scope, authorUserId) : "";
  return signature ? `${body}\n\n-- \n${signature}` : body;
}
