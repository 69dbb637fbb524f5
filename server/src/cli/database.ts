import pino from "pino";
import { loadConfig } from "../platform/config.ts";
import type { AppContext } from "../platform/context.ts";
import { connections } from "../platform/db/direct.ts";
import { startEmbeddedPostgres } from "../platform/db/embedded.ts";
import { migrate } from "../platform/db/migrate.ts";
import { createDb, createPool } from "../platform/db/pool.ts";
import { loadOrCreateSecrets } from "../platform/secrets.ts";
import { createFileStore } from "../platform/storage.ts";

export type CliContext = Pick<AppContext, "db" | "log" | "config" | "files" | "secret"> & {
  /** The database's URL, for a command that needs more than the pool (the demo's job queue). */
  databaseUrl: string;
};

/**
 * Opens the same database the server uses (DATABASE_URL, else the embedded one, joining a
 * running server's cluster when there is one), applies migrations, runs `work`, and closes.
 */
export async function withDatabase<T>(work: (ctx: CliContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  // Only warnings go to stderr, so a command's own output stays clean for scripts.
  const log = pino({ level: "warn" }, pino.destination(2));
  const secrets = loadOrCreateSecrets(config.dataDir);
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: config.dataDir,
        port: config.embeddedPgPort,
        password: secrets.pgPassword,
        logger: log,
      });
  const databaseUrl = config.databaseUrl ?? (embedded?.url as string);
  // Behind a transaction pooler the migration lock (a session advisory lock) needs the direct URL.
  const { directUrl, transactionPooler } = connections(databaseUrl, config.databaseDirectUrl);
  const pool = createPool(databaseUrl, 4, {
    transactionPooler,
    preparedStatements: config.dbPreparedStatements,
  });
  try {
    if (transactionPooler) {
      const direct = createPool(directUrl, 1, { preparedStatements: false });
      await migrate(direct).finally(() => direct.end());
    } else await migrate(pool);
    return await work({
      db: createDb(pool),
      log,
      config,
      files: createFileStore(config),
      databaseUrl,
      // The key that seals stored secrets, as the server takes it (runtime.ts).
      secret: config.authSecret ?? secrets.authSecret,
    });
  } finally {
    await pool.end();
    await embedded?.stop();
  }
}
