import type { FastifyInstance } from "fastify";
import { errorBodySchema } from "../../../../contracts/errors.ts";
import {
  analyticsSchema,
  createPlaybookSchema,
  exportQuerySchema,
  exportSchema,
  importSchema,
  playbookDetailSchema,
  playbookListSchema,
  playbookParamSchema,
  saveDraftSchema,
} from "../../../../contracts/playbooks.ts";
import { readContext } from "../../platform/db/replica.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { playbookAnalytics } from "./analytics.ts";
import {
  createPlaybook,
  exportYaml,
  getPlaybook,
  importYaml,
  listAll,
  publish,
  saveDraft,
} from "./playbooks.service.ts";

const tags = ["Playbooks"];
const manage = requireActor("playbooks.manage");
const work = requireActor("cases.work");
const withConflict = { ...withNotFound, 409: errorBodySchema };

/** Authoring: drafts, publishing (which freezes a version), YAML in and out, analytics. */
export function playbookRoutes(app: FastifyInstance) {
  const r = router(app);

  r.get(
    "/api/v1/playbooks",
    {
      preValidation: work,
      schema: {
        tags,
        summary: "All playbooks",
        security: bearer,
        response: { 200: playbookListSchema, ...withNotFound },
      },
    },
    async (request) => listAll(app.ctx, actorOf(request)),
  );

  r.post(
    "/api/v1/playbooks",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Create a playbook (its first version is a draft)",
        description: "The definition is checked whole: each 400 names the step and the field at fault.",
        security: bearer,
        body: createPlaybookSchema,
        response: { 201: playbookDetailSchema, ...withConflict },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createPlaybook(app.ctx, actorOf(request), request.body)),
  );

  r.get(
    "/api/v1/playbooks/:id",
    {
      preValidation: work,
      schema: {
        tags,
        summary: "A playbook with its draft, published version and version history",
        security: bearer,
        params: playbookParamSchema,
        response: { 200: playbookDetailSchema, ...withNotFound },
      },
    },
    async (request) => getPlaybook(app.ctx, actorOf(request), request.params.id),
  );

  r.put(
    "/api/v1/playbooks/:id/draft",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Save the draft (after a publish, this starts the next version)",
        security: bearer,
        params: playbookParamSchema,
        body: saveDraftSchema,
        response: { 200: playbookDetailSchema, ...withConflict },
      },
    },
    async (request) => saveDraft(app.ctx, actorOf(request), request.params.id, request.body.definition),
  );

  r.post(
    "/api/v1/playbooks/:id/publish",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Publish the draft: it becomes the version new runs follow, frozen from now on",
        security: bearer,
        params: playbookParamSchema,
        response: { 200: playbookDetailSchema, ...withConflict },
      },
    },
    async (request) => publish(app.ctx, actorOf(request), request.params.id),
  );

  r.get(
    "/api/v1/playbooks/:id/export",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "The playbook as YAML (default: the draft, else the newest version)",
        security: bearer,
        params: playbookParamSchema,
        querystring: exportQuerySchema,
        response: { 200: exportSchema, ...withNotFound },
      },
    },
    async (request) => exportYaml(app.ctx, actorOf(request), request.params.id, request.query.version),
  );

  r.post(
    "/api/v1/playbooks/import",
    {
      preValidation: manage,
      bodyLimit: 400_000,
      schema: {
        tags,
        summary: "Import YAML: a new playbook, or a new draft of the playbook with the same slug",
        description: "Anchors/aliases, nesting deeper than 12 levels and files over 200 kB are refused.",
        security: bearer,
        body: importSchema,
        response: { 200: playbookDetailSchema, ...withConflict, 413: errorBodySchema },
      },
    },
    async (request) => importYaml(app.ctx, actorOf(request), request.body.yaml),
  );

  r.get(
    "/api/v1/playbooks/:id/analytics",
    {
      preValidation: work,
      schema: {
        tags,
        summary: "Runs, how they ended, and where abandoned runs stopped most",
        security: bearer,
        params: playbookParamSchema,
        response: { 200: analyticsSchema, ...withNotFound },
      },
    },
    async (request) => playbookAnalytics(readContext(app.ctx), actorOf(request), request.params.id),
  );
}
