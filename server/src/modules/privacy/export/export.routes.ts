import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import { idParamSchema } from "../../../../../contracts/common.ts";
import {
  customerExportListSchema,
  customerExportSchema,
  exportDownloadParamsSchema,
  exportTokenParamsSchema,
  portalExportParamsSchema,
} from "../../../../../contracts/customer-export.ts";
import { errorBodySchema } from "../../../../../contracts/errors.ts";
import { actorOf, requireActor } from "../../../platform/http/authenticate.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { bearer, router, withNotFound } from "../../../platform/http/route-kit.ts";
import { findWorkspaceForHost } from "../../workspaces/workspaces.repo.ts";
import {
  downloadByToken,
  downloadExport,
  type ExportDownload,
  listExports,
  ownCustomer,
  requestExport,
} from "./export.service.ts";

/**
 * GDPR export (issue #23). Admins export any customer of the workspace (it reads everything
 * the workspace holds about a person, so `workspace.manage`); a customer exports only their
 * own record from the portal. The emailed link needs no login: its token is the credential.
 */
const tags = ["Privacy"];
// Exporting is heavy; the per-customer limit is in the service, this one stops hammering.
const limited = { rateLimit: { max: 20, timeWindow: "1 minute" } };
const admin = requireActor("workspace.manage");
const portal = requireActor("portal.use");
const errors = { ...withNotFound, 409: errorBodySchema, 410: errorBodySchema, 429: errorBodySchema };

/** Streams the zip from storage (never whole in memory), its length known from storage. */
function sendZip(reply: FastifyReply, file: ExportDownload) {
  return reply
    .header("content-type", "application/zip")
    .header("content-length", file.size)
    .header("content-disposition", `attachment; filename="${file.fileName}"`)
    .header("x-content-type-options", "nosniff")
    .send(file.stream);
}

export function customerExportRoutes(app: FastifyInstance) {
  const r = router(app);

  r.post(
    "/api/v1/customers/:id/export",
    {
      preValidation: admin,
      config: limited,
      schema: {
        tags,
        summary: "Start a GDPR export of a customer's data (a zip, built in the background)",
        security: bearer,
        params: idParamSchema,
        response: { 202: customerExportSchema, ...errors },
      },
    },
    async (request, reply) => {
      const e = await requestExport(app.ctx, actorOf(request), request.params.id, "staff", request.id);
      return reply.status(202).send(e);
    },
  );

  r.get(
    "/api/v1/customers/:id/exports",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "A customer's exports, newest first, with status and download link",
        security: bearer,
        params: idParamSchema,
        response: { 200: customerExportListSchema, ...withNotFound },
      },
    },
    async (request) => listExports(app.ctx, actorOf(request), request.params.id, "staff"),
  );

  r.get(
    "/api/v1/customers/:id/exports/:exportId/download",
    {
      preValidation: admin,
      config: limited,
      schema: {
        tags,
        summary: "Download a ready export (410 once its link has expired)",
        security: bearer,
        params: exportDownloadParamsSchema,
        response: { 200: z.any(), ...errors },
      },
    },
    async (request, reply) =>
      sendZip(
        reply,
        await downloadExport(app.ctx, actorOf(request), request.params.id, request.params.exportId, "staff"),
      ),
  );

  r.post(
    "/api/v1/portal/export",
    {
      preValidation: portal,
      config: limited,
      schema: {
        tags,
        summary: "Ask for a copy of my data (the link is emailed and shown in the portal)",
        security: bearer,
        response: { 202: customerExportSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const e = await requestExport(app.ctx, actor, await ownCustomer(app.ctx, actor), "portal", request.id);
      return reply.status(202).send(e);
    },
  );

  r.get(
    "/api/v1/portal/exports",
    {
      preValidation: portal,
      schema: {
        tags,
        summary: "My data exports, newest first",
        security: bearer,
        response: { 200: customerExportListSchema, ...withNotFound },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      // A login that never became a customer has nothing to export yet.
      const customerId = await ownCustomer(app.ctx, actor).catch((err) => {
        if (err instanceof AppError && err.code === "not_found") return undefined;
        throw err;
      });
      return customerId ? listExports(app.ctx, actor, customerId, "portal") : { items: [] };
    },
  );

  r.get(
    "/api/v1/portal/exports/:exportId/download",
    {
      preValidation: portal,
      config: limited,
      schema: {
        tags,
        summary: "Download my data export",
        security: bearer,
        params: portalExportParamsSchema,
        response: { 200: z.any(), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const customerId = await ownCustomer(app.ctx, actor).catch(() => {
        throw new AppError("not_found", "Export was not found");
      });
      return sendZip(
        reply,
        await downloadExport(app.ctx, actor, customerId, request.params.exportId, "portal"),
      );
    },
  );

  r.get(
    "/api/v1/customer-exports/:token",
    {
      config: { rateLimit: { max: 30, timeWindow: "1 minute" } },
      schema: {
        tags,
        summary: "Download an export through the emailed link (no login; 410 once expired)",
        params: exportTokenParamsSchema,
        response: {
          200: z.any(),
          400: errorBodySchema,
          404: errorBodySchema,
          409: errorBodySchema,
          410: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const ws = await findWorkspaceForHost(app.ctx.db, request.headers.host);
      if (!ws) throw new AppError("not_found", "Export was not found");
      return sendZip(reply, await downloadByToken(app.ctx, ws.id, request.params.token));
    },
  );
}
