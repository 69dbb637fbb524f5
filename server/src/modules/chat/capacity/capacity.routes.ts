import type { FastifyInstance } from "fastify";
import {
  chatAgentListSchema,
  chatAgentParamSchema,
  chatAgentSchema,
} from "../../../../../contracts/chat-agents.ts";
import { chatCapacityInputSchema, chatCapacitySchema } from "../../../../../contracts/widget.ts";
import { actorOf, requireActor } from "../../../platform/http/authenticate.ts";
import { authErrors, bearer, router, withNotFound } from "../../../platform/http/route-kit.ts";
import {
  listAgentsForChat,
  myChatCapacity,
  setAgentChatCapacity,
  setMyChatCapacity,
} from "./capacity.service.ts";

const tags = ["Chat"];
const work = requireActor("cases.work");

/** Chat capacity: one's own, and (admins, team leads) everyone's with who is online. */
export function chatCapacityRoutes(app: FastifyInstance) {
  const r = router(app);
  r.get(
    "/api/v1/chat/capacity",
    {
      preValidation: work,
      schema: {
        tags,
        summary: "My chat capacity and the chats I have in hand",
        security: bearer,
        response: { 200: chatCapacitySchema, ...authErrors },
      },
    },
    async (request) => myChatCapacity(app.ctx, actorOf(request)),
  );
  r.put(
    "/api/v1/chat/capacity",
    {
      preValidation: work,
      schema: {
        tags,
        summary: "Set how many chats I take at once",
        security: bearer,
        body: chatCapacityInputSchema,
        response: { 200: chatCapacitySchema, ...authErrors },
      },
    },
    async (request) => setMyChatCapacity(app.ctx, actorOf(request), request.body.capacity),
  );
  r.get(
    "/api/v1/chat/agents",
    {
      preValidation: work,
      schema: {
        tags,
        summary: "Every agent's chat capacity, chats in hand and whether they are online",
        description: "For admins and team leads.",
        security: bearer,
        response: { 200: chatAgentListSchema, ...authErrors },
      },
    },
    async (request) => listAgentsForChat(app.ctx, actorOf(request)),
  );
  r.put(
    "/api/v1/chat/agents/:membershipId/capacity",
    {
      preValidation: requireActor("team.manage"),
      schema: {
        tags,
        summary: "Set an agent's chat capacity",
        security: bearer,
        params: chatAgentParamSchema,
        body: chatCapacityInputSchema,
        response: { 200: chatAgentSchema, ...withNotFound },
      },
    },
    async (request) =>
      setAgentChatCapacity(app.ctx, actorOf(request), request.params.membershipId, request.body.capacity),
  );
}
