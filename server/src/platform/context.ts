import type pg from "pg";
import type PgBoss from "pg-boss";
import type { Logger } from "pino";
import type { Permission } from "../../../contracts/accounts.ts";
import type { ActorRow } from "../modules/accounts/memberships.repo.ts";
import type { Auth } from "./auth/auth.ts";
import type { Config } from "./config.ts";
import type { Db } from "./db/pool.ts";
import type { ReplicaReads } from "./db/replica.ts";
import type { FileStore } from "./storage.ts";

/** The process-wide services every route and command can use. Built once in runtime.ts. */
export type AppContext = {
  config: Config;
  log: Logger;
  pool: pg.Pool;
  db: Db;
  auth: Auth;
  boss: PgBoss;
  files: FileStore;
  /** AUTH_SECRET or the generated one: also seals stored credentials (see sealed.ts). */
  secret: string;
  /** Lag-tolerant reads: pick their executor with readDb(ctx) (db/replica.ts); unset in tests = primary. */
  replica?: ReplicaReads;
};

/** Who is making this request, in which workspace, and how they proved it. */
export type Actor = ActorRow & { via: "session" | "token"; permissions: Permission[] };

declare module "fastify" {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    actor: Actor | undefined;
  }
}
