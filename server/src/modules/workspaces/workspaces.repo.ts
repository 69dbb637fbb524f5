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
    .select(["id", "name", "host", "default_locale", "logo_key", "logo_type", "brand_color"])
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

const listColumns = ["id", "name", "host", "is_demo", "created_at"] as const;

/**
 * The operator workspace: the install's first, which setup created. Unknown hosts fall back
 * to it, and only its admins manage the install's workspaces.
 */
export async function findOperatorWorkspaceId(db: Executor): Promise<string | undefined> {
  const row = await db
    .selectFrom("workspaces")
    .select("id")
    .orderBy("created_at")
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

export async function listAllWorkspaces(db: Executor) {
  return db.selectFrom("workspaces").select(listColumns).orderBy("created_at").orderBy("id").execute();
}

export async function findWorkspaceById(db: Executor, id: string) {
  return db.selectFrom("workspaces").select(listColumns).where("id", "=", id).executeTakeFirst();
}

/** Whether another workspace already claims this host (host names are unique per install). */
export async function hostTaken(db: Executor, host: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom("workspaces").select("id").where("host", "=", host);
  if (exceptId) q = q.where("id", "!=", exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertWorkspaceWithHost(db: Executor, name: string, host: string) {
  return db
    .insertInto("workspaces")
    .values({ name, host })
    .returning(["id", "name", "host"])
    .executeTakeFirstOrThrow();
}

export async function updateWorkspaceRow(
  db: Executor,
  id: string,
  changes: { name?: string; host?: string | null },
) {
  return db.updateTable("workspaces").set(changes).where("id", "=", id).executeTakeFirst();
}

/** The host this workspace claims, if any: the base of the links its mail carries. */
export async function findWorkspaceHost(db: Executor, id: string): Promise<string | null> {
  const row = await db.selectFrom("workspaces").select("host").where("id", "=", id).executeTakeFirst();
  return row?.host ?? null;
}

/** The workspace's business language (the help center's default article locale). */
export async function findWorkspaceLocale(db: Executor, id: string): Promise<string> {
  const row = await db
    .selectFrom("workspaces")
    .select("default_locale")
    .where("id", "=", id)
    .executeTakeFirst();
  return row?.default_locale ?? "en";
}
