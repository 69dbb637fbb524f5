import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  snippetFillSchema,
  snippetInputSchema,
  snippetListSchema,
  snippetPatchSchema,
  snippetQuerySchema,
  snippetSchema,
} from "../../../../contracts/snippets.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { fillSnippet } from "./fill.service.ts";
import { createSnippet, deleteSnippet, listSnippets, updateSnippet } from "./snippets.service.ts";

const tags = ["Snippets"];
const idParams = z.strictObject({ id: z.uuid() });
const fillParams = z.strictObject({ id: z.uuid(), snippetId: z.uuid() });

/** Personal and team snippets (issue #18). Offered in the composer, never required. */
export function snippetRoutes(app: FastifyInstance) {
  const r = router(app);
  const staff = requireActor("cases.work");

  r.get(
    "/api/v1/snippets",
    {
      preValidation: staff,
      schema: {
        tags,
        summary: "Your snippets and your teams', searched by title or body (`q`)",
        security: bearer,
        querystring: snippetQuerySchema,
        response: { 200: snippetListSchema, ...withNotFound },
      },
    },
    async (request) => listSnippets(app.ctx, actorOf(request), request.query.q),
  );

  r.post(
    "/api/v1/snippets",
    {
      preValidation: staff,
      schema: {
        tags,
        summary: "Add a personal snippet, or a team's (`teamId`: the team's lead or an admin)",
        security: bearer,
        body: snippetInputSchema,
        response: { 201: snippetSchema, ...withNotFound },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createSnippet(app.ctx, actorOf(request), request.body)),
  );

  r.patch(
    "/api/v1/snippets/:id",
    {
      preValidation: staff,
      schema: {
        tags,
        summary: "Change a snippet's title or body",
        security: bearer,
        params: idParams,
        body: snippetPatchSchema,
        response: { 200: snippetSchema, ...withNotFound },
      },
    },
    async (request) => updateSnippet(app.ctx, actorOf(request), request.params.id, request.body),
  );

  r.delete(
    "/api/v1/snippets/:id",
    {
      preValidation: staff,
      schema: {
        tags,
        summary: "Delete a snippet",
        security: bearer,
        params: idParams,
        response: { 204: z.null(), ...withNotFound },
      },
    },
    async (request, reply) => {
      await deleteSnippet(app.ctx, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  r.post(
    "/api/v1/cases/:id/snippets/:snippetId/fill",
    {
      preValidation: staff,
      schema: {
        tags,
        summary:
          "A snippet filled from this case; placeholders without a value stay visible and are listed in `missing`",
        security: bearer,
        params: fillParams,
        response: { 200: snippetFillSchema, ...withNotFound },
      },
    },
    async (request) => fillSnippet(app.ctx, actorOf(request), request.params.id, request.params.snippetId),
  );
}
