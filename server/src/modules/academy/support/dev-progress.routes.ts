import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { actorOf, requireActor } from "../../../platform/http/authenticate.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { bearer, router, withNotFound } from "../../../platform/http/route-kit.ts";
import { findCustomerForUser } from "../../customers/customers.repo.ts";
import { recordLessonProgress } from "../progress/completion.ts";

/**
 * TEMPORARY, remove at merge: `POST /api/v1/academy/progress` for a signed-in customer, until
 * the learning part's own endpoint lands (it is being built at the same time). Registered only
 * when ACADEMY_TEMP_PROGRESS=1 (app.ts), so e2e 79 can complete a lesson the way the portal will.
 */
export function devProgressRoutes(app: FastifyInstance) {
  router(app).post(
    "/api/v1/academy/progress",
    {
      preValidation: requireActor("portal.use"),
      schema: {
        hide: true,
        security: bearer,
        body: z.strictObject({ lessonId: z.uuid(), percent: z.number().min(0).max(100) }),
        response: { 200: z.object({ completed: z.boolean() }), ...withNotFound },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return app.ctx.db.transaction().execute(async (tx) => {
        const scope = new TenantScope(tx, actor.workspaceId);
        const customer = await findCustomerForUser(scope, actor.userId);
        if (!customer) throw new AppError("forbidden", "Only customers record their progress");
        const result = await recordLessonProgress(scope, {
          boss: app.ctx.boss,
          customerId: customer.id,
          lessonId: request.body.lessonId,
          percent: request.body.percent,
        });
        return { completed: result.completed };
      });
    },
  );
}
