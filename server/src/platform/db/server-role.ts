import pg from "pg";
import { FENCE_ROLE } from "./fence.ts";

/**
 * The embedded database's application login is not a superuser (issue #23: "the application
 * connects as a non-superuser role").
 *
 * initdb's user (`rapport`) is the cluster's bootstrap superuser. Rapport keeps it only to
 * bootstrap: on every start it makes sure of `rapport_server`, a login role that is not a
 * superuser, cannot bypass row-level security and cannot create databases, owns the `rapport`
 * database and everything Rapport made in it, and may switch to the fence's role. The server, the
 * CLI, the job queue and the migrations all connect as `rapport_server`. A bug or an injection in
 * the app therefore cannot reach what only a superuser may: files on the server (COPY … PROGRAM,
 * pg_read_file), other databases, server settings, or another role's rights.
 *
 * Clusters made before this existed have their objects owned by `rapport`; they are handed over
 * here (REASSIGN OWNED cannot do it: the bootstrap superuser also owns the system catalogues).
 */
export const SERVER_ROLE = "rapport_server";

/** Runs as the bootstrap superuser, connected to the application database. Idempotent. */
export async function ensureServerRole(
  superuserUrl: string,
  database: string,
  password: string,
): Promise<void> {
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    await client.query(`do $$ begin
      if not exists (select 1 from pg_roles where rolname = '${SERVER_ROLE}') then
        create role ${SERVER_ROLE} login nosuperuser nobypassrls nocreatedb createrole;
      end if;
      if not exists (select 1 from pg_roles where rolname = '${FENCE_ROLE}') then
        create role ${FENCE_ROLE} nologin nosuperuser nobypassrls noinherit;
      end if;
    end $$`);
    // The password is the one in DATA_DIR/secrets.json; quoted by PostgreSQL itself.
    const { rows } = await client.query<{ stmt: string }>(
      `select format('alter role ${SERVER_ROLE} login nosuperuser nobypassrls password %L', $1::text) as stmt`,
      [password],
    );
    await client.query(rows[0]?.stmt as string);
    // The fence (fence-setup.ts) switches to its role; a CREATEROLE login may not grant a role
    // it did not create itself (PostgreSQL 16+), so the superuser grants it here.
    await client.query(`grant ${FENCE_ROLE} to ${SERVER_ROLE}`);
    await client.query(`alter database ${pg.escapeIdentifier(database)} owner to ${SERVER_ROLE}`);
    await client.query(HAND_OVER_SQL);
  } finally {
    await client.end();
  }
}

/**
 * Hands every schema, table, view, sequence, function and type the bootstrap user made in this
 * database (outside the system schemas and extensions) to the server role. Sequences that belong
 * to a table's column move with their table.
 */
const HAND_OVER_SQL = `do $$
declare
  me oid := (select oid from pg_roles where rolname = current_user);
  r record;
begin
  for r in select n.nspname from pg_namespace n
            where n.nspowner = me and n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema'
              and not exists (select 1 from pg_depend d where d.objid = n.oid and d.deptype = 'e') loop
    execute format('alter schema %I owner to ${SERVER_ROLE}', r.nspname);
  end loop;
  for r in select c.oid::regclass as rel from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relowner = me and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
              and n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema'
              and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')
              and (c.relkind <> 'S' or not exists (select 1 from pg_depend d
                    where d.objid = c.oid and d.classid = 'pg_class'::regclass and d.deptype in ('a', 'i'))) loop
    execute format('alter table %s owner to ${SERVER_ROLE}', r.rel);
  end loop;
  for r in select p.oid::regprocedure as fn from pg_proc p join pg_namespace n on n.oid = p.pronamespace
            where p.proowner = me and n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema'
              and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e') loop
    execute format('alter routine %s owner to ${SERVER_ROLE}', r.fn);
  end loop;
  for r in select t.oid::regtype as ty from pg_type t join pg_namespace n on n.oid = t.typnamespace
            where t.typowner = me and (t.typtype in ('e', 'd', 'r')
                   or (t.typtype = 'c' and (select relkind from pg_class where oid = t.typrelid) = 'c'))
              and n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema'
              and not exists (select 1 from pg_depend d where d.objid = t.oid and d.deptype = 'e') loop
    execute format('alter type %s owner to ${SERVER_ROLE}', r.ty);
  end loop;
end $$`;
