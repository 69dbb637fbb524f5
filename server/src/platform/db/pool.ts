import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { PreparingClient } from "./prepared.ts";
import type { Database } from "./schema.ts";

// Return bigint/count values as numbers: our counts stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type Db = Kysely<Database>;

export function createPool(
  url: string,
  max: number,
  opts: { searchPath?: string; preparedStatements?: boolean } = {},
): pg.Pool {
  const { searchPath, preparedStatements = true } = opts;
  return new pg.Pool({
    connectionString: url,
    max,
    // Repeated statements become named prepared statements (see prepared.ts).
    ...(preparedStatements ? { Client: PreparingClient } : {}),
    // Fail fast rather than queue forever when the database is gone.
    connectionTimeoutMillis: 10_000,
    ...(searchPath ? { options: `-c search_path=${searchPath}` } : {}),
  });
}

export function createDb(pool: pg.Pool): Db {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
