import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { idParamSchema } from "../../../../contracts/common.ts";
import {
  appealDecisionInputSchema,
  appealSchema,
  appealsPageSchema,
  conductNoticeSchema,
  conductReportQuerySchema,
  conductReportSchema,
  conductSettingsInputSchema,
  conductSettingsSchema,
  customerConductSchema,
  liftStepInputSchema,
  reviewQueueSchema,
  stepSchema,
  takeStepInputSchema,
} from "../../../../contracts/conduct.ts";
import { errorBodySchema } from "../../../../contracts/errors.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { appealsFor, decideAppeal } from "./appeals/appeals.service.ts";
import { customerConduct, reviewQueue } from "./history/history.service.ts";
import { conductNotice } from "./ladder/notice-read.ts";
import { getConductSettings, putConductSettings } from "./ladder/settings.service.ts";
import { liftStep, takeStep } from "./ladder/steps.service.ts";
import { conductReport } from "./reports/reports.service.ts";

const tags = ["Conduct"];
const read = requireActor("cases.read");
const manage = requireActor("team.manage");

/**
 * Staff protection (issue #20): conduct histories, the review queue, the ladder, appeals and
 * reports. Managers only (admins and team leads, ladder/conduct.policy.ts) except the notice
 * banner agents read. HTTP only; the work is in the services.
 */
export function conductRoutes(app: FastifyInstance) {
  const r = router(app);
  r.get(
    "/api/v1/conduct/settings",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Conduct settings",
        security: bearer,
        response: { 200: conductSettingsSchema, ...withNotFound },
      },
    },
    async (request) => getConductSettings(app.ctx, actorOf(request)),
  );
  r.put(
    "/api/v1/conduct/settings",
    {
      preValidation: manage,
      schema: {
        tags,
        summary:
          "Change the half-life, the review threshold and whether frustration raises priority (admins)",
        security: bearer,
        body: conductSettingsInputSchema,
        response: { 200: conductSettingsSchema, ...withNotFound },
      },
    },
    async (request) => putConductSettings(app.ctx, actorOf(request), request.body),
  );
  r.get(
    "/api/v1/conduct/review-queue",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Customers whose decayed score reaches the threshold, highest first",
        security: bearer,
        response: { 200: reviewQueueSchema, ...withNotFound },
      },
    },
    async (request) => reviewQueue(app.ctx, actorOf(request)),
  );
  r.get(
    "/api/v1/customers/:id/conduct",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "A customer's conduct history: flags, score, steps, appeals and context",
        security: bearer,
        params: idParamSchema,
        response: { 200: customerConductSchema, ...withNotFound },
      },
    },
    async (request) => customerConduct(app.ctx, actorOf(request), request.params.id),
  );
  r.get(
    "/api/v1/customers/:id/conduct/notice",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "The step in force for agents' banner: kind and restriction only",
        security: bearer,
        params: idParamSchema,
        response: { 200: conductNoticeSchema, ...withNotFound },
      },
    },
    async (request) => conductNotice(app.ctx, actorOf(request), request.params.id),
  );
  r.post(
    "/api/v1/customers/:id/conduct/steps",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Take a step on the ladder: warning, restricted, suspended or ended",
        description:
          "The customer is told (notice with an appeal link) on the evidence's case or a new case.",
        security: bearer,
        params: idParamSchema,
        body: takeStepInputSchema,
        response: { 201: stepSchema.extend({ appealUrl: z.string() }), ...withNotFound },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await takeStep(app.ctx, actorOf(request), request.params.id, request.body)),
  );
  r.post(
    "/api/v1/conduct/steps/:id/lift",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Step down: the step stops now and the customer is told",
        security: bearer,
        params: idParamSchema,
        body: liftStepInputSchema,
        response: { 200: stepSchema, ...withNotFound, 409: errorBodySchema },
      },
    },
    async (request) => liftStep(app.ctx, actorOf(request), request.params.id, request.body),
  );
  r.get(
    "/api/v1/conduct/appeals",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Appeals, open first",
        security: bearer,
        response: { 200: appealsPageSchema, ...withNotFound },
      },
    },
    async (request) => appealsFor(app.ctx, actorOf(request)),
  );
  r.post(
    "/api/v1/conduct/appeals/:id/decision",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Decide an appeal (not by the manager who took the step); overturned lifts the step",
        security: bearer,
        params: idParamSchema,
        body: appealDecisionInputSchema,
        response: { 200: appealSchema, ...withNotFound, 409: errorBodySchema },
      },
    },
    async (request) => decideAppeal(app.ctx, actorOf(request), request.params.id, request.body),
  );
  r.get(
    "/api/v1/conduct/reports",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Flags by month and outcome, time to decision, agents most exposed (for care, not blame)",
        security: bearer,
        querystring: conductReportQuerySchema,
        response: { 200: conductReportSchema, ...withNotFound },
      },
    },
    async (request) => conductReport(app.ctx, actorOf(request), request.query),
  );
}
