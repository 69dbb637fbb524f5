import type { FastifyInstance } from "fastify";
import { assignStartedChat } from "../capacity/assign.ts";
import { chatCapacityRoutes } from "../capacity/capacity.routes.ts";
import { onChatStarted } from "../chat-hooks.ts";
import { deflectionRoutes } from "../deflection/deflection.routes.ts";
import { endHelpSessionsOnChat } from "../deflection/deflection.service.ts";
import { offlineRoutes } from "../offline/offline.routes.ts";
import { transcriptRoutes } from "../transcript/transcript.routes.ts";
import { widgetAvailabilityRoutes } from "./availability.routes.ts";

let listening = false;

/**
 * Availability, capacity and assignment, offline continuation, transcripts and help before a
 * chat (issue #22): the routes, and the listeners of a chat's start (assignment by chat
 * capacity; the visitor's help sessions end as "case") (registered once per process, however many apps
 * a test process builds).
 */
export function chatAvailabilityApi(app: FastifyInstance) {
  if (!listening) {
    onChatStarted(assignStartedChat);
    onChatStarted(endHelpSessionsOnChat);
    listening = true;
  }
  widgetAvailabilityRoutes(app);
  chatCapacityRoutes(app);
  offlineRoutes(app);
  transcriptRoutes(app);
  deflectionRoutes(app);
}
