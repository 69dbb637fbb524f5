import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  followInputSchema,
  followListSchema,
  followParamsSchema,
  followSchema,
  markReadResultSchema,
  markReadSchema,
  notificationListQuerySchema,
  notificationListSchema,
  notificationSettingsSchema,
  unsubscribeQuerySchema,
} from "../../../../../contracts/community-following.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { actorOf, requireActor } from "../../../platform/http/authenticate.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { authErrors, bearer, router, withNotFound } from "../../../platform/http/route-kit.ts";
import { findWorkspaceById } from "../../workspaces/workspaces.repo.ts";
import { follow, listFollows, unfollow } from "./follows.service.ts";
import { getDigestRate, listNotifications, markRead, setDigestRate } from "./notifications.service.ts";
import { confirmPage, donePage, invalidPage, readUnsubscribeToken } from "./unsubscribe.ts";

const tags = ["Community"];
// Anyone signed in takes part: portal customers and staff alike.
const signedIn = requireActor();
const BASE = "/api/v1/community";

/** Following, in-app notifications, email settings and the one-click unsubscribe. */
export function followingRoutes(app: FastifyInstance) {
  const r = router(app);

  r.put(
    `${BASE}/follows`,
    {
      preValidation: signedIn,
      schema: {
        tags,
        summary: "Follow a topic, category or member you can read (idempotent)",
        security: bearer,
        body: followInputSchema,
        response: { 200: followSchema, ...withNotFound },
      },
    },
    async (request) => follow(app.ctx, actorOf(request), request.body),
  );

  r.delete(
    `${BASE}/follows/:kind/:id`,
    {
      preValidation: signedIn,
      schema: {
        tags,
        summary: "Stop following (idempotent)",
        security: bearer,
        params: followParamsSchema,
        response: { 204: z.null(), ...authErrors },
      },
    },
    async (request, reply) => {
      await unfollow(app.ctx, actorOf(request), request.params.kind, request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    `${BASE}/follows`,
    {
      preValidation: signedIn,
      schema: {
        tags,
        summary: "What you follow",
        security: bearer,
        response: { 200: followListSchema, ...authErrors },
      },
    },
    async (request) => listFollows(app.ctx, actorOf(request)),
  );

  r.get(
    `${BASE}/notifications`,
    {
      preValidation: signedIn,
      schema: {
        tags,
        summary: "Your community notifications, newest first, with the unread count",
        security: bearer,
        querystring: notificationListQuerySchema,
        response: { 200: notificationListSchema, ...authErrors },
      },
    },
    async (request) =>
      listNotifications(app.ctx, actorOf(request), {
        unreadOnly: request.query.unread === "true",
        limit: request.query.limit,
      }),
  );

  r.post(
    `${BASE}/notifications/read`,
    {
      preValidation: signedIn,
      schema: {
        tags,
        summary: "Mark notifications read: the given ids, or all of them",
        security: bearer,
        body: markReadSchema,
        response: { 200: markReadResultSchema, ...authErrors },
      },
    },
    async (request) => markRead(app.ctx, actorOf(request), request.body.ids),
  );

  r.get(
    `${BASE}/notifications/settings`,
    {
      preValidation: signedIn,
      schema: {
        tags,
        summary: "How often community notifications are emailed to you",
        security: bearer,
        response: { 200: notificationSettingsSchema, ...authErrors },
      },
    },
    async (request) => getDigestRate(app.ctx, actorOf(request)),
  );

  r.put(
    `${BASE}/notifications/settings`,
    {
      preValidation: signedIn,
      schema: {
        tags,
        summary: "Email: off, instant, or a daily or weekly digest",
        security: bearer,
        body: notificationSettingsSchema,
        response: { 200: notificationSettingsSchema, ...authErrors },
      },
    },
    async (request) => setDigestRate(app.ctx, actorOf(request), request.body.digestRate),
  );

  // The unsubscribe link from community mail: no login, the signed token is the credential.
  r.get(
    `${BASE}/unsubscribe`,
    {
      schema: {
        tags,
        summary: "The unsubscribe link's confirmation page (HTML)",
        querystring: unsubscribeQuerySchema,
      },
    },
    async (request, reply) => {
      const target = readUnsubscribeToken(app.ctx.secret, request.query.token);
      const ws = target && (await findWorkspaceById(app.ctx.db, target.workspaceId));
      reply.type("text/html; charset=utf-8").header("referrer-policy", "no-referrer");
      if (!target || !ws) return reply.status(400).send(invalidPage());
      return reply.send(confirmPage(ws.name, request.query.token));
    },
  );

  // Mail clients' one-click POST (RFC 8058) sends a form body; this scope alone parses forms.
  void app.register(async (scope) => {
    for (const type of ["application/x-www-form-urlencoded", "multipart/form-data"]) {
      scope.addContentTypeParser(type, { parseAs: "string", bodyLimit: 4096 }, (_req, _body, done) =>
        done(null, {}),
      );
    }
    router(scope).post(
      `${BASE}/unsubscribe`,
      {
        schema: {
          tags,
          summary: "One-click unsubscribe (RFC 8058): turns the token's member's community email off",
          querystring: unsubscribeQuerySchema,
        },
      },
      async (request, reply) => {
        const target = readUnsubscribeToken(app.ctx.secret, request.query.token);
        if (!target) throw new AppError("validation_failed", "This unsubscribe link is not valid", "token");
        const ws = await findWorkspaceById(app.ctx.db, target.workspaceId);
        const changed = await new TenantScope(app.ctx.db, target.workspaceId)
          .updateTable("community_members")
          .set({ digest_rate: "off", updated_at: new Date() })
          .where("id", "=", target.memberId)
          .executeTakeFirst();
        if (!ws || Number(changed.numUpdatedRows) === 0)
          throw new AppError("validation_failed", "This unsubscribe link is not valid", "token");
        return reply.type("text/html; charset=utf-8").send(donePage(ws.name));
      },
    );
  });
}
