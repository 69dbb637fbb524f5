import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  outcomeParamSchema,
  recommendationInputSchema,
  recommendedLessonSchema,
} from "../../../../../contracts/academy-support.ts";
import { idParamSchema } from "../../../../../contracts/common.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { actorOf, requireActor } from "../../../platform/http/authenticate.ts";
import { notFound } from "../../../platform/http/errors.ts";
import { bearer, router, withNotFound } from "../../../platform/http/route-kit.ts";
import { findWorkspaceForHost } from "../../workspaces/workspaces.repo.ts";
import {
  clearRecommendation,
  recommendedLesson,
  setRecommendation,
  type Target,
} from "./recommendations.service.ts";

const tags = ["Academy"];
const unprocessable = { ...withNotFound, 422: withNotFound[404] };

/** Lessons recommended by help articles and playbook outcomes (issue #21). */
export function academyRecommendationRoutes(app: FastifyInstance) {
  const r = router(app);
  const scopeOf = (workspaceId: string) => new TenantScope(app.ctx.db, workspaceId);
  recommendationRoutes(app, {
    path: "/api/v1/academy/recommendations/articles/:id",
    params: idParamSchema,
    target: (p: { id: string }) => ({ kind: "article", articleId: p.id }),
    read: "app.use",
    manage: "help.manage",
    what: "a help article",
  });
  recommendationRoutes(app, {
    path: "/api/v1/academy/recommendations/playbooks/:id/outcomes/:stepId",
    params: outcomeParamSchema,
    target: (p: { id: string; stepId: string }) => ({
      kind: "playbook_outcome",
      playbookId: p.id,
      stepId: p.stepId,
    }),
    // Customers too: the portal shows it under their own finished self-service run.
    read: undefined,
    manage: "playbooks.manage",
    what: "a playbook's outcome step",
  });

  // The public article page's "Recommended lesson": anyone, for a published article that is not
  // for agents only (lesson titles of published courses are public anyway).
  r.get(
    "/api/v1/academy/public/articles/:id/recommended-lesson",
    {
      schema: {
        tags,
        summary: "The lesson a published help article recommends (public)",
        params: idParamSchema,
        response: { 200: recommendedLessonSchema, 404: withNotFound[404] },
      },
    },
    async (request) => {
      const workspace = await findWorkspaceForHost(app.ctx.db, request.headers.host);
      if (!workspace) throw notFound("Article");
      const scope = scopeOf(workspace.id);
      const article = await scope
        .selectFrom("help_articles")
        .select("id")
        .where("id", "=", request.params.id)
        .where("state", "=", "published")
        .where("visibility", "!=", "agents")
        .executeTakeFirst();
      if (!article) throw notFound("Article");
      return recommendedLesson(scope, { kind: "article", articleId: article.id });
    },
  );
}

/** GET (as `read` says), PUT and DELETE (staff who manage the target) of one target's lesson. */
function recommendationRoutes<P extends Record<string, string>>(
  app: FastifyInstance,
  o: {
    path: string;
    params: z.ZodType<P>;
    target: (p: P) => Target;
    /** Who may read it: staff (`app.use`), or anyone signed in to the workspace (undefined). */
    read: "app.use" | undefined;
    manage: "help.manage" | "playbooks.manage";
    what: string;
  },
) {
  const r = router(app);
  r.get(
    o.path,
    {
      preValidation: requireActor(o.read),
      schema: {
        tags,
        summary: `The lesson ${o.what} recommends`,
        security: bearer,
        params: o.params,
        response: { 200: recommendedLessonSchema, ...withNotFound },
      },
    },
    async (request) =>
      recommendedLesson(
        new TenantScope(app.ctx.db, actorOf(request).workspaceId),
        o.target(request.params as P),
      ),
  );
  r.put(
    o.path,
    {
      preValidation: requireActor(o.manage),
      schema: {
        tags,
        summary: `Set the lesson ${o.what} recommends`,
        security: bearer,
        params: o.params,
        body: recommendationInputSchema,
        response: { 200: recommendedLessonSchema, ...unprocessable },
      },
    },
    async (request) =>
      setRecommendation(app.ctx, actorOf(request), o.target(request.params as P), request.body.lessonId),
  );
  r.delete(
    o.path,
    {
      preValidation: requireActor(o.manage),
      schema: {
        tags,
        summary: `Clear the lesson ${o.what} recommends`,
        security: bearer,
        params: o.params,
        response: { 204: z.null(), ...unprocessable },
      },
    },
    async (request, reply) => {
      await clearRecommendation(app.ctx, actorOf(request), o.target(request.params as P));
      return reply.status(204).send(null);
    },
  );
}
