import type { FastifyInstance } from "fastify";
import type { RealtimeHub } from "../../platform/realtime/hub.ts";
import { registerChatReplyChannel } from "./chat-reply-channel.ts";
import { chatStaffRoutes } from "./chat-staff.routes.ts";
import { VisitorSockets } from "./visitor-sockets.ts";
import { widgetAdminRoutes } from "./widget-admin.routes.ts";
import { widgetPublicRoutes } from "./widget-public.routes.ts";
import { widgetSocketRoutes } from "./widget-socket.routes.ts";

/**
 * The chat widget's server core (issue #22): admin settings, the widget's own API and socket,
 * the chat beside a case, and the "chat" reply channel (agents' replies go to the widget).
 */
export function chatWidgetApi(app: FastifyInstance, hub: RealtimeHub) {
  registerChatReplyChannel();
  const sockets = new VisitorSockets(hub);
  app.addHook("onClose", async () => sockets.close());
  widgetAdminRoutes(app);
  widgetPublicRoutes(app);
  widgetSocketRoutes(app, sockets);
  chatStaffRoutes(app);
}
