import type { FastifyInstance } from "fastify";
import { surveyPublicRoutes } from "./public.routes.ts";
import { surveyRoutes } from "./surveys.routes.ts";

export { sweepSurveys } from "./send.ts";

export function surveysApi(app: FastifyInstance): void {
  surveyRoutes(app);
  surveyPublicRoutes(app);
}
