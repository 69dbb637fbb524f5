import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { idParamSchema } from "../../../../contracts/common.ts";
import {
  notificationListQuerySchema,
  notificationListSchema,
  notificationPrefsSchema,
  readAllResultSchema,
} from "../../../../contracts/notifications.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { listNotifications, markAllRead, markRead, readPrefs, writePrefs } from "./notifications.service.ts";

const tags = ["Notifications"];
// Every staff role reads cases; customers do not, and have no bell.
const staff = requireActor("cases.read");

export function notificationsRoutes(app: FastifyInstance) {
  const r = router(app);
  r.get(
    "/api/v1/notifications",
    {
      preValidation: staff,
      schema: {
        tags,
        summary: "My notifications, newest first, with my unread count",
        description:
          "Pass `nextCursor` back as `cursor` for the next page; `unread=true` lists only unread ones.",
        security: bearer,
        querystring: notificationListQuerySchema,
        response: { 200: notificationListSchema, ...withNotFound },
      },
    },
    async (request) => listNotifications(app.ctx, actorOf(request), request.query),
  );
  r.post(
    "/api/v1/notifications/:id/read",
    {
      preValidation: staff,
      schema: {
        tags,
        summary: "Mark one of my notifications read",
        security: bearer,
        params: idParamSchema,
        response: { 200: z.object({ id: z.uuid(), unreadCount: z.number().int() }), ...withNotFound },
      },
    },
    async (request) => markRead(app.ctx, actorOf(request), request.params.id),
  );
  r.post(
    "/api/v1/notifications/read-all",
    {
      preValidation: staff,
      schema: {
        tags,
        summary: "Mark all my notifications read",
        security: bearer,
        response: { 200: readAllResultSchema, ...withNotFound },
      },
    },
    async (request) => markAllRead(app.ctx, actorOf(request)),
  );
  r.get(
    "/api/v1/notifications/preferences",
    {
      preValidation: staff,
      schema: {
        tags,
        summary: "The notification kinds I muted",
        security: bearer,
        response: { 200: notificationPrefsSchema, ...withNotFound },
      },
    },
    async (request) => readPrefs(app.ctx, actorOf(request)),
  );
  r.put(
    "/api/v1/notifications/preferences",
    {
      preValidation: staff,
      schema: {
        tags,
        summary: "Replace the notification kinds I muted",
        security: bearer,
        body: notificationPrefsSchema,
        response: { 200: notificationPrefsSchema, ...withNotFound },
      },
    },
    async (request) => writePrefs(app.ctx, actorOf(request), request.body),
  );
}
