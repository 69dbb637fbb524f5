import { sql } from "kysely";
import type { RealtimeEvent } from "../../../../contracts/realtime.ts";
import type { Executor } from "../db/tenant.ts";

export const REALTIME_CHANNEL = "rapport_events";

/** Who in the workspace may receive an event. Later modules add e.g. one customer. */
export type Audience = { kind: "staff" } | { kind: "user"; userId: string };

export type Envelope = { workspaceId: string; audience: Audience; event: RealtimeEvent };

/**
 * Publishes through PostgreSQL NOTIFY. Called inside the command's transaction, the event
 * is delivered only if the transaction commits, to every app process listening.
 * NOTIFY payloads are limited to 8 kB, so events carry ids and clients fetch the rest.
 */
export async function publish(db: Executor, envelope: Envelope): Promise<void> {
  await sql`select pg_notify(${REALTIME_CHANNEL}, ${JSON.stringify(envelope)})`.execute(db);
}
