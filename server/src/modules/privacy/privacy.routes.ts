import type { FastifyInstance } from "fastify";
import { erasureRoutes } from "./erasure/erasure.routes.ts";
import { legalHoldRoutes } from "./holds/holds.routes.ts";
import { retentionPolicyRoutes } from "./retention/retention.routes.ts";

/** Issue #23's GDPR and retention routes: erasure, legal holds, retention policies. */
export function privacyRoutes(app: FastifyInstance) {
  erasureRoutes(app);
  legalHoldRoutes(app);
  retentionPolicyRoutes(app);
}
