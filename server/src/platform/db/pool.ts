import { Kysely } from "kysely";
import pg from "pg";
import { FencedDialect, FencingClient } from "./fence.ts";
import { PreparingClient } from "./prepared.ts";
import type { Database } from "./schema.ts";

// Return bigint/count values as numbers: our counts stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type Db = Kysely<Database>;

export function createPool(
  url: string,
  max: number,
  opts: {
    searchPath?: string;
    preparedStatements?: boolean;
    onIdleError?: (err: Error) => void;
    /** `url` is a transaction pooler (PgBouncer): the fence keeps no session state (fence.ts). */
    transactionPooler?: boolean;
  } = {},
): pg.Pool {
  const { searchPath, preparedStatements = true, transactionPooler = false } = opts;
  const config: pg.PoolConfig & { transactionPooler: boolean } = {
    connectionString: url,
    max,
    // Repeated statements become named prepared statements (see prepared.ts); every client
    // switches to the tenancy fence for scoped queries (see fence.ts).
    Client: preparedStatements ? PreparingClient : FencingClient,
    // pg-pool hands its options to each client's constructor, where FencingClient reads this.
    transactionPooler,
    // Fail fast rather than queue forever when the database is gone.
    connectionTimeoutMillis: 10_000,
    ...(searchPath ? { options: `-c search_path=${searchPath}` } : {}),
  };
  const pool = new pg.Pool(config);
  // An idle connection that the server ends (PostgreSQL restarting, an administrator
  // terminating it) makes the pool emit "error"; without a listener that is an uncaught
  // exception that takes the whole process down. The pool has already dropped the client and
  // opens a new one for the next query, so it is only worth a log line.
  pool.on("error", (err) => opts.onIdleError?.(err));
  return pool;
}

export function createDb(pool: pg.Pool): Db {
  return new Kysely<Database>({ dialect: new FencedDialect({ pool }) });
}
