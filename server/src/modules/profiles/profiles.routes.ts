import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import {
  agentProfileInputSchema,
  agentProfileSchema,
  caseAgentSchema,
  peopleSettingsSchema,
} from "../../../../contracts/profiles.ts";
import type { AppContext } from "../../platform/context.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { notFound } from "../../platform/http/errors.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import {
  agentPhoto,
  caseAgent,
  getPeopleSettings,
  getProfile,
  putPeopleSettings,
  putProfile,
} from "./profiles.service.ts";

const tags = ["Agent profiles"];
const agentParams = z.strictObject({ id: z.union([z.literal("me"), z.uuid()]) });
const caseParams = z.strictObject({ caseId: z.uuid() });

async function sendPhoto(ctx: AppContext, reply: FastifyReply, photo: { key: string; type: string }) {
  return reply
    .header("content-type", photo.type)
    .header("cache-control", "private, max-age=86400")
    .header("x-content-type-options", "nosniff")
    .header("content-security-policy", "sandbox")
    .send(await ctx.files.read(photo.key));
}

/** Agent profiles (issue #18): what customers see of the person answering them. */
export function profileApiRoutes(app: FastifyInstance) {
  const r = router(app);
  const staff = requireActor("app.use");

  r.get(
    "/api/v1/agents/:id/profile",
    {
      preValidation: staff,
      schema: {
        tags,
        summary: "An agent's profile (`me` for your own)",
        security: bearer,
        params: agentParams,
        response: { 200: agentProfileSchema, ...withNotFound },
      },
    },
    async (request) => getProfile(app.ctx, actorOf(request), request.params.id),
  );

  r.put(
    "/api/v1/agents/:id/profile",
    {
      preValidation: staff,
      schema: {
        tags,
        summary: "Set an agent's profile: your own, or anyone's as an admin",
        description: "The photo is the agent's own picture (`PUT /api/v1/me/avatar`).",
        security: bearer,
        params: agentParams,
        body: agentProfileInputSchema,
        response: { 200: agentProfileSchema, ...withNotFound },
      },
    },
    async (request) => putProfile(app.ctx, actorOf(request), request.params.id, request.body),
  );

  r.get(
    "/api/v1/agents/:id/photo",
    {
      preValidation: staff,
      schema: {
        tags,
        summary: "An agent's photo",
        security: bearer,
        params: agentParams,
        response: { 200: z.any(), ...withNotFound },
      },
    },
    async (request, reply) =>
      sendPhoto(app.ctx, reply, await agentPhoto(app.ctx, actorOf(request), request.params.id)),
  );

  r.get(
    "/api/v1/cases/:caseId/agent",
    {
      preValidation: requireActor(),
      schema: {
        tags,
        summary: "The agent on this case as its customer sees them: display name and photo",
        security: bearer,
        params: caseParams,
        response: { 200: caseAgentSchema, ...withNotFound },
      },
    },
    async (request) => {
      const { agent } = await caseAgent(app.ctx, actorOf(request), request.params.caseId);
      return { agent };
    },
  );

  r.get(
    "/api/v1/cases/:caseId/agent/photo",
    {
      preValidation: requireActor(),
      schema: {
        tags,
        summary: "The photo of the agent on this case",
        security: bearer,
        params: caseParams,
        response: { 200: z.any(), ...withNotFound },
      },
    },
    async (request, reply) => {
      const { photo } = await caseAgent(app.ctx, actorOf(request), request.params.caseId);
      if (!photo?.avatarKey || !photo.avatarType) throw notFound("Picture");
      return sendPhoto(app.ctx, reply, { key: photo.avatarKey, type: photo.avatarType });
    },
  );

  r.get(
    "/api/v1/settings/agents",
    {
      preValidation: staff,
      schema: {
        tags,
        summary: "Whether agents write in their own voice",
        security: bearer,
        response: { 200: peopleSettingsSchema, ...withNotFound },
      },
    },
    async (request) => getPeopleSettings(app.ctx, actorOf(request)),
  );

  r.put(
    "/api/v1/settings/agents",
    {
      preValidation: requireActor("workspace.manage"),
      schema: {
        tags,
        summary:
          "Let agents write in their own voice (their sign-off is appended); Rapport never rewrites their words",
        security: bearer,
        body: peopleSettingsSchema,
        response: { 200: peopleSettingsSchema, ...withNotFound },
      },
    },
    async (request) => putPeopleSettings(app.ctx, actorOf(request), request.body),
  );
}
