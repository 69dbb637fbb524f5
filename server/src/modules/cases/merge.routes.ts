import type { FastifyInstance } from "fastify";
import {
  bulkCasesInputSchema,
  caseCountsSchema,
  caseListSchema,
  caseMoveResultSchema,
  caseUndoResultSchema,
  mergeCasesInputSchema,
  splitCaseInputSchema,
} from "../../../../contracts/cases.ts";
import { idParamSchema } from "../../../../contracts/common.ts";
import { errorBodySchema } from "../../../../contracts/errors.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { bulkUpdateCases } from "./bulk.service.ts";
import { countCases } from "./case-counts.ts";
import { mergeCases, undoMerge } from "./merge.service.ts";
import { splitCase, undoSplit } from "./split.service.ts";

const tags = ["Cases"];
const staffOnly = requireActor("cases.work");
const withConflict = { ...withNotFound, 409: errorBodySchema };

/** The inbox's counts and bulk changes, and merging and splitting cases (with their undo). */
export function caseBulkRoutes(app: FastifyInstance) {
  const r = router(app);

  r.get(
    "/api/v1/cases/counts",
    {
      preValidation: requireActor("cases.read"),
      schema: {
        tags,
        summary: "Unsolved cases per inbox view (mine, unassigned, all, teams, saved views), capped",
        security: bearer,
        response: { 200: caseCountsSchema },
      },
    },
    async (request) => countCases(app.ctx, actorOf(request)),
  );

  r.post(
    "/api/v1/cases/bulk",
    {
      preValidation: staffOnly,
      schema: {
        tags,
        summary: "Change status, priority, assignee, team or tags of up to 100 cases, all or nothing",
        security: bearer,
        body: bulkCasesInputSchema,
        response: { 200: caseListSchema, ...withConflict },
      },
    },
    async (request) => bulkUpdateCases(app.ctx, actorOf(request), request.body.caseIds, request.body.set),
  );

  r.post(
    "/api/v1/cases/:id/merge",
    {
      preValidation: staffOnly,
      schema: {
        tags,
        summary: "Merge cases of the same customer into this one; undoable for 10 minutes",
        security: bearer,
        params: idParamSchema,
        body: mergeCasesInputSchema,
        response: { 200: caseMoveResultSchema, ...withConflict },
      },
    },
    async (request) => mergeCases(app.ctx, actorOf(request), request.params.id, request.body.caseIds),
  );

  r.post(
    "/api/v1/cases/:id/merge/undo",
    {
      preValidation: staffOnly,
      schema: {
        tags,
        summary: "Undo the latest merge into this case (within 10 minutes)",
        security: bearer,
        params: idParamSchema,
        response: { 200: caseUndoResultSchema, ...withConflict },
      },
    },
    async (request) => undoMerge(app.ctx, actorOf(request), request.params.id),
  );

  r.post(
    "/api/v1/cases/:id/split",
    {
      preValidation: staffOnly,
      schema: {
        tags,
        summary: "Move chosen messages to a new case of the same customer; undoable for 10 minutes",
        security: bearer,
        params: idParamSchema,
        body: splitCaseInputSchema,
        response: { 201: caseMoveResultSchema, ...withConflict },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await splitCase(app.ctx, actorOf(request), request.params.id, request.body.messageIds)),
  );

  r.post(
    "/api/v1/cases/:id/split/undo",
    {
      preValidation: staffOnly,
      schema: {
        tags,
        summary: "Undo the latest split of this case (within 10 minutes)",
        security: bearer,
        params: idParamSchema,
        response: { 200: caseUndoResultSchema, ...withConflict },
      },
    },
    async (request) => undoSplit(app.ctx, actorOf(request), request.params.id),
  );
}
