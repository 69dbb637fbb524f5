import type { FastifyInstance } from "fastify";
import { isStaffRole } from "../auth/permissions.ts";
import { resolveActor } from "../http/authenticate.ts";
import type { RealtimeHub } from "./hub.ts";

/**
 * GET /api/v1/realtime upgrades to a WebSocket that pushes workspace events to signed-in
 * people (staff get workspace-wide events; everyone gets events addressed to them).
 * Browsers cannot set headers on a WebSocket, so the session cookie authenticates; API
 * clients may send a Bearer token instead. A cross-site page must not open a socket with
 * our cookie, so a browser's Origin must be ours.
 */
export function realtimeRoutes(app: FastifyInstance, hub: RealtimeHub) {
  app.get("/api/v1/realtime", { websocket: true, schema: { hide: true } }, async (socket, request) => {
    const origin = request.headers.origin;
    const sameOrigin =
      !origin ||
      origin === new URL(app.ctx.config.publicUrl).origin ||
      originMatchesHost(origin, request.headers.host);
    const actor = sameOrigin ? await resolveActor(request).catch(() => undefined) : undefined;
    if (!actor) {
      socket.close(4401, "unauthenticated");
      return;
    }
    const remove = hub.add({
      workspaceId: actor.workspaceId,
      userId: actor.userId,
      isStaff: isStaffRole(actor.role),
      socket,
    });
    socket.on("close", remove);
    socket.send(JSON.stringify({ type: "hello", workspaceId: actor.workspaceId }));
  });
}

function originMatchesHost(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
