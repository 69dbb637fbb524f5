import { sql } from "kysely";
import type { Db } from "../../platform/db/pool.ts";

/**
 * Which addresses Rapport accepts mail for, and for which workspace. SUPPORT_ADDRESSES are
 * given to the first workspace once it exists; admins may add more. Plus-addressing
 * (support+TOKEN@…) carries a case's reply token and resolves to the base address.
 */
export type AddressBook = {
  resolve: (
    recipient: string,
  ) => Promise<{ workspaceId: string; address: string; token: string | undefined } | undefined>;
  primary: (workspaceId: string) => Promise<string | undefined>;
};

export function splitPlus(recipient: string): { base: string; token: string | undefined } {
  const lower = recipient.trim().toLowerCase();
  const at = lower.lastIndexOf("@");
  if (at < 1) return { base: lower, token: undefined };
  const local = lower.slice(0, at);
  const domain = lower.slice(at + 1);
  const plus = local.indexOf("+");
  if (plus < 0) return { base: lower, token: undefined };
  return { base: `${local.slice(0, plus)}@${domain}`, token: local.slice(plus + 1) || undefined };
}

/** Gives SUPPORT_ADDRESSES to the first workspace, once one exists (idempotent). */
export async function seedSupportAddresses(db: Db, configured: string[]): Promise<void> {
  if (configured.length === 0) return;
  const first = await db
    .selectFrom("workspaces")
    .select("id")
    .orderBy("created_at")
    .limit(1)
    .executeTakeFirst();
  if (!first) return;
  await sql`
    insert into support_addresses (workspace_id, address)
    select ${first.id}, a from unnest(${configured}::text[]) as a
    on conflict (address) do nothing`.execute(db);
}

export function createAddressBook(db: Db, configured: string[]): AddressBook {
  let cache: { at: number; map: Map<string, string> } | undefined;

  async function load(): Promise<Map<string, string>> {
    if (cache && Date.now() - cache.at < 10_000) return cache.map;
    const first = await db
      .selectFrom("workspaces")
      .select("id")
      .orderBy("created_at")
      .limit(1)
      .executeTakeFirst();
    if (first && configured.length > 0) {
      await sql`
        insert into support_addresses (workspace_id, address)
        select ${first.id}, a from unnest(${configured}::text[]) as a
        on conflict (address) do nothing`.execute(db);
    }
    const rows = await db.selectFrom("support_addresses").select(["address", "workspace_id"]).execute();
    cache = { at: Date.now(), map: new Map(rows.map((r) => [r.address, r.workspace_id])) };
    return cache.map;
  }

  return {
    async resolve(recipient) {
      const { base, token } = splitPlus(recipient);
      const workspaceId = (await load()).get(base);
      return workspaceId ? { workspaceId, address: base, token } : undefined;
    },
    async primary(workspaceId) {
      const map = await load();
      for (const [address, ws] of map) if (ws === workspaceId) return address;
      return undefined;
    },
  };
}
