import { sql } from "kysely";
import type { Executor } from "../../platform/db/tenant.ts";

/** Workspaces are the tenants themselves, so these queries are the only unscoped ones. */
export async function countWorkspaces(db: Executor): Promise<number> {
  const row = await db
    .selectFrom("workspaces")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The workspace whose public pages a host serves: the one claiming that host, else the
 * first one created (a single-workspace install answers on any host).
 */
export async function findWorkspaceForHost(db: Executor, host: string | undefined) {
  const hostname = host?.split(":")[0]?.toLowerCase() ?? "";
  return db
    .selectFrom("workspaces")
    .select(["id", "name", "default_locale"])
    .orderBy(sql`host is not distinct from ${hostname}`, "desc")
    .orderBy("created_at")
    .limit(1)
    .executeTakeFirst();
}

export async function findWorkspaceByName(db: Executor, name: string) {
  return db.selectFrom("workspaces").select(["id", "name"]).where("name", "=", name).executeTakeFirst();
}

export async function insertWorkspace(db: Executor, name: string) {
  return db.insertInto("workspaces").values({ name }).returning(["id", "name"]).executeTakeFirstOrThrow();
}

/** Serialises first-run setup so two browsers racing cannot both create "the" workspace. */
export async function lockSetup(db: Executor): Promise<void> {
  await sql`select pg_advisory_xact_lock(7246002)`.execute(db);
}
