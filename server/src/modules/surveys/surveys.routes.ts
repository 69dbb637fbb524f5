import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { idParamSchema } from "../../../../contracts/common.ts";
import { errorBodySchema } from "../../../../contracts/errors.ts";
import {
  portalSurveyListSchema,
  surveyAnswerInputSchema,
  surveyFollowUpListSchema,
  surveyFollowUpPatchSchema,
  surveyFollowUpSchema,
  surveyFollowUpsQuerySchema,
  surveyResponseListSchema,
  surveyResponsesQuerySchema,
  surveySettingsPatchSchema,
  surveySettingsSchema,
  surveySummaryQuerySchema,
  surveySummarySchema,
} from "../../../../contracts/surveys.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { listFollowUps, patchFollowUp } from "./follow-ups.service.ts";
import { answerMySurvey, mySurveysOnCase } from "./portal.service.ts";
import { listResponses, surveySummary } from "./results.service.ts";
import { getSurveySettings, patchSurveySettings } from "./settings.service.ts";

const tags = ["Surveys"];
const read = requireActor("cases.read");
const portal = requireActor("portal.use");

export function surveyRoutes(app: FastifyInstance) {
  const r = router(app);
  r.get(
    "/api/v1/surveys",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Survey settings: which surveys a solved case gets, the delay, throttle and window",
        security: bearer,
        response: { 200: surveySettingsSchema, ...withNotFound },
      },
    },
    async (request) => getSurveySettings(app.ctx, actorOf(request)),
  );
  r.patch(
    "/api/v1/surveys",
    {
      preValidation: requireActor("workspace.manage"),
      schema: {
        tags,
        summary: "Change survey settings (admins)",
        security: bearer,
        body: surveySettingsPatchSchema,
        response: { 200: surveySettingsSchema, ...withNotFound },
      },
    },
    async (request) => patchSurveySettings(app.ctx, actorOf(request), request.body),
  );
  r.get(
    "/api/v1/surveys/responses",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Survey answers by case, customer, agent, team or period, with CSAT % and CES average",
        security: bearer,
        querystring: surveyResponsesQuerySchema,
        response: { 200: surveyResponseListSchema, ...withNotFound },
      },
    },
    async (request) => listResponses(app.ctx, actorOf(request), request.query),
  );
  r.get(
    "/api/v1/surveys/summary",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "CSAT % positive, CES average and counts per agent or team",
        security: bearer,
        querystring: surveySummaryQuerySchema,
        response: { 200: surveySummarySchema, ...withNotFound },
      },
    },
    async (request) => surveySummary(app.ctx, actorOf(request), request.query),
  );
  r.get(
    "/api/v1/surveys/follow-ups",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Follow-up tasks from negative answers: yours (admins: everyone's with all=true)",
        security: bearer,
        querystring: surveyFollowUpsQuerySchema,
        response: { 200: surveyFollowUpListSchema, ...withNotFound },
      },
    },
    async (request) => listFollowUps(app.ctx, actorOf(request), request.query),
  );
  r.patch(
    "/api/v1/surveys/follow-ups/:id",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Mark a follow-up done (with a note of what was done) or open again",
        security: bearer,
        params: idParamSchema,
        body: surveyFollowUpPatchSchema,
        response: { 200: surveyFollowUpSchema, ...withNotFound },
      },
    },
    async (request) => patchFollowUp(app.ctx, actorOf(request), request.params.id, request.body),
  );
  r.get(
    "/api/v1/portal/cases/:id/surveys",
    {
      preValidation: portal,
      schema: {
        tags,
        summary: "The customer's own surveys on one of their cases (portal)",
        security: bearer,
        params: idParamSchema,
        response: { 200: portalSurveyListSchema, ...withNotFound },
      },
    },
    async (request) => mySurveysOnCase(app.ctx, actorOf(request), request.params.id),
  );
  r.put(
    "/api/v1/portal/surveys/:id/response",
    {
      preValidation: portal,
      schema: {
        tags,
        summary: "Answer (or change the answer to) one of the customer's own surveys (portal)",
        security: bearer,
        params: idParamSchema,
        body: surveyAnswerInputSchema,
        response: { 204: z.null().meta({ description: "Saved" }), 410: errorBodySchema, ...withNotFound },
      },
    },
    async (request, reply) => {
      await answerMySurvey(app.ctx, actorOf(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );
}
