import type { FastifyInstance } from "fastify";
import { idParamSchema } from "../../../../contracts/common.ts";
import {
  callInputSchema,
  callSchema,
  callStartedSchema,
  endCallInputSchema,
} from "../../../../contracts/context.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { endCall, getCall, startCall } from "./calls.service.ts";

const tags = ["Calls"];

export function callRoutes(app: FastifyInstance) {
  const r = router(app);

  r.post(
    "/api/v1/calls",
    {
      preValidation: requireActor("calls.create"),
      schema: {
        tags,
        summary:
          "A call started (from your telephony system): records it and pops the caller's screen for agents",
        security: bearer,
        body: callInputSchema,
        response: { 201: callStartedSchema, ...withNotFound },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await startCall(app.ctx, actorOf(request), request.body)),
  );

  r.post(
    "/api/v1/calls/:id/end",
    {
      preValidation: requireActor("calls.create"),
      schema: {
        tags,
        summary: "The call ended: duration, the agent's note, and the recording's link and transcript",
        security: bearer,
        params: idParamSchema,
        body: endCallInputSchema,
        response: { 200: callSchema, ...withNotFound },
      },
    },
    async (request) => endCall(app.ctx, actorOf(request), request.params.id, request.body),
  );

  r.get(
    "/api/v1/calls/:id",
    {
      preValidation: requireActor("customers.read"),
      schema: {
        tags,
        summary: "One call, with its recording's link and whole transcript (staff)",
        security: bearer,
        params: idParamSchema,
        response: { 200: callSchema, ...withNotFound },
      },
    },
    async (request) => getCall(app.ctx, actorOf(request), request.params.id),
  );
}
