import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { idParamSchema } from "../../../../../contracts/common.ts";
import {
  assessmentExportQuerySchema,
  assessmentSchema,
  caseAssessmentsSchema,
  conductPreferencesInputSchema,
  conductPreferencesSchema,
  handToLeadResultSchema,
  revealResultSchema,
  verdictInputSchema,
} from "../../../../../contracts/conduct-assess.ts";
import { errorBodySchema } from "../../../../../contracts/errors.ts";
import { actorOf, requireActor } from "../../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../../platform/http/route-kit.ts";
import {
  getAssessment,
  getConductPreferences,
  listCaseAssessments,
  recordReveal,
  setConductPreferences,
  setVerdict,
} from "./assess.service.ts";
import { exportAssessments } from "./export.service.ts";
import { handToLead } from "./hand-to-lead.service.ts";

const tags = ["Conduct"];
// Staff only: customers never see assessments (403, like every staff route).
const staff = requireActor("cases.read");
const withConflict = { ...withNotFound, 409: errorBodySchema } as const;

/** Assessments of customers' words, agents' verdicts, masking, hand to a lead (issue #20). */
export function conductAssessRoutes(app: FastifyInstance) {
  const r = router(app);
  r.get(
    "/api/v1/cases/:id/message-assessments",
    {
      preValidation: staff,
      schema: {
        tags,
        summary: "The tone assessments of a case's customer messages, by message id (staff only)",
        security: bearer,
        params: idParamSchema,
        response: { 200: caseAssessmentsSchema, ...withNotFound },
      },
    },
    async (request) => listCaseAssessments(app.ctx, actorOf(request), request.params.id),
  );
  r.get(
    "/api/v1/messages/:id/assessment",
    {
      preValidation: staff,
      schema: {
        tags,
        summary: "A customer message's tone assessment: neutral, frustrated or abusive, and why",
        description: "404 while the message has not been assessed yet (assessment runs in the background).",
        security: bearer,
        params: idParamSchema,
        response: { 200: assessmentSchema, ...withNotFound },
      },
    },
    async (request) => getAssessment(app.ctx, actorOf(request), request.params.id),
  );
  r.post(
    "/api/v1/messages/:id/abuse",
    {
      preValidation: staff,
      schema: {
        tags,
        summary: "Mark a customer message abusive, or clear a wrong flag",
        description:
          "Recorded in the audit log and on the case's timeline (staff only). 409 for a staff message.",
        security: bearer,
        params: idParamSchema,
        body: verdictInputSchema,
        response: { 200: assessmentSchema, ...withConflict },
      },
    },
    async (request) => setVerdict(app.ctx, actorOf(request), request.params.id, request.body),
  );
  r.post(
    "/api/v1/messages/:id/reveal",
    {
      preValidation: staff,
      schema: {
        tags,
        summary: "Record that the caller revealed the masked words of a message",
        description:
          "The case view already holds the body; masking is done in the browser from maskSpans. This call only writes the audit entry.",
        security: bearer,
        params: idParamSchema,
        response: { 200: revealResultSchema, ...withNotFound },
      },
    },
    async (request) => recordReveal(app.ctx, actorOf(request), request.params.id),
  );
  r.get(
    "/api/v1/me/conduct-preferences",
    {
      preValidation: staff,
      schema: {
        tags,
        summary: "The caller's masking preference",
        security: bearer,
        response: { 200: conductPreferencesSchema, ...withNotFound },
      },
    },
    async (request) => getConductPreferences(app.ctx, actorOf(request)),
  );
  r.put(
    "/api/v1/me/conduct-preferences",
    {
      preValidation: staff,
      schema: {
        tags,
        summary: "Turn masking of insults in abusive messages on or off for yourself",
        security: bearer,
        body: conductPreferencesInputSchema,
        response: { 200: conductPreferencesSchema, ...withNotFound },
      },
    },
    async (request) => setConductPreferences(app.ctx, actorOf(request), request.body),
  );
  r.post(
    "/api/v1/cases/:id/hand-to-lead",
    {
      preValidation: staff,
      schema: {
        tags,
        summary: "Hand the case to a lead of its team (or an admin), no reason asked",
        security: bearer,
        params: idParamSchema,
        response: { 200: handToLeadResultSchema, ...withConflict },
      },
    },
    async (request) => handToLead(app.ctx, actorOf(request), request.params.id),
  );
  r.get(
    "/api/v1/conduct/assessments/export",
    {
      preValidation: staff,
      schema: {
        tags,
        summary: "Assessed texts with outcomes, signals and verdicts, as JSON lines (admins)",
        description:
          "One JSON object per line, oldest first. The `x-next-cursor` header, when present, fetches the next page.",
        security: bearer,
        querystring: assessmentExportQuerySchema,
        response: { 200: z.string(), ...withNotFound },
      },
    },
    async (request, reply) => {
      const page = await exportAssessments(app.ctx, actorOf(request), request.query);
      if (page.nextCursor) reply.header("x-next-cursor", page.nextCursor);
      return reply.type("application/x-ndjson; charset=utf-8").send(page.lines);
    },
  );
}
