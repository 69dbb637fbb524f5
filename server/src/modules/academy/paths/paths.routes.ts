import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  pathCourseChoicesSchema,
  pathCreateSchema,
  pathListSchema,
  pathSchema,
  pathUpdateSchema,
} from "../../../../../contracts/academy-report.ts";
import { idParamSchema } from "../../../../../contracts/common.ts";
import { errorBodySchema } from "../../../../../contracts/errors.ts";
import { actorOf, requireActor } from "../../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../../platform/http/route-kit.ts";
import {
  createLearningPath,
  deleteLearningPath,
  listLearningPaths,
  pathCourseChoices,
  readLearningPath,
  setLearningPathState,
  updateLearningPath,
} from "./paths.service.ts";

const tags = ["Academy"];
const manage = requireActor("academy.manage");
const withInvalid = { ...withNotFound, 409: errorBodySchema, 422: errorBodySchema };

/** Learning paths (issue #21): staff author them; learners read one with their progress. */
export function academyPathRoutes(app: FastifyInstance) {
  const r = router(app);
  r.get(
    "/api/v1/academy/paths",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Every learning path of the workspace, with its courses in order",
        security: bearer,
        response: { 200: pathListSchema, ...withNotFound },
      },
    },
    async (request) => listLearningPaths(app.ctx, actorOf(request)),
  );
  r.get(
    "/api/v1/academy/paths/courses",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "The courses a learning path may include (for the path editor)",
        security: bearer,
        response: { 200: pathCourseChoicesSchema, ...withNotFound },
      },
    },
    async (request) => pathCourseChoices(app.ctx, actorOf(request)),
  );
  r.post(
    "/api/v1/academy/paths",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Create a learning path (a draft) from courses in order",
        description: "422 on `courseIds` for an unknown or repeated course; 409 on `slug` when taken.",
        security: bearer,
        body: pathCreateSchema,
        response: { 201: pathSchema, ...withInvalid },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createLearningPath(app.ctx, actorOf(request), request.body)),
  );
  r.get(
    "/api/v1/academy/paths/:id",
    {
      preValidation: requireActor(),
      schema: {
        tags,
        summary: "One learning path: for a signed-in customer, a published one with their progress",
        security: bearer,
        params: idParamSchema,
        response: { 200: pathSchema, ...withNotFound },
      },
    },
    async (request) => readLearningPath(app.ctx, actorOf(request), request.params.id),
  );
  r.patch(
    "/api/v1/academy/paths/:id",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Rename a learning path or replace its courses (in order)",
        security: bearer,
        params: idParamSchema,
        body: pathUpdateSchema,
        response: { 200: pathSchema, ...withInvalid },
      },
    },
    async (request) => updateLearningPath(app.ctx, actorOf(request), request.params.id, request.body),
  );
  for (const [action, state] of [
    ["publish", "published"],
    ["archive", "archived"],
  ] as const) {
    r.post(
      `/api/v1/academy/paths/:id/${action}`,
      {
        preValidation: manage,
        schema: {
          tags,
          summary: action === "publish" ? "Publish a path (every course published)" : "Archive a path",
          security: bearer,
          params: idParamSchema,
          response: { 200: pathSchema, ...withInvalid },
        },
      },
      async (request) => setLearningPathState(app.ctx, actorOf(request), request.params.id, state),
    );
  }
  r.delete(
    "/api/v1/academy/paths/:id",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Delete a learning path that has issued no certificate",
        security: bearer,
        params: idParamSchema,
        response: { 204: z.null().meta({ description: "Deleted" }), ...withInvalid },
      },
    },
    async (request, reply) => {
      await deleteLearningPath(app.ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
