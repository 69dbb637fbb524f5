import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { idParamSchema } from "../../../../contracts/common.ts";
import { errorBodySchema } from "../../../../contracts/errors.ts";
import {
  lifecycleImportQuerySchema,
  lifecycleImportResultSchema,
  lifecycleListSchema,
  lifecycleRecordedSchema,
} from "../../../../contracts/lifecycle.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { errorBody } from "../../platform/http/errors.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { ImportRejected, importLifecycleCsv, lifecycleOf, recordLifecycle } from "./lifecycle.service.ts";

const tags = ["Retention"];
const CSV_LIMIT = 5 * 1024 * 1024;
const rejectedSchema = errorBodySchema.extend({ import: lifecycleImportResultSchema.optional() });
const postResponses = {
  ...withNotFound,
  400: rejectedSchema,
  200: z.union([lifecycleRecordedSchema, lifecycleImportResultSchema]),
  201: lifecycleRecordedSchema,
};
const description =
  "JSON `{event, at, value?, externalId?}` records one event (201; 200 when its externalId was already seen, " +
  "changing nothing). `Content-Type: text/csv` imports many: header `customer,event,at,value,external_id`, " +
  "customer being an id, an email or an account number (empty: this path's customer). Any invalid row " +
  "rejects the file with every error's line number (400, nothing applied) unless `?skipInvalid=true`.";

/**
 * Lifecycle events from billing and CRM systems (API tokens welcome). The same path takes JSON
 * or CSV, so this scope parses text/csv as a string and the handler validates the JSON itself.
 */
export function lifecycleRoutes(app: FastifyInstance) {
  void app.register(async (scope) => {
    scope.addContentTypeParser("text/csv", { parseAs: "string", bodyLimit: CSV_LIMIT }, (_req, body, done) =>
      done(null, String(body)),
    );
    const r = router(scope);
    const write = requireActor("customers.write");

    const handle = async (
      request: FastifyRequest & { query: { skipInvalid?: "true" | "false" | undefined } },
      reply: FastifyReply,
      customerId: string | null,
    ) => {
      const actor = actorOf(request);
      if (typeof request.body === "string") {
        try {
          const result = await importLifecycleCsv(
            scope.ctx,
            actor,
            customerId,
            request.body,
            request.query.skipInvalid === "true",
          );
          return reply.status(200).send(result);
        } catch (err) {
          if (!(err instanceof ImportRejected)) throw err;
          const first = err.result.errors.slice(0, 3).map((e) => `line ${e.line} (${e.field}): ${e.message}`);
          return reply.status(400).send({
            ...errorBody("validation_failed", `${err.message}: ${first.join("; ")}`, "csv"),
            import: err.result,
          });
        }
      }
      if (!customerId)
        return reply.status(400).send(errorBody("validation_failed", "Send a CSV file as text/csv", "body"));
      const out = await recordLifecycle(scope.ctx, actor, customerId, request.body);
      return reply.status(out.created ? 201 : 200).send(out);
    };

    r.post(
      "/api/v1/customers/:id/lifecycle",
      {
        preValidation: write,
        bodyLimit: CSV_LIMIT,
        schema: {
          tags,
          summary: "Record a lifecycle event (JSON), or import many (text/csv)",
          description,
          security: bearer,
          params: idParamSchema,
          querystring: lifecycleImportQuerySchema,
          response: postResponses,
        },
      },
      async (request, reply) => handle(request, reply, request.params.id),
    );
    r.post(
      "/api/v1/customers/lifecycle",
      {
        preValidation: write,
        bodyLimit: CSV_LIMIT,
        schema: {
          tags,
          summary: "Import lifecycle events of many customers (text/csv)",
          description,
          security: bearer,
          querystring: lifecycleImportQuerySchema,
          response: postResponses,
        },
      },
      async (request, reply) => handle(request, reply, null),
    );
    r.get(
      "/api/v1/customers/:id/lifecycle",
      {
        preValidation: requireActor("customers.read"),
        schema: {
          tags,
          summary: "The customer's lifecycle events, newest first",
          security: bearer,
          params: idParamSchema,
          response: { 200: lifecycleListSchema, ...withNotFound },
        },
      },
      async (request) => lifecycleOf(scope.ctx, actorOf(request), request.params.id),
    );
  });
}
