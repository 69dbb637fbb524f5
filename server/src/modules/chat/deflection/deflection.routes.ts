import type { FastifyInstance } from "fastify";
import { errorBodySchema } from "../../../../../contracts/errors.ts";
import { deflectionSchema, helpSuggestionsSchema } from "../../../../../contracts/help-search.ts";
import { widgetDeflectionInputSchema } from "../../../../../contracts/widget.ts";
import { widgetSuggestionsQuerySchema } from "../../../../../contracts/widget-help.ts";
import { router } from "../../../platform/http/route-kit.ts";
import { visitorGuard, visitorOf } from "../availability/widget-visitor.ts";
import { recordWidgetDeflection, widgetSuggestions } from "./deflection.service.ts";

const tags = ["Chat widget"];
const security = [{ visitorToken: [] }];
const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  429: errorBodySchema,
};

/** Help before a case: suggestions while the visitor types, and "this answered it". */
export function deflectionRoutes(app: FastifyInstance) {
  const r = router(app);
  r.get(
    "/api/v1/widget/suggestions",
    {
      preValidation: visitorGuard(app),
      config: { rateLimit: { max: 120, timeWindow: "1 minute" } },
      schema: {
        tags,
        summary: "Help articles for what the visitor is typing (the help center's suggestions)",
        security,
        querystring: widgetSuggestionsQuerySchema,
        response: { 200: helpSuggestionsSchema, ...errors },
      },
    },
    async (request) => widgetSuggestions(app.ctx, visitorOf(request), request.query),
  );
  r.post(
    "/api/v1/widget/deflections",
    {
      preValidation: visitorGuard(app),
      config: { rateLimit: { max: 30, timeWindow: "1 minute" } },
      schema: {
        tags,
        summary: "The visitor found the answer in a suggestion and leaves without a case",
        security,
        body: widgetDeflectionInputSchema,
        response: { 201: deflectionSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordWidgetDeflection(app.ctx, visitorOf(request), request.body)),
  );
}
