import type { FastifyInstance } from "fastify";
import { idParamSchema } from "../../../../contracts/common.ts";
import { errorBodySchema } from "../../../../contracts/errors.ts";
import {
  createWorkspaceInputSchema,
  installWorkspaceListSchema,
  installWorkspaceSchema,
  updateWorkspaceHostInputSchema,
} from "../../../../contracts/workspaces.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import {
  createWorkspace,
  listWorkspaces,
  requireOperator,
  updateWorkspace,
} from "./install-workspaces.service.ts";

/**
 * The install's workspaces (plural; `/api/v1/workspace` is the caller's own). Each serves its
 * own host name. Only the operator (an admin of the install's first workspace) may use these:
 * a workspace is a tenant, and one tenant's admin must not see or manage the others.
 */
export function installWorkspaceRoutes(app: FastifyInstance) {
  const r = router(app);
  const operator = async (request: Parameters<ReturnType<typeof requireActor>>[0]) => {
    await requireActor("workspace.manage")(request);
    if (request.actor) await requireOperator(app.ctx, request.actor);
  };

  r.get(
    "/api/v1/workspaces",
    {
      preValidation: operator,
      schema: {
        tags: ["Setup"],
        summary: "Every workspace of this install (operator only)",
        security: bearer,
        response: { 200: installWorkspaceListSchema, ...withNotFound },
      },
    },
    async () => ({ items: await listWorkspaces(app.ctx) }),
  );

  r.post(
    "/api/v1/workspaces",
    {
      preValidation: operator,
      schema: {
        tags: ["Setup"],
        summary: "Create a workspace on its own host name, optionally with its first admin",
        security: bearer,
        body: createWorkspaceInputSchema,
        response: { 201: installWorkspaceSchema, ...withNotFound, 409: errorBodySchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const created = await createWorkspace(app.ctx, request.body, {
        userId: actor.userId,
        requestId: request.id,
      });
      return reply.status(201).send(created);
    },
  );

  r.patch(
    "/api/v1/workspaces/:id",
    {
      preValidation: operator,
      schema: {
        tags: ["Setup"],
        summary: "Rename a workspace or change the host it answers on",
        security: bearer,
        params: idParamSchema,
        body: updateWorkspaceHostInputSchema,
        response: { 200: installWorkspaceSchema, ...withNotFound, 409: errorBodySchema },
      },
    },
    async (request) =>
      updateWorkspace(app.ctx, request.params.id, request.body, {
        userId: actorOf(request).userId,
        requestId: request.id,
      }),
  );
}
