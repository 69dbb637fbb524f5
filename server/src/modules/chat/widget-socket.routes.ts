import type { FastifyInstance } from "fastify";
import type { RawData } from "ws";
import { type WidgetServerFrame, widgetClientFrameSchema } from "../../../../contracts/widget.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";
import {
  visitorAttributes,
  visitorPage,
  visitorRead,
  visitorSeen,
  visitorTyping,
} from "./chat-live.service.ts";
import { sendVisitorMessage } from "./conversation.service.ts";
import { openConversationOf } from "./conversations.repo.ts";
import { originAllowed } from "./origins.ts";
import { chatLimits, limitMessage } from "./rate-limits.ts";
import { visitorForToken } from "./visitor-auth.ts";
import type { VisitorSockets } from "./visitor-sockets.ts";
import { findVisitor, type VisitorRow } from "./visitors.repo.ts";
import { findWidget } from "./widget.repo.ts";

/** How long a new socket may stay silent before it must have sent its `auth` frame. */
const AUTH_WITHIN_MS = 10_000;

/**
 * GET /api/v1/widget/socket: the widget's live connection (frames in contracts/widget.ts,
 * docs/widget-protocol.md). A browser cannot put headers on a WebSocket and the widget has no
 * cookie, so the first frame carries the visitor token (`auth`); anything else first closes the
 * socket with 4401. Frames of one socket are handled in order, so acks come back in the order
 * the messages were sent.
 */
export function widgetSocketRoutes(app: FastifyInstance, sockets: VisitorSockets) {
  app.get("/api/v1/widget/socket", { websocket: true, schema: { hide: true } }, (socket, request) => {
    const ctx = app.ctx;
    let visitor: VisitorRow | undefined;
    let remove: (() => void) | undefined;
    const send = (frame: WidgetServerFrame) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
    };
    const refuse = (reason: string) => socket.close(4401, reason);
    const authTimer = setTimeout(() => {
      if (!visitor) refuse("auth expected");
    }, AUTH_WITHIN_MS);

    const handle = async (raw: RawData) => {
      let json: unknown;
      try {
        json = JSON.parse(raw.toString());
      } catch {
        if (!visitor) return refuse("the first frame must be auth");
        return send({ type: "error", code: "invalid_json", message: "A frame must be JSON" });
      }
      const parsed = widgetClientFrameSchema.safeParse(json);
      if (!parsed.success) {
        if (!visitor) return refuse("the first frame must be auth");
        const issue = parsed.error.issues[0];
        const field = issue?.path.join(".") || "type";
        return send({
          type: "error",
          code: "validation_failed",
          message: `${field}: ${issue?.message}`,
          field,
        });
      }
      const frame = parsed.data;
      if (!visitor) {
        if (frame.type !== "auth") return refuse("the first frame must be auth");
        const found = await visitorForToken(request, frame.token);
        if (!found) return refuse("unknown or ended visitor");
        const widget = await findWidget(new TenantScope(ctx.db, found.workspace_id));
        if (widget && !originAllowed(app, request, widget)) {
          send({
            type: "error",
            code: "origin_not_allowed",
            message: `This chat widget may not be used on ${request.headers.origin}`,
            field: "origin",
          });
          return socket.close(4403, "origin not allowed");
        }
        visitor = found;
        clearTimeout(authTimer);
        remove = sockets.add(found.id, socket);
        await visitorSeen(ctx, found);
        const open = await openConversationOf(new TenantScope(ctx.db, found.workspace_id), found);
        return send({ type: "ready", conversationId: open?.id ?? null });
      }
      switch (frame.type) {
        case "auth":
          return send({ type: "error", code: "conflict", message: "This socket is already authenticated" });
        case "message": {
          // Read again: the name may have changed since the socket opened, or the session ended.
          const current = await findVisitor(new TenantScope(ctx.db, visitor.workspace_id), visitor.id);
          if (!current || current.ended_at) return refuse("visitor ended");
          visitor = current;
          limitMessage(current.id, request.ip);
          const message = await sendVisitorMessage(ctx, current, frame.text);
          return send({ type: "ack", clientId: frame.clientId, message });
        }
        case "typing":
          if (chatLimits.signalsPerVisitor.hit(visitor.id) > 0) return;
          return visitorTyping(ctx, visitor, frame.typing);
        case "read":
          if (chatLimits.signalsPerVisitor.hit(visitor.id) > 0) return;
          return visitorRead(ctx, visitor);
        case "page":
          if (chatLimits.signalsPerVisitor.hit(visitor.id) > 0) return;
          return visitorPage(ctx, visitor, { url: frame.url, title: frame.title });
        case "attributes":
          if (chatLimits.signalsPerVisitor.hit(visitor.id) > 0) return;
          return visitorAttributes(ctx, visitor, frame.attributes);
        case "ping":
          await visitorSeen(ctx, visitor);
          return send({ type: "pong" });
      }
    };

    let queue = Promise.resolve();
    socket.on("message", (raw: RawData) => {
      queue = queue.then(() =>
        handle(raw).catch((err: unknown) => {
          if (err instanceof AppError)
            return send({
              type: "error",
              code: err.code,
              message: err.message,
              ...(err.field ? { field: err.field } : {}),
            });
          request.log.error({ err }, "widget socket frame failed");
          send({ type: "error", code: "internal", message: "Something went wrong on our side" });
        }),
      );
    });
    socket.on("close", () => {
      clearTimeout(authTimer);
      remove?.();
    });
  });
}
