import { sql } from "kysely";
import type { RealtimeEvent } from "../../../../contracts/realtime.ts";
import type { WidgetServerFrame } from "../../../../contracts/widget.ts";
import type { Executor } from "../db/tenant.ts";

export const REALTIME_CHANNEL = "rapport_events";

/** Who in the workspace may receive an event. Later modules add e.g. one customer. */
export type Audience = { kind: "staff" } | { kind: "user"; userId: string };

/**
 * An event for signed-in people, or a frame for one chat widget visitor (who has no account:
 * the chat module's tap delivers these to the visitor's own sockets; see hub.ts).
 */
export type Envelope =
  | { workspaceId: string; audience: Audience; event: RealtimeEvent }
  | { workspaceId: string; audience: { kind: "visitor"; visitorId: string }; event: WidgetServerFrame };

/**
 * Publishes through PostgreSQL NOTIFY. Called inside the command's transaction, the event
 * is delivered only if the transaction commits, to every app process listening.
 * NOTIFY payloads are limited to 8 kB, so events carry ids and clients fetch the rest.
 */
export async function publish(db: Executor, envelope: Envelope): Promise<void> {
  await sql`select pg_notify(${REALTIME_CHANNEL}, ${JSON.stringify(envelope)})`.execute(db);
}
