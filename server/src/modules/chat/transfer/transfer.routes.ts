import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { caseSchema } from "../../../../../contracts/cases.ts";
import { errorBodySchema } from "../../../../../contracts/errors.ts";
import { chatTransferInputSchema } from "../../../../../contracts/widget.ts";
import { actorOf, requireActor } from "../../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../../platform/http/route-kit.ts";
import { transferChat } from "./transfer.service.ts";

/** Handing a chat to another agent or team (issue #22). */
export function chatTransferRoutes(app: FastifyInstance) {
  router(app).post(
    "/api/v1/cases/:caseId/chat/transfer",
    {
      preValidation: requireActor("cases.work"),
      schema: {
        tags: ["Chat"],
        summary: "Transfer the chat to another agent or a team, with a note for them",
        security: bearer,
        params: z.strictObject({ caseId: z.uuid() }),
        body: chatTransferInputSchema,
        response: { 200: caseSchema, ...withNotFound, 409: errorBodySchema, 422: errorBodySchema },
      },
    },
    async (request) => transferChat(app.ctx, actorOf(request), request.params.caseId, request.body),
  );
}
