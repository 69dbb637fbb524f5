import type { FastifyInstance } from "fastify";
import { academyReportSchema, reportQuerySchema } from "../../../../../contracts/academy-report.ts";
import { actorOf, requireActor } from "../../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../../platform/http/route-kit.ts";
import { academyReport } from "./report.service.ts";

/** The academy report (issue #21): for staff who run the academy. */
export function academyReportRoutes(app: FastifyInstance) {
  router(app).get(
    "/api/v1/academy/report",
    {
      preValidation: requireActor("academy.manage"),
      schema: {
        tags: ["Academy"],
        summary:
          "Registrations, completions, drop-off, failed questions, and trained against untrained customers",
        description:
          "Every comparison carries its sample sizes; under 30 customers a side, or when the 95% interval of the difference includes zero, its verdict is `notEnoughData`.",
        security: bearer,
        querystring: reportQuerySchema,
        response: { 200: academyReportSchema, ...withNotFound },
      },
    },
    async (request) => academyReport(app.ctx, actorOf(request), request.query),
  );
}
