import { sql } from "kysely";
import type { Executor, TenantScope } from "../../platform/db/tenant.ts";

export type VisitorRow = {
  id: string;
  workspace_id: string;
  customer_id: string | null;
  verified_user_id: string | null;
  name: string | null;
  email: string | null;
  email_verified: boolean;
  current_url: string | null;
  current_title: string | null;
  last_seen_at: Date;
  ended_at: Date | null;
};

const columns = [
  "id",
  "workspace_id",
  "customer_id",
  "verified_user_id",
  "name",
  "email",
  "email_verified",
  "current_url",
  "current_title",
  "last_seen_at",
  "ended_at",
] as const;

/**
 * The live visitor a token's hash names, in whichever workspace: like an API token, the
 * visitor token is what tells us the tenant. A shut-down visitor (logout) is gone for good.
 */
export async function findVisitorByTokenHash(db: Executor, tokenHash: string) {
  return (await db
    .selectFrom("chat_visitors")
    .select(columns)
    .where("token_hash", "=", tokenHash)
    .where("ended_at", "is", null)
    .executeTakeFirst()) as VisitorRow | undefined;
}

export async function findVisitor(scope: TenantScope, id: string) {
  return (await scope.selectFrom("chat_visitors").select(columns).where("id", "=", id).executeTakeFirst()) as
    | VisitorRow
    | undefined;
}

export async function insertVisitor(
  scope: TenantScope,
  v: {
    tokenHash: string;
    verifiedUserId: string | null;
    name: string | null;
    email: string | null;
    emailVerified: boolean;
    currentUrl: string | null;
    currentTitle: string | null;
    userAgent: string | null;
  },
) {
  return (await scope
    .insertInto("chat_visitors", {
      token_hash: v.tokenHash,
      customer_id: null,
      verified_user_id: v.verifiedUserId,
      name: v.name,
      email: v.email,
      email_verified: v.emailVerified,
      current_url: v.currentUrl,
      current_title: v.currentTitle,
      user_agent: v.userAgent,
      ended_at: null,
    })
    .returning(columns)
    .executeTakeFirstOrThrow()) as VisitorRow;
}

export async function updateVisitor(
  scope: TenantScope,
  id: string,
  set: Partial<{
    customer_id: string | null;
    verified_user_id: string | null;
    name: string | null;
    email: string | null;
    email_verified: boolean;
    current_url: string | null;
    current_title: string | null;
    last_seen_at: Date;
    ended_at: Date | null;
  }>,
): Promise<void> {
  if (Object.keys(set).length === 0) return;
  await scope.updateTable("chat_visitors").set(set).where("id", "=", id).execute();
}

/** Merges host-app attributes into the visitor's (null removes a key); returns the result. */
export async function mergeVisitorAttributes(
  scope: TenantScope,
  id: string,
  attributes: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const set = Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== null));
  const removed = Object.keys(attributes).filter((k) => attributes[k] === null);
  const row = await scope
    .updateTable("chat_visitors")
    .set({
      attributes: sql<string>`(attributes || ${JSON.stringify(set)}::jsonb) - ${removed}::text[]`,
    })
    .where("id", "=", id)
    .returning("attributes")
    .executeTakeFirst();
  return row?.attributes ?? {};
}
