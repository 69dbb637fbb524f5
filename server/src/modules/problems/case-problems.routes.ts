import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { errorBodySchema } from "../../../../contracts/errors.ts";
import { caseProblemListSchema, waitOnProblemSchema } from "../../../../contracts/problems.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { caseProblems, optOutOfProblem, waitOnProblem } from "./case-problems.service.ts";

const tags = ["Problems"];
const caseParams = z.strictObject({ caseId: z.uuid() });

/** A case's problems: for the agent's case page and the customer's request page. */
export function caseProblemRoutes(app: FastifyInstance) {
  const r = router(app);

  r.get(
    "/api/v1/cases/:caseId/problems",
    {
      preValidation: requireActor(),
      schema: {
        tags,
        summary: "The problems linked to a case",
        description:
          "Staff see each problem's number and title; the case's customer sees only the public title, the status " +
          "and the public workaround.",
        security: bearer,
        params: caseParams,
        response: { 200: caseProblemListSchema, ...withNotFound },
      },
    },
    async (request) => caseProblems(app.ctx, actorOf(request), request.params.caseId),
  );

  r.put(
    "/api/v1/cases/:caseId/waiting-on-problem",
    {
      preValidation: requireActor("cases.read"),
      schema: {
        tags,
        summary: "Make the case wait on a problem (its pending reason), or stop waiting (null)",
        description: "Waiting links the case first when needed. A solved or closed case cannot wait (409).",
        security: bearer,
        params: caseParams,
        body: waitOnProblemSchema,
        response: { 200: caseProblemListSchema, ...withNotFound, 409: errorBodySchema },
      },
    },
    async (request) =>
      waitOnProblem(app.ctx, actorOf(request), request.params.caseId, request.body.problemId),
  );

  r.post(
    "/api/v1/cases/:caseId/problems/:problemId/opt-out",
    {
      preValidation: requireActor(),
      schema: {
        tags,
        summary: "The customer stops receiving updates about this problem",
        security: bearer,
        params: z.strictObject({ caseId: z.uuid(), problemId: z.uuid() }),
        response: { 204: z.null(), ...withNotFound },
      },
    },
    async (request, reply) => {
      await optOutOfProblem(app.ctx, actorOf(request), request.params.caseId, request.params.problemId);
      return reply.status(204).send(null);
    },
  );
}
