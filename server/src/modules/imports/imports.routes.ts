import type { FastifyInstance } from "fastify";
import { idParamSchema } from "../../../../contracts/common.ts";
import { errorBodySchema } from "../../../../contracts/errors.ts";
import {
  importRunListSchema,
  importRunSchema,
  importSkipPageSchema,
  importSkipsQuerySchema,
  importSyncInputSchema,
  resumeImportSchema,
  startZendeskImportSchema,
} from "../../../../contracts/imports.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { authErrors, bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { IMPORT_PERMISSION } from "./imports.policy.ts";
import {
  cancelImport,
  getImport,
  importSkips,
  listImports,
  resumeImport,
  startZendeskImport,
} from "./imports.service.ts";
import { disableSync, enableSync } from "./sync.service.ts";

const tags = ["Imports"];
const admin = requireActor(IMPORT_PERMISSION);
const withConflict = { ...withNotFound, 409: errorBodySchema } as const;

export function importRoutes(app: FastifyInstance) {
  const r = router(app);

  r.post(
    "/api/v1/imports/zendesk",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Start an import from Zendesk (admins); a later one of the same account is a delta sync",
        description:
          "Queues a run and answers at once; poll GET /api/v1/imports/{id} for progress. The token is kept " +
          "sealed only while the run needs it and is never returned. 409 while a run of the same account is live.",
        security: bearer,
        body: startZendeskImportSchema,
        response: { 202: importRunSchema, ...authErrors, 409: errorBodySchema },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await startZendeskImport(app.ctx, actorOf(request), request.body)),
  );

  r.get(
    "/api/v1/imports",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "The history of imports, newest first (the latest 100)",
        security: bearer,
        response: { 200: importRunListSchema, ...authErrors },
      },
    },
    async (request) => listImports(app.ctx, actorOf(request)),
  );

  r.get(
    "/api/v1/imports/:id",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "One import: status, resource being read, counts per resource, rate, dry-run report",
        security: bearer,
        params: idParamSchema,
        response: { 200: importRunSchema, ...withNotFound },
      },
    },
    async (request) => getImport(app.ctx, actorOf(request), request.params.id),
  );

  r.get(
    "/api/v1/imports/:id/skips",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "The records an import skipped or failed, with the reason (keyset paged)",
        security: bearer,
        params: idParamSchema,
        querystring: importSkipsQuerySchema,
        response: { 200: importSkipPageSchema, ...withNotFound },
      },
    },
    async (request) => importSkips(app.ctx, actorOf(request), request.params.id, request.query),
  );

  r.post(
    "/api/v1/imports/:id/cancel",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Cancel a queued or running import; it stops between pages and can be resumed",
        security: bearer,
        params: idParamSchema,
        response: { 200: importRunSchema, ...withConflict },
      },
    },
    async (request) => cancelImport(app.ctx, actorOf(request), request.params.id),
  );

  r.post(
    "/api/v1/imports/:id/resume",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Resume a failed or cancelled import from its checkpoints (a new run; credentials again)",
        security: bearer,
        params: idParamSchema,
        body: resumeImportSchema,
        response: { 202: importRunSchema, ...withConflict },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await resumeImport(app.ctx, actorOf(request), request.params.id, request.body)),
  );

  r.put(
    "/api/v1/imports/:id/sync",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Keep this finished import's account in sync: a delta run every N minutes, until turned off",
        description:
          "The email and token are given again (a finished run no longer holds them) and kept sealed on the " +
          "sync, never returned. Setting it again changes the interval and credentials. 409 unless the run " +
          "is a finished, real (not dry) import.",
        security: bearer,
        params: idParamSchema,
        body: importSyncInputSchema,
        response: { 200: importRunSchema, ...withConflict },
      },
    },
    async (request) => enableSync(app.ctx, actorOf(request), request.params.id, request.body),
  );

  r.delete(
    "/api/v1/imports/:id/sync",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Stop keeping this import's account in sync; its sealed credentials are deleted",
        security: bearer,
        params: idParamSchema,
        response: { 200: importRunSchema, ...withNotFound },
      },
    },
    async (request) => disableSync(app.ctx, actorOf(request), request.params.id),
  );
}
