import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import {
  imageUploadSchema,
  passwordChangeInputSchema,
  profileInputSchema,
  profileSchema,
} from "../../../../contracts/settings.ts";
import { forgetAllActors } from "../../platform/auth/actor-cache.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { AppError, notFound } from "../../platform/http/errors.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { storeImage } from "../../platform/images.ts";
import { assertPasswordAllowed } from "../security/password-policy.ts";
import { readProfile, setAvatar, updateProfile } from "./profile.service.ts";

/**
 * Each staff member's own profile: name, picture, UI language and password. Customers have
 * the portal instead. Further sections (two-factor sign-in) belong beside these routes.
 */
export function profileRoutes(app: FastifyInstance) {
  const r = router(app);
  const self = requireActor("app.use");
  const tags = ["Accounts"];

  r.get(
    "/api/v1/me/profile",
    {
      preValidation: self,
      schema: {
        tags,
        summary: "Your profile",
        security: bearer,
        response: { 200: profileSchema, ...withNotFound },
      },
    },
    async (request) => readProfile(app.ctx, actorOf(request)),
  );

  r.patch(
    "/api/v1/me/profile",
    {
      preValidation: self,
      schema: {
        tags,
        summary: "Change your name or UI language (null follows the workspace's)",
        security: bearer,
        body: profileInputSchema,
        response: { 200: profileSchema, ...withNotFound },
      },
    },
    async (request) => {
      await updateProfile(app.ctx, actorOf(request), request.body);
      forgetAllActors(); // this process answers with the new name at once
      return readProfile(app.ctx, actorOf(request));
    },
  );

  r.put(
    "/api/v1/me/avatar",
    {
      preValidation: self,
      bodyLimit: 1_000_000,
      schema: {
        tags,
        summary: "Upload your picture (PNG, JPEG, GIF or WebP, at most 512 kB)",
        security: bearer,
        body: imageUploadSchema,
        response: { 200: profileSchema, ...withNotFound },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const image = await storeImage(app.ctx.files, actor.workspaceId, request.body.dataBase64);
      await setAvatar(app.ctx, actor, image);
      return readProfile(app.ctx, actor);
    },
  );

  r.delete(
    "/api/v1/me/avatar",
    {
      preValidation: self,
      schema: {
        tags,
        summary: "Remove your picture",
        security: bearer,
        response: { 200: profileSchema, ...withNotFound },
      },
    },
    async (request) => {
      await setAvatar(app.ctx, actorOf(request), null);
      return readProfile(app.ctx, actorOf(request));
    },
  );

  r.get(
    "/api/v1/me/avatar",
    {
      preValidation: self,
      schema: {
        tags,
        summary: "Your picture's bytes",
        security: bearer,
        response: { 200: z.any(), ...withNotFound },
      },
    },
    async (request, reply) => {
      const m = await app.ctx.db
        .selectFrom("memberships")
        .select(["avatar_key", "avatar_type"])
        .where("id", "=", actorOf(request).membershipId)
        .executeTakeFirst();
      if (!m?.avatar_key || !m.avatar_type) throw notFound("Picture");
      return reply
        .header("content-type", m.avatar_type)
        .header("cache-control", "private, max-age=86400")
        .header("x-content-type-options", "nosniff")
        .send(await app.ctx.files.read(m.avatar_key));
    },
  );

  r.post(
    "/api/v1/me/password",
    {
      preValidation: self,
      schema: {
        tags,
        summary: "Change your password (your other sessions are signed out)",
        security: bearer,
        body: passwordChangeInputSchema,
        response: { 204: z.null(), ...withNotFound },
      },
    },
    async (request, reply) => {
      if (actorOf(request).via !== "session")
        throw new AppError("forbidden", "Change your password while signed in to the app, not with a token");
      const me = actorOf(request);
      await assertPasswordAllowed(
        new TenantScope(app.ctx.db, me.workspaceId),
        request.body.newPassword,
        me,
        "newPassword",
      );
      // Better Auth checks the current password, hashes the new one and rotates the session.
      const result = await app.ctx.auth.api
        .changePassword({
          body: { ...request.body, revokeOtherSessions: true },
          headers: webHeaders(request),
          returnHeaders: true,
        })
        .catch((err: { body?: { code?: string }; status?: string }) => {
          if (err.body?.code === "INVALID_PASSWORD")
            throw new AppError("validation_failed", "The current password is not right", "currentPassword");
          throw err;
        });
      const cookies = result.headers.getSetCookie();
      if (cookies.length > 0) reply.header("set-cookie", cookies);
      return reply.status(204).send(null);
    },
  );
}

function webHeaders(request: FastifyRequest): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(request.headers))
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
  return headers;
}
