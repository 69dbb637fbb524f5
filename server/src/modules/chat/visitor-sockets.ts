import type { WebSocket } from "ws";
import type { WidgetServerFrame } from "../../../../contracts/widget.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import type { RealtimeHub } from "../../platform/realtime/hub.ts";
import { type Envelope, publish } from "../../platform/realtime/publish.ts";
import { visitorsOfConversation } from "./visitor-presence.ts";

/**
 * This process's widget sockets, by visitor id. One hub tap serves them all: a frame for a
 * visitor costs one Map lookup however many widgets are connected, instead of every socket
 * inspecting every event. Frames travel by NOTIFY like staff events, so the visitor's socket
 * may be on any process.
 */
export class VisitorSockets {
  private readonly byVisitor = new Map<string, Set<WebSocket>>();
  private readonly stopTap: () => void;

  constructor(hub: RealtimeHub) {
    this.stopTap = hub.tap((envelope: Envelope) => {
      if (envelope.audience.kind !== "visitor") return;
      const sockets = this.byVisitor.get(envelope.audience.visitorId);
      if (!sockets) return;
      const frame = JSON.stringify(envelope.event);
      // A shut-down visitor (logout on the host site) hears why, then its sockets close.
      const ended = envelope.event.type === "error" && envelope.event.code === "unauthenticated";
      for (const socket of sockets) {
        if (socket.readyState === socket.OPEN) socket.send(frame);
        if (ended) socket.close(4401, "visitor ended");
      }
    });
  }

  add(visitorId: string, socket: WebSocket): () => void {
    let set = this.byVisitor.get(visitorId);
    if (!set) {
      set = new Set();
      this.byVisitor.set(visitorId, set);
    }
    set.add(socket);
    return () => {
      const current = this.byVisitor.get(visitorId);
      current?.delete(socket);
      if (current?.size === 0) this.byVisitor.delete(visitorId);
    };
  }

  get size(): number {
    let n = 0;
    for (const set of this.byVisitor.values()) n += set.size;
    return n;
  }

  close(): void {
    this.stopTap();
    for (const set of this.byVisitor.values()) for (const s of set) s.close(1001, "server shutting down");
    this.byVisitor.clear();
  }
}

/** Publishes a frame (in the caller's transaction) to every device of the conversation's visitor. */
export async function publishToVisitor(scope: TenantScope, visitorId: string, frame: WidgetServerFrame) {
  for (const id of await visitorsOfConversation(scope, visitorId))
    await publish(scope.db, {
      workspaceId: scope.workspaceId,
      audience: { kind: "visitor", visitorId: id },
      event: frame,
    });
}
