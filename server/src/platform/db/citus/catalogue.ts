import { sql } from "kysely";
import type { Db } from "../pool.ts";

/**
 * What Citus cares about in a schema, read from PostgreSQL's own catalogue (never from the
 * migration files, which say what was meant rather than what is): each table's columns, and
 * every primary key, unique constraint, unique index and foreign key with its columns.
 */
export type CatalogueTable = { schema: string; name: string; columns: string[] };

export type CatalogueKey = {
  table: string;
  name: string;
  kind: "primary key" | "unique" | "unique index" | "foreign key";
  columns: string[];
  /** For foreign keys: the referenced table and its columns, in the same order. */
  references?: { table: string; columns: string[] };
};

export type Catalogue = { tables: CatalogueTable[]; keys: CatalogueKey[] };

/** `schema.table`, or just `table` in public, quoted only where SQL needs it. */
export function qualified(schema: string, name: string): string {
  const quote = (s: string) => (/^[a-z_][a-z0-9_]*$/.test(s) ? s : `"${s.replaceAll('"', '""')}"`);
  return schema === "public" ? quote(name) : `${quote(schema)}.${quote(name)}`;
}

export async function readCatalogue(db: Db, schemas: string[]): Promise<Catalogue> {
  const tables = await sql<{ schema: string; name: string; columns: string[] }>`
    select n.nspname as schema, c.relname as name,
           array(select a.attname::text from pg_attribute a
                 where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                 order by a.attnum) as columns
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and not c.relispartition and n.nspname = any(${schemas})
    order by n.nspname, c.relname`.execute(db);

  // Constraints first; then unique indexes that back no constraint (CREATE UNIQUE INDEX), which
  // bind Citus just the same.
  const keys = await sql<{
    schema: string;
    table: string;
    name: string;
    kind: CatalogueKey["kind"];
    columns: string[];
    ref_schema: string | null;
    ref_table: string | null;
    ref_columns: string[] | null;
  }>`
    select n.nspname as schema, c.relname as table, k.conname as name,
           case k.contype when 'p' then 'primary key' when 'u' then 'unique' else 'foreign key' end as kind,
           array(select a.attname::text from unnest(k.conkey) with ordinality x(num, ord)
                 join pg_attribute a on a.attrelid = k.conrelid and a.attnum = x.num order by x.ord) as columns,
           rn.nspname as ref_schema, rc.relname as ref_table,
           case when k.contype = 'f' then
             array(select a.attname::text from unnest(k.confkey) with ordinality x(num, ord)
                   join pg_attribute a on a.attrelid = k.confrelid and a.attnum = x.num order by x.ord)
           end as ref_columns
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
    left join pg_class rc on rc.oid = k.confrelid left join pg_namespace rn on rn.oid = rc.relnamespace
    where k.contype in ('p', 'u', 'f') and n.nspname = any(${schemas})
    union all
    select n.nspname, c.relname, ic.relname, 'unique index',
           array(select a.attname::text from unnest(i.indkey::int2[]) with ordinality x(num, ord)
                 join pg_attribute a on a.attrelid = i.indrelid and a.attnum = x.num order by x.ord),
           null, null, null
    from pg_index i
    join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
    join pg_class ic on ic.oid = i.indexrelid
    where i.indisunique and n.nspname = any(${schemas})
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
    order by 1, 2, 3`.execute(db);

  return {
    tables: tables.rows.map((t) => ({
      schema: t.schema,
      name: qualified(t.schema, t.name),
      columns: t.columns,
    })),
    keys: keys.rows.map((k) => ({
      table: qualified(k.schema, k.table),
      name: k.name,
      kind: k.kind,
      columns: k.columns,
      ...(k.ref_table && k.ref_schema && k.ref_columns
        ? { references: { table: qualified(k.ref_schema, k.ref_table), columns: k.ref_columns } }
        : {}),
    })),
  };
}
