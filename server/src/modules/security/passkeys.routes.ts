import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { passkeyIdParamSchema, passkeyListSchema } from "../../../../contracts/passkeys.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { myPasskeys, removePasskey } from "./passkeys.service.ts";

/**
 * Issue #23, sign-in: your passkeys. Adding one and signing in with one are Better Auth's
 * passkey endpoints (/api/auth/passkey/*), since the browser's authenticator must answer them.
 */
export function passkeyRoutes(app: FastifyInstance) {
  const r = router(app);
  const self = requireActor("app.use");
  const tags = ["Security"];

  r.get(
    "/api/v1/me/passkeys",
    {
      preValidation: self,
      schema: {
        tags,
        summary: "Your passkeys",
        security: bearer,
        response: { 200: passkeyListSchema, ...withNotFound },
      },
    },
    async (request) => ({ items: await myPasskeys(app.ctx, actorOf(request)) }),
  );

  r.delete(
    "/api/v1/me/passkeys/:id",
    {
      preValidation: self,
      schema: {
        tags,
        summary: "Remove one of your passkeys (it can no longer sign you in)",
        security: bearer,
        params: passkeyIdParamSchema,
        response: { 204: z.null(), ...withNotFound },
      },
    },
    async (request, reply) => {
      await removePasskey(app.ctx, actorOf(request), request, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
