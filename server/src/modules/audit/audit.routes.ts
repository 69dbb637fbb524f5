import type { FastifyInstance } from "fastify";
import {
  auditExportQuerySchema,
  auditPageSchema,
  auditQuerySchema,
  auditVerifySchema,
} from "../../../../contracts/audit.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { authErrors, bearer, router } from "../../platform/http/route-kit.ts";
import { exportAuditLog, searchAuditLog, verifyAuditLog } from "./audit.service.ts";

const tags = ["Audit log"];
// Who did what in the workspace is for its admins.
const admin = requireActor("workspace.manage");

export function auditRoutes(app: FastifyInstance) {
  const r = router(app);
  r.get(
    "/api/v1/audit",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Search the audit log, newest first",
        description:
          "Filters: action (exact, or a family ending in a dot such as `conduct.`), actor (user id), subject (id), " +
          "from/to (ISO 8601, to excluded), q (text in the action, subject or data). Keyset pagination by nextCursor.",
        security: bearer,
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema, ...authErrors },
      },
    },
    async (request) => searchAuditLog(app.ctx, actorOf(request), request.query),
  );
  r.get(
    "/api/v1/audit/export",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Export the audit log as CSV or JSON Lines (streamed), with the same filters",
        description: "The export is itself recorded in the audit log (audit.exported).",
        security: bearer,
        querystring: auditExportQuerySchema,
        response: authErrors,
      },
    },
    async (request, reply) => {
      const { format } = request.query;
      const stream = await exportAuditLog(app.ctx, actorOf(request), request.query, request.id);
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .type(format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8")
        .header("content-disposition", `attachment; filename="audit-log-${day}.${format}"`)
        .send(stream as never);
    },
  );
  r.get(
    "/api/v1/audit/verify",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Check this workspace's audit chain and name the first broken record",
        security: bearer,
        response: { 200: auditVerifySchema, ...authErrors },
      },
    },
    async (request) => {
      const report = await verifyAuditLog(app.ctx, actorOf(request));
      return { ok: report.broken === null, records: report.records, broken: report.broken };
    },
  );
}
