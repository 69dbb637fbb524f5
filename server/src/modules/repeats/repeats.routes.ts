import type { FastifyInstance } from "fastify";
import { idParamSchema } from "../../../../contracts/common.ts";
import { errorBodySchema } from "../../../../contracts/errors.ts";
import {
  atRiskPageSchema,
  atRiskQuerySchema,
  caseRepeatSchema,
  customerRiskSchema,
  reachOutInputSchema,
  reachOutResultSchema,
  repeatReportQuerySchema,
  repeatReportSchema,
  retentionSettingsPatchSchema,
  retentionSettingsSchema,
} from "../../../../contracts/repeats.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { caseRepeat } from "./case-repeat.ts";
import { reachOut } from "./reach-out.ts";
import { repeatReport } from "./report.ts";
import { customerRisk, listAtRisk } from "./risk-read.ts";
import { getRetentionSettings, patchRetentionSettings } from "./settings.ts";

const tags = ["Retention"];
const read = requireActor("cases.read");
const manage = requireActor("team.manage");

/** Repeat contacts and at-risk customers (issue #19). HTTP only; the work is in the services. */
export function repeatsRoutes(app: FastifyInstance) {
  const r = router(app);
  r.get(
    "/api/v1/retention/settings",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "The repeat-contact window",
        security: bearer,
        response: { 200: retentionSettingsSchema, ...withNotFound },
      },
    },
    async (request) => getRetentionSettings(app.ctx, actorOf(request)),
  );
  r.patch(
    "/api/v1/retention/settings",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Change the repeat-contact window (1–90 days)",
        security: bearer,
        body: retentionSettingsPatchSchema,
        response: { 200: retentionSettingsSchema, ...withNotFound },
      },
    },
    async (request) => patchRetentionSettings(app.ctx, actorOf(request), request.body),
  );
  r.get(
    "/api/v1/reports/repeat-contacts",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Repeat contacts per agent, team or topic (tag)",
        description:
          "Counted by detection time in [from, to), default the last 30 days; agent and team are the earlier case's.",
        security: bearer,
        querystring: repeatReportQuerySchema,
        response: { 200: repeatReportSchema, ...withNotFound },
      },
    },
    async (request) => repeatReport(app.ctx, actorOf(request), request.query),
  );
  r.get(
    "/api/v1/customers/at-risk",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Customers at risk, highest score first, with reasons and evidence",
        security: bearer,
        querystring: atRiskQuerySchema,
        response: { 200: atRiskPageSchema, ...withNotFound },
      },
    },
    async (request) => listAtRisk(app.ctx, actorOf(request), request.query),
  );
  r.get(
    "/api/v1/customers/:id/risk",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "One customer's risk score and reasons",
        security: bearer,
        params: idParamSchema,
        response: { 200: customerRiskSchema, ...withNotFound },
      },
    },
    async (request) => customerRisk(app.ctx, actorOf(request), request.params.id),
  );
  r.post(
    "/api/v1/customers/:id/reach-out",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Open a proactive case for the customer",
        description:
          "Open, on the customer's preferred channel, assigned to their preferred agent, else their dedicated team, else nobody. 409 while an earlier reach-out is still open.",
        security: bearer,
        params: idParamSchema,
        body: reachOutInputSchema,
        response: { 201: reachOutResultSchema, ...withNotFound, 409: errorBodySchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await reachOut(app.ctx, actorOf(request), request.params.id, request.body)),
  );
  r.get(
    "/api/v1/cases/:id/repeat",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "The earlier case this case repeats, if it is a repeat contact",
        security: bearer,
        params: idParamSchema,
        response: { 200: caseRepeatSchema, ...withNotFound },
      },
    },
    async (request) => caseRepeat(app.ctx, actorOf(request), request.params.id),
  );
}
