import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  createdTokenSchema,
  createTokenInputSchema,
  tokenPageSchema,
} from "../../../../contracts/accounts.ts";
import { idParamSchema, pageQuerySchema } from "../../../../contracts/common.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { authErrors, bearer, iso, router, withNotFound } from "../../platform/http/route-kit.ts";
import { createApiToken, listApiTokens, revokeApiToken } from "./tokens.service.ts";

type TokenRow = { createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };
const present = <T extends TokenRow>(t: T) => ({
  ...t,
  createdAt: iso(t.createdAt),
  lastUsedAt: iso(t.lastUsedAt),
  revokedAt: iso(t.revokedAt),
});

export function tokenRoutes(app: FastifyInstance) {
  const r = router(app);

  r.get(
    "/api/v1/tokens",
    {
      preValidation: requireActor("tokens.manage"),
      schema: {
        tags: ["API tokens"],
        summary: "API tokens, newest first (admins see everyone's, others their own)",
        security: bearer,
        querystring: pageQuerySchema,
        response: { 200: tokenPageSchema, ...authErrors },
      },
    },
    async (request) => {
      const page = await listApiTokens(app.ctx, actorOf(request), request.query);
      return { ...page, items: page.items.map(present) };
    },
  );

  r.post(
    "/api/v1/tokens",
    {
      preValidation: requireActor("tokens.manage"),
      schema: {
        tags: ["API tokens"],
        summary: "Create an API token for yourself; the secret is returned once",
        security: bearer,
        body: createTokenInputSchema,
        response: { 201: createdTokenSchema, ...authErrors },
      },
    },
    async (request, reply) => {
      const created = await createApiToken(app.ctx, actorOf(request), request.body.name, request.id);
      return reply.status(201).send(present(created));
    },
  );

  r.delete(
    "/api/v1/tokens/:id",
    {
      preValidation: requireActor("tokens.manage"),
      schema: {
        tags: ["API tokens"],
        summary: "Revoke an API token; calls made with it fail from now on",
        security: bearer,
        params: idParamSchema,
        response: { 204: z.null().meta({ description: "Revoked" }), ...withNotFound },
      },
    },
    async (request, reply) => {
      await revokeApiToken(app.ctx, actorOf(request), request.params.id, request.id);
      return reply.status(204).send(null);
    },
  );
}
