import type pg from "pg";
import type { Logger } from "pino";
import { createDb, createPool, type Db } from "./pool.ts";
import { type LagSample, sampleLag } from "./replica-lag.ts";

/**
 * Read replicas (issue #25): DATABASE_REPLICA_URL names a streaming standby that serves the
 * read-only work which tolerates a few seconds of staleness: reports, analytics, exports,
 * search, public help and community pages. Those call sites take their executor from
 * `readDb(ctx)`; everything else (writes, a page read right after its own write, any read in a
 * transaction) keeps `ctx.db`, the primary.
 *
 * A sampler looks at the standby's replay lag every REPLICA_CHECK_SECONDS. While the lag is past
 * REPLICA_MAX_LAG_SECONDS, unknown, or the standby does not answer, `readDb` hands out the
 * primary instead, so a stalled replica costs load on the primary, never a report days out of
 * date. Without DATABASE_REPLICA_URL there is no second pool and no sampler: `readDb` is the
 * primary, and a one-machine install behaves exactly as before.
 */
export type ReplicaStatus = {
  /** DATABASE_REPLICA_URL is set. */
  configured: boolean;
  /** Lag-tolerant reads go to the replica right now. */
  onReplica: boolean;
  /** The last sampled replay lag; null when unknown or the replica did not answer. */
  lagSeconds: number | null;
  reachable: boolean;
};

export class ReplicaReads {
  readonly #primary: Db;
  readonly #replica: { pool: pg.Pool; db: Db } | undefined;
  readonly #maxLagSeconds: number;
  readonly #log: Logger | undefined;
  #status: ReplicaStatus;

  constructor(opts: {
    primary: Db;
    replica?: { pool: pg.Pool; db: Db };
    maxLagSeconds: number;
    log?: Logger;
  }) {
    this.#primary = opts.primary;
    this.#replica = opts.replica;
    this.#maxLagSeconds = opts.maxLagSeconds;
    this.#log = opts.log;
    // Until the first sample says otherwise, reads stay on the primary.
    this.#status = {
      configured: Boolean(opts.replica),
      onReplica: false,
      lagSeconds: null,
      reachable: false,
    };
  }

  /** The executor for lag-tolerant reads right now. */
  db(): Db {
    return this.#status.onReplica && this.#replica ? this.#replica.db : this.#primary;
  }

  status(): ReplicaStatus {
    return { ...this.#status };
  }

  /** Samples the replica's lag once and decides where reads go until the next sample. */
  async check(timeoutMs = 2_000): Promise<ReplicaStatus> {
    if (!this.#replica) return this.status();
    this.#apply(await sampleLag(this.#replica.pool, timeoutMs));
    return this.status();
  }

  async close(): Promise<void> {
    this.#status = { ...this.#status, onReplica: false };
    await this.#replica?.pool.end();
  }

  #apply(sample: LagSample) {
    const before = this.#status.onReplica;
    if (!sample.reachable) {
      this.#status = { configured: true, onReplica: false, lagSeconds: null, reachable: false };
      if (before) this.#log?.warn({ err: sample.error }, "read replica unreachable; reads go to the primary");
      return;
    }
    if (!sample.standby && !this.#status.reachable)
      this.#log?.warn("DATABASE_REPLICA_URL is not a standby (not in recovery); reading from it anyway");
    const lag = sample.lagSeconds;
    const onReplica = lag !== null && lag <= this.#maxLagSeconds;
    this.#status = { configured: true, onReplica, lagSeconds: lag, reachable: true };
    if (before && !onReplica)
      this.#log?.warn(
        { lagSeconds: lag, maxLagSeconds: this.#maxLagSeconds },
        "read replica lags past the bound; reads go to the primary",
      );
    if (!before && onReplica) this.#log?.info({ lagSeconds: lag }, "reads go to the read replica");
  }
}

/**
 * The replica's pool and its sampler, or (no DATABASE_REPLICA_URL) a router that always answers
 * with the primary. The first sample is taken before this returns, so a healthy replica serves
 * from the first request. `stop` ends the sampler and the replica's pool.
 */
export async function startReplicaReads(opts: {
  url: string | undefined;
  primary: Db;
  maxLagSeconds: number;
  checkSeconds: number;
  poolMax: number;
  preparedStatements: boolean;
  log: Logger;
}): Promise<{ reads: ReplicaReads; stop: () => Promise<void> }> {
  if (!opts.url) {
    const reads = new ReplicaReads({ primary: opts.primary, maxLagSeconds: opts.maxLagSeconds });
    return { reads, stop: async () => {} };
  }
  const pool = createPool(opts.url, opts.poolMax, {
    preparedStatements: opts.preparedStatements,
    onIdleError: (err) => opts.log.warn({ err }, "read replica connection lost while idle; reconnecting"),
  });
  const reads = new ReplicaReads({
    primary: opts.primary,
    replica: { pool, db: createDb(pool) },
    maxLagSeconds: opts.maxLagSeconds,
    log: opts.log,
  });
  const intervalMs = opts.checkSeconds * 1000;
  // Never longer than the interval, never so short that a busy standby looks unreachable.
  const timeoutMs = Math.max(1_000, Math.min(intervalMs, 5_000));
  const first = await reads.check(timeoutMs);
  if (!first.reachable) opts.log.warn("read replica unreachable at start; reads go to the primary");
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  // One sample at a time: the next is scheduled when the previous has answered or timed out.
  const schedule = () => {
    timer = setTimeout(() => {
      running = reads.check(timeoutMs).finally(() => {
        if (!stopped) schedule();
      });
    }, intervalMs);
    timer.unref();
  };
  schedule();
  return {
    reads,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
      await reads.close();
    },
  };
}

/**
 * Where a lag-tolerant read runs: the replica while it keeps up, else the primary. Inside a
 * transaction it is always that transaction (a command reads what it has just written).
 */
export function readDb(ctx: { db: Db; replica?: ReplicaReads | undefined }): Db {
  if (ctx.db.isTransaction || !ctx.replica) return ctx.db;
  return ctx.replica.db();
}

/** The same context with `db` picked by readDb: for a service that only reads, lag-tolerant. */
export function readContext<C extends { db: Db; replica?: ReplicaReads | undefined }>(ctx: C): C {
  return { ...ctx, db: readDb(ctx) };
}
