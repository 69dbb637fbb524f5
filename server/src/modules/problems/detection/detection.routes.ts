import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { idParamSchema } from "../../../../../contracts/common.ts";
import { errorBodySchema } from "../../../../../contracts/errors.ts";
import { caseIdParamSchema } from "../../../../../contracts/escalations.ts";
import {
  detectionSettingsSchema,
  emergingKeyParamSchema,
  emergingListSchema,
  problemFromEmergingInputSchema,
  problemFromEmergingSchema,
  problemSuggestionListSchema,
  signaturePatternInputSchema,
  signaturePatternListSchema,
  signaturePatternSchema,
} from "../../../../../contracts/problem-detection.ts";
import { actorOf, requireActor } from "../../../platform/http/authenticate.ts";
import { authErrors, bearer, router, withNotFound } from "../../../platform/http/route-kit.ts";
import {
  addPattern,
  emergingFor,
  patternsFor,
  problemFromEmerging,
  removePattern,
  saveSettings,
  settingsFor,
  suggestionsFor,
} from "./detection.service.ts";

const tags = ["Problems"];
const admin = requireActor("workspace.manage");
const read = requireActor("cases.read");
const agent = requireActor("cases.work");

/** Detection of recurring problems: patterns, thresholds, emerging groups, suggestions. */
export function problemDetectionRoutes(app: FastifyInstance) {
  const r = router(app);

  r.get(
    "/api/v1/problems/signature-patterns",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "The workspace's own error patterns (admin)",
        security: bearer,
        response: { 200: signaturePatternListSchema, ...authErrors },
      },
    },
    async (request) => patternsFor(app.ctx, actorOf(request)),
  );

  r.post(
    "/api/v1/problems/signature-patterns",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Add an error pattern (admin)",
        description:
          "RE2 syntax, case-insensitive. Refused (400, field `pattern`) when it does not compile, matches empty " +
          "text, takes over 200 ms on 100 kB of text, or the workspace already has 50. Applies to cases whose " +
          "signals are computed from now on.",
        security: bearer,
        body: signaturePatternInputSchema,
        response: { 201: signaturePatternSchema, ...authErrors, 409: errorBodySchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addPattern(app.ctx, actorOf(request), request.body)),
  );

  r.delete(
    "/api/v1/problems/signature-patterns/:id",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Remove an error pattern (admin)",
        security: bearer,
        params: idParamSchema,
        response: { 204: z.null().meta({ description: "Removed" }), ...withNotFound },
      },
    },
    async (request, reply) => {
      await removePattern(app.ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    "/api/v1/problems/detection-settings",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "When a group is emerging: N cases from M customers within T hours (admin)",
        security: bearer,
        response: { 200: detectionSettingsSchema, ...authErrors },
      },
    },
    async (request) => settingsFor(app.ctx, actorOf(request)),
  );

  r.put(
    "/api/v1/problems/detection-settings",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Change the emerging thresholds (admin)",
        security: bearer,
        body: detectionSettingsSchema,
        response: { 200: detectionSettingsSchema, ...authErrors },
      },
    },
    async (request) => saveSettings(app.ctx, actorOf(request), request.body),
  );

  r.get(
    "/api/v1/problems/emerging",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Emerging issues: error signatures and text groups recurring in unlinked cases",
        description:
          "Groups of at least N cases from at least M customers created within the last T hours " +
          "(detection settings) that are not linked to a problem yet, largest first.",
        security: bearer,
        response: { 200: emergingListSchema, ...authErrors },
      },
    },
    async (request) => emergingFor(app.ctx, actorOf(request)),
  );

  r.post(
    "/api/v1/problems/emerging/:key/problem",
    {
      preValidation: agent,
      schema: {
        tags,
        summary: "Create a problem from an emerging issue and link its cases",
        description:
          "Titled by the group's label unless `title` is given. Each link records why " +
          "('same error code 1013'). 404 when the key is no longer an emerging issue.",
        security: bearer,
        params: emergingKeyParamSchema,
        body: problemFromEmergingInputSchema,
        response: { 201: problemFromEmergingSchema, ...withNotFound },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await problemFromEmerging(app.ctx, actorOf(request), request.params.key, request.body.title)),
  );

  r.get(
    "/api/v1/cases/:caseId/problem-suggestions",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Open problems this case probably belongs to, with the reason",
        security: bearer,
        params: caseIdParamSchema,
        response: { 200: problemSuggestionListSchema, ...withNotFound },
      },
    },
    async (request) => suggestionsFor(app.ctx, actorOf(request), request.params.caseId),
  );
}
