import type { FastifyInstance } from "fastify";
import { errorBodySchema } from "../../../../../contracts/errors.ts";
import { widgetAvailabilitySchema, widgetConfigQuerySchema } from "../../../../../contracts/widget.ts";
import { router } from "../../../platform/http/route-kit.ts";
import { assertOriginAllowed } from "../origins.ts";
import { widgetForKey } from "../widget.service.ts";
import { widgetAvailability } from "./availability.service.ts";

/** Public, by the widget's key: whether someone can chat now, or when they can. */
export function widgetAvailabilityRoutes(app: FastifyInstance) {
  router(app).get(
    "/api/v1/widget/availability",
    {
      config: { rateLimit: { max: 600, timeWindow: "1 minute" } },
      schema: {
        tags: ["Chat widget"],
        summary: "Whether the team can chat now, the expected wait, or when it is next available",
        querystring: widgetConfigQuerySchema,
        response: {
          200: widgetAvailabilitySchema,
          400: errorBodySchema,
          404: errorBodySchema,
          429: errorBodySchema,
        },
      },
    },
    async (request) => {
      const widget = await widgetForKey(app.ctx.db, request.query.key);
      assertOriginAllowed(app, request, widget);
      return widgetAvailability(app.ctx, widget);
    },
  );
}
