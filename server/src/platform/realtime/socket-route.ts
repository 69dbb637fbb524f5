import type { FastifyInstance } from "fastify";
import { presenceMessageSchema } from "../../../../contracts/realtime.ts";
import { trackStaffSocket } from "../../modules/chat/presence/heartbeat.ts";
import { mustEnrolFirst } from "../../modules/security/two-factor-gate.ts";
import { isStaffRole } from "../auth/permissions.ts";
import { resolveActor } from "../http/authenticate.ts";
import type { RealtimeHub } from "./hub.ts";
import { publish } from "./publish.ts";

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
    // Required 2FA (issue #23): no workspace events before this person has enrolled.
    if (actor.via === "session" && (await mustEnrolFirst(app.ctx.db, actor))) {
      socket.close(4403, "two_factor_required");
      return;
    }
    const remove = hub.add({
      workspaceId: actor.workspaceId,
      userId: actor.userId,
      isStaff: isStaffRole(actor.role),
      socket,
    });
    const staff = isStaffRole(actor.role);
    // Agents online for chat (issue #22): a heartbeat row while this staff socket lives.
    const leavePresence = staff ? trackStaffSocket(app.ctx.db, request.log, actor) : undefined;
    let lastCase: string | undefined;
    // Staff say which case they are viewing or replying to; everyone else sees it (collision notice).
    const announce = (caseId: string, state: "viewing" | "replying" | "left") =>
      publish(app.ctx.db, {
        workspaceId: actor.workspaceId,
        audience: { kind: "staff" },
        event: { type: "presence", caseId, userId: actor.userId, name: actor.name, state },
      }).catch((err) => request.log.warn({ err }, "presence not published"));
    socket.on("message", (raw: Buffer) => {
      if (!staff) return;
      let parsed: ReturnType<typeof presenceMessageSchema.safeParse>;
      try {
        parsed = presenceMessageSchema.safeParse(JSON.parse(raw.toString("utf8")));
      } catch {
        return;
      }
      if (!parsed.success) return;
      if (lastCase && lastCase !== parsed.data.caseId) void announce(lastCase, "left");
      lastCase = parsed.data.state === "left" ? undefined : parsed.data.caseId;
      void announce(parsed.data.caseId, parsed.data.state);
    });
    socket.on("close", () => {
      remove();
      leavePresence?.();
      if (lastCase) void announce(lastCase, "left");
    });
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
