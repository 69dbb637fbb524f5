import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { idParamSchema } from "../../../../contracts/common.ts";
import {
  communityCustomerParamSchema,
  communityProfilePatchSchema,
  communityProfileSchema,
  customerCommunityRecordSchema,
} from "../../../../contracts/community.ts";
import { errorBodySchema } from "../../../../contracts/errors.ts";
import { imageUploadSchema } from "../../../../contracts/settings.ts";
import { actorOf, optionalActor, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { storeImage } from "../../platform/images.ts";
import { avatarOf, customerRecord, getProfile, setMyAvatar, updateMyProfile } from "./profiles.service.ts";
import { readerFor } from "./readers.ts";

const tags = ["Community"];
const base = "/api/v1/community";
const anyone = optionalActor();
const signedIn = requireActor();
const withConflict = { ...withNotFound, 409: errorBodySchema };

/** Community profiles and the customer panel's record; registered by communityRoutes. */
export function communityProfileRoutes(app: FastifyInstance) {
  const r = router(app);
  const reader = (request: FastifyRequest) => readerFor(app.ctx, request.actor, request.headers.host);

  r.get(
    `${base}/users/:id`,
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "A member's community profile",
        params: idParamSchema,
        response: { 200: communityProfileSchema, ...withNotFound },
      },
    },
    async (request) => getProfile(app.ctx, await reader(request), request.params.id),
  );

  r.patch(
    `${base}/users/me`,
    {
      preValidation: signedIn,
      schema: {
        tags,
        summary: "Change your community name, bio or digest rate",
        security: bearer,
        body: communityProfilePatchSchema,
        response: { 200: communityProfileSchema, ...withConflict },
      },
    },
    async (request) => updateMyProfile(app.ctx, actorOf(request), await reader(request), request.body),
  );

  r.put(
    `${base}/users/me/avatar`,
    {
      preValidation: signedIn,
      bodyLimit: 1_000_000,
      schema: {
        tags,
        summary: "Upload your community picture (PNG, JPEG, GIF or WebP, at most 512 kB)",
        security: bearer,
        body: imageUploadSchema,
        response: { 200: communityProfileSchema, ...withNotFound },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const image = await storeImage(app.ctx.files, actor.workspaceId, request.body.dataBase64);
      const id = await setMyAvatar(app.ctx, actor, image);
      return getProfile(app.ctx, await reader(request), id);
    },
  );

  r.get(
    `${base}/users/:id/avatar`,
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "A member's picture",
        params: idParamSchema,
        response: { 200: z.any(), ...withNotFound },
      },
    },
    async (request, reply) => {
      const rd = await reader(request);
      const pic = await avatarOf(app.ctx, rd.workspaceId, request.params.id);
      return reply
        .header("content-type", pic.type)
        .header("cache-control", "public, max-age=86400")
        .header("x-content-type-options", "nosniff")
        .send(await app.ctx.files.read(pic.key));
    },
  );

  r.get(
    `${base}/customers/:customerId/record`,
    {
      preValidation: requireActor("customers.read"),
      schema: {
        tags,
        summary: "The community record of a customer (for the customer panel)",
        security: bearer,
        params: communityCustomerParamSchema,
        response: { 200: customerCommunityRecordSchema, ...withNotFound },
      },
    },
    async (request) =>
      customerRecord(app.ctx, actorOf(request), await reader(request), request.params.customerId),
  );
}
