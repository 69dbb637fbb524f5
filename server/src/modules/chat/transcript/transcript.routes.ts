import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { errorBodySchema } from "../../../../../contracts/errors.ts";
import { widgetTranscriptInputSchema } from "../../../../../contracts/widget.ts";
import { router } from "../../../platform/http/route-kit.ts";
import { visitorGuard, visitorOf } from "../availability/widget-visitor.ts";
import { sendTranscript } from "./transcript.service.ts";

const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  429: errorBodySchema,
};

/** A few transcripts per visitor (their token) per hour: it sends mail to an address they type. */
const perVisitor = (request: FastifyRequest) => request.headers.authorization ?? request.ip;

export function transcriptRoutes(app: FastifyInstance) {
  router(app).post(
    "/api/v1/widget/conversation/transcript",
    {
      preValidation: visitorGuard(app),
      config: { rateLimit: { max: 3, timeWindow: "1 hour", keyGenerator: perVisitor } },
      schema: {
        tags: ["Chat widget"],
        summary: "Email the chat's transcript (no internal notes) to the visitor",
        security: [{ visitorToken: [] }],
        body: widgetTranscriptInputSchema,
        response: { 202: z.object({ sentTo: z.string() }), ...errors },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await sendTranscript(app.ctx, visitorOf(request), request.body.email)),
  );
}
