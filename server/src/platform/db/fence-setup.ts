import type pg from "pg";
import { FENCE_ROLE, fence } from "./fence.ts";

/**
 * Raises the row-level security fence (issue #23) at the end of every migration run: the
 * policies on every table with a workspace_id (migration 0077's function, so tables added since
 * are covered), the role rapport_app that scoped queries run as, its grants, and the login
 * role's right to switch to it.
 *
 * The role owns nothing, cannot log in and does not bypass row-level security: it may read and
 * write Rapport's tables, but only the rows of the workspace its session names. Grants are
 * repeated on every run (cheap, idempotent) so tables added by later migrations are included.
 *
 * When the login role may not create roles (a managed database whose DATABASE_URL user lacks
 * CREATEROLE), Rapport still starts, with the fence down, and logs the statements an
 * administrator runs once to raise it (`fenceGrants`).
 */
export async function raiseFence(client: pg.ClientBase, log: (msg: string) => void): Promise<boolean> {
  await client.query("select rapport_fence_tenant_tables()");
  // On by default. DB_TENANT_FENCE=off is the escape hatch: the policies still exist, but scoped
  // queries keep the login role, which owns the tables and so is not subject to them. The whole
  // server suite passes with the fence up, and it costs a steady request no role switch and
  // its statements a few percent (bench/RLS.md); queries outside a TenantScope are still not
  // fenced (docs/ARCHITECTURE.md, Tenancy, "Not yet").
  if (process.env.DB_TENANT_FENCE === "off") {
    log("row-level security fence is off (DB_TENANT_FENCE=off)");
    fence.enabled = false;
    return false;
  }
  try {
    await ensureRole(client);
    await client.query(grantsSql());
    // The proof that the switch works, undone at once.
    await client.query("begin");
    await client.query(`set local role ${FENCE_ROLE}`);
    await client.query("rollback");
    fence.enabled = true;
    // The embedded database logs in as a role that is not a superuser (server-role.ts); an
    // operator's DATABASE_URL might not. Row-level security still fences the scoped queries,
    // but a superuser login can undo anything, so say so.
    const { rows } = await client.query<{ su: boolean; u: string }>(
      "select rolsuper as su, current_user as u from pg_roles where rolname = current_user",
    );
    if (rows[0]?.su)
      log(
        `the database login "${rows[0].u}" is a superuser: give Rapport a login without SUPERUSER ` +
          "that owns its database (docs/ARCHITECTURE.md, Tenancy); the embedded database does this itself",
      );
  } catch (err) {
    await client.query("rollback").catch(() => {});
    const { rows } = await client.query<{ u: string }>("select current_user as u");
    log(
      `row-level security fence is DOWN (${(err as Error).message}); TenantScope still scopes every query. ` +
        `To raise it, run as a superuser or a role with CREATEROLE:\n${fenceGrants(rows[0]?.u ?? "<login role>")}`,
    );
    fence.enabled = false;
  }
  return fence.enabled;
}

/** Every schema Rapport's tables, sequences and trigger targets live in. */
const SCHEMAS_SQL = `select nspname from pg_namespace
  where nspname not like 'pg\\_%' and nspname <> 'information_schema'`;

function grantsSql(): string {
  return `do $$
declare s record;
begin
  for s in ${SCHEMAS_SQL} loop
    execute format('grant usage on schema %I to ${FENCE_ROLE}', s.nspname);
    execute format('grant select, insert, update, delete on all tables in schema %I to ${FENCE_ROLE}', s.nspname);
    execute format('grant usage, select, update on all sequences in schema %I to ${FENCE_ROLE}', s.nspname);
    -- Objects made later by this login role (each workspace's case-number sequence) as well.
    execute format('alter default privileges in schema %I grant select, insert, update, delete on tables to ${FENCE_ROLE}', s.nspname);
    execute format('alter default privileges in schema %I grant usage, select, update on sequences to ${FENCE_ROLE}', s.nspname);
  end loop;
end $$`;
}

async function ensureRole(client: pg.ClientBase) {
  const exists = async () =>
    (await client.query("select 1 from pg_roles where rolname = $1", [FENCE_ROLE])).rowCount === 1;
  if (!(await exists())) {
    // The role is cluster-wide: another database of the cluster (a test's, a second install)
    // may create it at the same moment, so losing that race is fine.
    await client
      .query(`create role ${FENCE_ROLE} nologin nosuperuser nobypassrls noinherit`)
      .catch(async (err) => {
        if (!(await exists())) throw err;
      });
  }
  const { rows } = await client.query<{ member: boolean; su: boolean }>(
    "select pg_has_role(current_user, $1, 'MEMBER') as member, (select rolsuper from pg_roles where rolname = current_user) as su",
    [FENCE_ROLE],
  );
  if (!rows[0]?.su && !rows[0]?.member) {
    await client.query(`grant ${FENCE_ROLE} to current_user`).catch(() => {});
  }
}

/** What an administrator runs once when Rapport's login role may not create roles. */
export function fenceGrants(loginRole: string): string {
  const grants = grantsSql().replace("do $$", "do $grants$").replace("end $$", "end $grants$");
  return [
    `create role ${FENCE_ROLE} nologin nosuperuser nobypassrls noinherit;`,
    `grant ${FENCE_ROLE} to "${loginRole.replaceAll('"', '""')}";`,
    `${grants};`,
  ].join("\n");
}
