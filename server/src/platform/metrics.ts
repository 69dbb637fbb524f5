import type { FastifyInstance } from "fastify";
import type pg from "pg";
import client from "prom-client";
import { QUEUES } from "./jobs/queue.ts";

/**
 * Prometheus metrics at GET /metrics: request latency by route, job queue depth and
 * failures, database pool use. Guarded by METRICS_TOKEN (Bearer) when set; otherwise only
 * loopback clients may read it.
 */
export function registerMetrics(app: FastifyInstance, deps: { pool: pg.Pool; token: string | undefined }) {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });

  const latency = new client.Histogram({
    name: "rapport_http_request_duration_seconds",
    help: "HTTP request latency by route",
    labelNames: ["method", "route", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    latency.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  new client.Gauge({
    name: "rapport_db_pool_connections",
    help: "Database pool connections by state",
    labelNames: ["state"],
    registers: [registry],
    collect() {
      this.set({ state: "total" }, deps.pool.totalCount);
      this.set({ state: "idle" }, deps.pool.idleCount);
      this.set({ state: "waiting" }, deps.pool.waitingCount);
    },
  });
  const queueDepth = new client.Gauge({
    name: "rapport_job_queue_depth",
    help: "Jobs waiting per queue",
    labelNames: ["queue"],
    registers: [registry],
  });
  const queueFailed = new client.Gauge({
    name: "rapport_jobs_failed",
    help: "Jobs that failed for good and are still retained, per queue",
    labelNames: ["queue"],
    registers: [registry],
  });

  // Read replicas (db/replica.ts): the last sampled replay lag, and whether lag-tolerant reads
  // are on the replica (1) or back on the primary (0: lagging, unreachable, or none configured).
  new client.Gauge({
    name: "rapport_replica_lag_seconds",
    help: "Replay lag of the read replica at the last sample (NaN when unknown or unreachable)",
    registers: [registry],
    collect() {
      const status = app.ctx.replica?.status();
      if (status?.configured) this.set(status.lagSeconds ?? Number.NaN);
      else this.set(0);
    },
  });
  new client.Gauge({
    name: "rapport_replica_reads",
    help: "1 while reports, search and public pages read from the replica, 0 while from the primary",
    registers: [registry],
    collect() {
      this.set(app.ctx.replica?.status().onReplica ? 1 : 0);
    },
  });

  app.get("/metrics", { schema: { hide: true } }, async (request, reply) => {
    const loopback = ["127.0.0.1", "::1", "::ffff:127.0.0.1"].includes(request.socket.remoteAddress ?? "");
    const allowed = deps.token
      ? request.headers.authorization === `Bearer ${deps.token}`
      : loopback && !request.headers["x-forwarded-for"];
    if (!allowed)
      return reply.status(403).send({ error: { code: "forbidden", message: "Metrics are not public" } });
    for (const name of Object.keys(QUEUES)) {
      queueDepth.set({ queue: name }, 0);
      queueFailed.set({ queue: name }, 0);
    }
    // pg-boss keeps jobs in pgboss.job; one grouped count gives both numbers for every queue.
    const counts = await deps.pool.query<{ name: string; state: string; n: number }>(
      "select name, state, count(*)::int as n from pgboss.job where state in ('created','retry','failed') group by 1, 2",
    );
    for (const row of counts.rows) {
      if (row.state === "failed") queueFailed.set({ queue: row.name }, row.n);
      else queueDepth.inc({ queue: row.name }, row.n);
    }
    reply.type(registry.contentType);
    return registry.metrics();
  });
}
