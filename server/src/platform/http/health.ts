import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { z } from "zod";
import { errorBodySchema } from "../../../../contracts/errors.ts";
import type { RealtimeHub } from "../realtime/hub.ts";
import { errorBody } from "./errors.ts";

/**
 * Probes for orchestrators (compose, Kubernetes), which ask two different questions:
 * - "alive" (`/api/health/live`): does the process answer at all? A failure means restart it.
 *   It touches nothing else, so a database outage never gets every app process restarted.
 * - "ready" (`/api/health/ready`): may traffic come here? Migrations applied (all this code's
 *   files are recorded), the database answering, and the realtime listener connected (without
 *   it this process's sockets would miss every event and its caches could not be trusted).
 *   503 names the first failing check in `field`.
 * `/api/health` (app.ts) keeps its older meaning: the database is reachable.
 */
const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../../migrations");
/** A channel nobody notifies: hearing it is how this module learns the listener's state. */
const PROBE_CHANNEL = "rapport_ready_probe";
/** Named here so the Dockerfile and compose.yaml checks (deployment.test.ts) read the same paths. */
export const LIVE_PATH = "/api/health/live";
export const READY_PATH = "/api/health/ready";

const readySchema = z.object({
  status: z.literal("ok"),
  checks: z.object({ migrations: z.literal("ok"), database: z.literal("ok"), listener: z.literal("ok") }),
});

export function healthRoutes(app: FastifyInstance, hub: RealtimeHub) {
  // The migrations this code was built with; a process started on an older schema (another
  // process still migrating, or a failed migration) is not ready.
  const expected = fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith(".sql"));
  let listening = false;
  // A failed LISTEN here (the connection dropping, or start-up being undone) is the hub's to
  // recover: it re-listens every channel on reconnect and reports through `heard`.
  hub.hear(PROBE_CHANNEL, { notice: () => {}, heard: (heard) => (listening = heard) }).catch(() => {});

  app.get(
    LIVE_PATH,
    {
      schema: {
        tags: ["Operations"],
        summary: "200 while the process answers (liveness: restart it otherwise)",
        response: { 200: z.object({ status: z.literal("alive") }) },
      },
    },
    async () => ({ status: "alive" as const }),
  );

  app.get(
    READY_PATH,
    {
      schema: {
        tags: ["Operations"],
        summary:
          "200 when migrations are applied, the database answers and the realtime listener is connected",
        response: { 200: readySchema, 503: errorBodySchema },
      },
    },
    async (_request, reply) => {
      const notReady = (check: string, message: string) =>
        reply.status(503).send(errorBody("unavailable", `Not ready: ${message}`, check));
      let applied: Set<string>;
      try {
        const { rows } = await sql<{ name: string }>`select name from schema_migrations`.execute(app.ctx.db);
        applied = new Set(rows.map((r) => r.name));
      } catch {
        return notReady("database", "the database is not reachable");
      }
      const missing = expected.filter((f) => !applied.has(f));
      if (missing.length > 0)
        return notReady("migrations", `${missing.length} migration(s) not applied (first: ${missing[0]})`);
      if (!listening) return notReady("listener", "the realtime listener is not connected");
      return { status: "ok" as const, checks: { migrations: "ok", database: "ok", listener: "ok" } as const };
    },
  );
}
