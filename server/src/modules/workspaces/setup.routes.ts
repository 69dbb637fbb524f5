import type { FastifyInstance } from "fastify";
import {
  publicWorkspaceSchema,
  setupInputSchema,
  setupResultSchema,
  setupStatusSchema,
} from "../../../../contracts/accounts.ts";
import { errorBodySchema } from "../../../../contracts/errors.ts";
import { notFound } from "../../platform/http/errors.ts";
import { router } from "../../platform/http/route-kit.ts";
import { isSetupRequired, publicWorkspace, setupWorkspace } from "./workspaces.service.ts";

export function setupRoutes(app: FastifyInstance) {
  const r = router(app);

  r.get(
    "/api/v1/setup",
    {
      schema: {
        tags: ["Setup"],
        summary: "Whether first-run setup is still needed",
        response: { 200: setupStatusSchema },
      },
    },
    async () => ({ setupRequired: await isSetupRequired(app.ctx) }),
  );

  r.post(
    "/api/v1/setup",
    {
      config: { rateLimit: { max: 30, timeWindow: "1 minute" } },
      schema: {
        tags: ["Setup"],
        summary: "Create the workspace and its first admin (only once, on a fresh install)",
        body: setupInputSchema,
        response: { 201: setupResultSchema, 400: errorBodySchema, 409: errorBodySchema },
      },
    },
    async (request, reply) => {
      const result = await setupWorkspace(app.ctx, request.body, request.id);
      return reply.status(201).send(result);
    },
  );

  r.get(
    "/api/v1/public/workspace",
    {
      schema: {
        tags: ["Setup"],
        summary: "The public face of the workspace serving this host",
        response: { 200: publicWorkspaceSchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const workspace = await publicWorkspace(app.ctx, request.headers.host);
      if (!workspace) throw notFound("Workspace");
      return workspace;
    },
  );
}
