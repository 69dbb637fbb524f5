import type { FastifyInstance } from "fastify";
import { assignStartedChat } from "../capacity/assign.ts";
import { chatCapacityRoutes } from "../capacity/capacity.routes.ts";
import { onChatStarted } from "../chat-hooks.ts";
import { widgetAvailabilityRoutes } from "./availability.routes.ts";

let listening = false;

/**
 * Availability, capacity and assignment (issue #22): the routes, and assignment by chat
 * capacity as a listener of a chat's start (registered once per process, however many apps
 * a test process builds).
 */
export function chatAvailabilityApi(app: FastifyInstance) {
  if (!listening) {
    onChatStarted(assignStartedChat);
    listening = true;
  }
  widgetAvailabilityRoutes(app);
  chatCapacityRoutes(app);
}
