import type { FastifyInstance } from "fastify";
import { errorBodySchema } from "../../../../../contracts/errors.ts";
import { widgetConversationSchema, widgetEmailInputSchema } from "../../../../../contracts/widget.ts";
import { router } from "../../../platform/http/route-kit.ts";
import { visitorGuard, visitorOf } from "../availability/widget-visitor.ts";
import { continueByEmail } from "./offline.service.ts";

const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  429: errorBodySchema,
};

/** The visitor leaves an email address: the chat continues by email in the same case. */
export function offlineRoutes(app: FastifyInstance) {
  router(app).post(
    "/api/v1/widget/conversation/email",
    {
      preValidation: visitorGuard(app),
      config: { rateLimit: { max: 20, timeWindow: "1 minute" } },
      schema: {
        tags: ["Chat widget"],
        summary: "Continue the chat by email: agents' replies go to this address, in the same case",
        security: [{ visitorToken: [] }],
        body: widgetEmailInputSchema,
        response: { 200: widgetConversationSchema, ...errors },
      },
    },
    async (request) => continueByEmail(app.ctx, visitorOf(request), request.body.email),
  );
}
