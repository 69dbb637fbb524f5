import type { FastifyInstance } from "fastify";
import type { RealtimeHub } from "../../platform/realtime/hub.ts";
import { widgetAdminRoutes } from "./widget-admin.routes.ts";
import { widgetPublicRoutes } from "./widget-public.routes.ts";

/** The chat widget's server core (issue #22): admin settings and the widget's own API. */
export function chatWidgetApi(app: FastifyInstance, _hub: RealtimeHub) {
  widgetAdminRoutes(app);
  widgetPublicRoutes(app);
}
