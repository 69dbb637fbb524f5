import type { FastifyInstance } from "fastify";
import { idParamSchema } from "../../../../../contracts/common.ts";
import {
  badgeInputSchema,
  badgeListSchema,
  badgePatchSchema,
  badgeSchema,
  communitySettingsSchema,
  leaderboardQuerySchema,
  leaderboardSchema,
} from "../../../../../contracts/community-reputation.ts";
import { errorBodySchema } from "../../../../../contracts/errors.ts";
import { actorOf, optionalActor, requireActor } from "../../../platform/http/authenticate.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { bearer, router, withNotFound } from "../../../platform/http/route-kit.ts";
import { badgesOf, createBadge, patchBadge } from "./badges.service.ts";
import { leaderboard } from "./leaderboard.ts";
import { mvpRoutes } from "./mvp.routes.ts";
import { putSettings, settingsOf } from "./settings.service.ts";
import { viewerOf } from "./viewer.ts";
import { readableVisibilities } from "./visibility.ts";

/** Reputation settings, badges, leaderboards and the MVP program: `/api/v1/community/…`. */
const tags = ["Community"];
const anyone = optionalActor();
const manage = requireActor("community.manage");
const withConflict = { ...withNotFound, 409: errorBodySchema };

export function reputationRoutes(app: FastifyInstance) {
  const r = router(app);

  r.get(
    "/api/v1/community/settings",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Point values, the daily cap, trust thresholds and the flag threshold",
        security: bearer,
        response: { 200: communitySettingsSchema, ...withNotFound },
      },
    },
    async (request) => settingsOf(app.ctx, actorOf(request).workspaceId),
  );

  r.put(
    "/api/v1/community/settings",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Replace the reputation settings (the whole document, as GET returns it)",
        security: bearer,
        body: communitySettingsSchema,
        response: { 200: communitySettingsSchema, ...withNotFound },
      },
    },
    async (request) => putSettings(app.ctx, actorOf(request), request.body),
  );

  r.get(
    "/api/v1/community/badges",
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "Badges, their rules and how many members hold each (anyone may read them)",
        response: { 200: badgeListSchema, ...withNotFound },
      },
    },
    async (request) => badgesOf(app.ctx, (await viewerOf(request)).scope.workspaceId),
  );

  r.post(
    "/api/v1/community/badges",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Add a badge; its rule is data, evaluated by the badge job",
        description:
          'A rule is `{"metric","atLeast",categoryId?,inAnyCategory?}`; metrics: accepted_answers, answers, ' +
          "questions, upvotes_received, answer_streak_days, reputation, helped_customers.",
        security: bearer,
        body: badgeInputSchema,
        response: { 201: badgeSchema, ...withConflict },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createBadge(app.ctx, actorOf(request), request.body)),
  );

  r.patch(
    "/api/v1/community/badges/:id",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Change or disable a badge (awards already made are kept)",
        security: bearer,
        params: idParamSchema,
        body: badgePatchSchema,
        response: { 200: badgeSchema, ...withNotFound },
      },
    },
    async (request) => patchBadge(app.ctx, actorOf(request), request.params.id, request.body),
  );

  r.get(
    "/api/v1/community/leaderboard",
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "This week's, this month's or all-time leaders, overall or in a category",
        description:
          "Weeks start on Monday and months on the 1st (UTC). Competition ranking: equal points share a rank " +
          "and the next rank skips. A category the caller may not read answers 404.",
        querystring: leaderboardQuerySchema,
        response: { 200: leaderboardSchema, ...withNotFound },
      },
    },
    async (request) => {
      const { scope, viewer } = await viewerOf(request);
      const { period, categoryId, limit } = request.query;
      if (categoryId) {
        const category = await scope
          .selectFrom("community_categories")
          .select("visibility")
          .where("id", "=", categoryId)
          .executeTakeFirst();
        if (!category || !readableVisibilities(viewer).includes(category.visibility)) {
          throw new AppError("not_found", "Category was not found", "categoryId");
        }
      }
      return leaderboard(scope, { period, categoryId: categoryId ?? null, limit });
    },
  );

  mvpRoutes(app);
}
