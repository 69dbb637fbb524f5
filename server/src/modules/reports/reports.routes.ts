import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  reportCasesQuerySchema,
  reportCasesSchema,
  reportMetricParamSchema,
  reportQuerySchema,
  reportSchema,
} from "../../../../contracts/reports.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { audit } from "../audit/audit.ts";
import { toCsv } from "./csv.ts";
import { reportCases, supportReport } from "./reports.service.ts";

const tags = ["Reports"];
const read = requireActor("cases.read");

/** CSV when asked by `?format=csv` or by an Accept header that prefers text/csv. */
function wantsCsv(request: FastifyRequest<{ Querystring: { format?: string | undefined } }>) {
  if (request.query.format) return request.query.format === "csv";
  return /\btext\/csv\b/.test(request.headers.accept ?? "");
}

/** A download of workspace data is an export: recorded in the audit log (issue #23). */
async function sendCsv(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  name: string,
  body: string,
) {
  const actor = actorOf(request);
  await audit(new TenantScope(app.ctx.db, actor.workspaceId), {
    actorUserId: actor.userId,
    action: "report.exported",
    subjectType: "report",
    subjectId: name,
    data: { format: "csv", query: request.query as Record<string, unknown> },
    requestId: request.id,
  });
  return reply
    .type("text/csv; charset=utf-8")
    .header("content-disposition", `attachment; filename="${name}.csv"`)
    .serializer((p: unknown) => p as string)
    .send(body as never);
}

export function reportRoutes(app: FastifyInstance) {
  const r = router(app);
  r.get(
    "/api/v1/reports/:metric",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "A support metric over a period, optionally grouped and filtered",
        description:
          "Counts the cases created in [from, to] (days on the chosen clock). Times are mean minutes: business hours " +
          "(clock=business) or elapsed time on the customer's own clock (clock=customer). CSV with ?format=csv or " +
          "Accept: text/csv. For admins and team leads.",
        security: bearer,
        params: reportMetricParamSchema,
        querystring: reportQuerySchema,
        response: { 200: reportSchema, ...withNotFound },
      },
    },
    async (request, reply) => {
      const report = await supportReport(app.ctx, actorOf(request), request.params.metric, request.query);
      if (!wantsCsv(request)) return report;
      const header = [report.groupBy ?? "period", "label", `value (${report.unit})`, "count", "hits"];
      const rows = (
        report.rows.length
          ? report.rows
          : [{ key: `${report.from}..${report.to}`, label: "all", ...report.total }]
      ).map((x) => [x.key, x.label, x.value, x.count, x.hits]);
      return sendCsv(
        app,
        request,
        reply,
        `${report.metric}-${report.from}-${report.to}`,
        toCsv(header, rows),
      );
    },
  );
  r.get(
    "/api/v1/reports/:metric/cases",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "The cases behind a report figure (paged)",
        description:
          "Same parameters as the report, plus bucket: the row's key (a day, team id, channel, tag or backlog age).",
        security: bearer,
        params: reportMetricParamSchema,
        querystring: reportCasesQuerySchema,
        response: { 200: reportCasesSchema, ...withNotFound },
      },
    },
    async (request, reply) => {
      const page = await reportCases(app.ctx, actorOf(request), request.params.metric, request.query);
      if (!wantsCsv(request)) return page;
      const rows = page.items.map((c) => [c.number, c.subject, c.status, c.channel, c.createdAt, c.value]);
      return sendCsv(
        app,
        request,
        reply,
        `${request.params.metric}-cases`,
        toCsv(["number", "subject", "status", "channel", "created at", "value"], rows),
      );
    },
  );
}
