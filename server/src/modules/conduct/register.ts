import type { FastifyInstance } from "fastify";
import { setSuspensionSource } from "../surveys/rules.ts";
import { conductPublicRoutes } from "./appeals/public.routes.ts";
import { conductRoutes } from "./conduct.routes.ts";
import { conductClock } from "./history/decay.ts";
import { activeConductStep } from "./ladder/active.ts";

/**
 * Staff protection's HTTP surface (the API and the public appeal page), and the question
 * surveys ask: a suspended or ended customer is sent no surveys.
 */
export function conductApi(app: FastifyInstance): void {
  conductRoutes(app);
  conductPublicRoutes(app);
  setSuspensionSource(async (scope, customerId) => {
    const step = await activeConductStep(scope, customerId, conductClock.now());
    return step?.kind === "suspended" || step?.kind === "ended";
  });
}
