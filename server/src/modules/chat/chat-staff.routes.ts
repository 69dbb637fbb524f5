import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { caseChatSchema, chatTypingInputSchema } from "../../../../contracts/widget.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { agentRead, agentTyping, getCaseChat } from "./chat-live.service.ts";

const tags = ["Chat"];
const params = z.strictObject({ caseId: z.uuid() });
const staff = requireActor("cases.read");

/** The chat beside a case in the agent app: its state, and the agent's typing and read marks. */
export function chatStaffRoutes(app: FastifyInstance) {
  const r = router(app);
  r.get(
    "/api/v1/cases/:caseId/chat",
    {
      preValidation: staff,
      schema: {
        tags,
        summary: "The chat on a case: status, whether the visitor is online, their page and identity",
        security: bearer,
        params,
        response: { 200: caseChatSchema, ...withNotFound },
      },
    },
    async (request) => getCaseChat(app.ctx, actorOf(request), request.params.caseId),
  );
  r.post(
    "/api/v1/cases/:caseId/chat/typing",
    {
      preValidation: staff,
      schema: {
        tags,
        summary: "Tell the visitor the agent is (or stopped) typing",
        security: bearer,
        params,
        body: chatTypingInputSchema,
        response: { 204: z.null(), ...withNotFound },
      },
    },
    async (request, reply) => {
      await agentTyping(app.ctx, actorOf(request), request.params.caseId, request.body.typing);
      return reply.status(204).send(null);
    },
  );
  r.post(
    "/api/v1/cases/:caseId/chat/read",
    {
      preValidation: staff,
      schema: {
        tags,
        summary: "Mark the visitor's messages read (a read receipt in the widget)",
        security: bearer,
        params,
        response: { 200: z.object({ agentReadAt: z.string() }), ...withNotFound },
      },
    },
    async (request) => agentRead(app.ctx, actorOf(request), request.params.caseId),
  );
}
