import { randomUUID } from "node:crypto";
import rateLimit from "@fastify/rate-limit";
import websocket from "@fastify/websocket";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { validatorCompiler } from "fastify-type-provider-zod";
import { sql } from "kysely";
import { z } from "zod";
import { errorBodySchema } from "../../contracts/errors.ts";
import { academyCertificateRoutes } from "./modules/academy/certificates/certificates.routes.ts";
import { academyCourseFileRoutes } from "./modules/academy/courses/course-file.routes.ts";
import { academyCourseRoutes } from "./modules/academy/courses/courses.routes.ts";
import { academyMediaRoutes } from "./modules/academy/courses/media.routes.ts";
import { academyLearningRoutes } from "./modules/academy/learning/learning.routes.ts";
import { academyPathRoutes } from "./modules/academy/paths/paths.routes.ts";
import { academyCoverRoute } from "./modules/academy/public/cover.routes.ts";
import { registerAcademyPublicPages } from "./modules/academy/public/register.ts";
import { registerAcademy } from "./modules/academy/register.ts";
import { academyReportRoutes } from "./modules/academy/report/report.routes.ts";
import { academySessionsApi, academySessionsPages } from "./modules/academy/sessions/register.ts";
import { academySupportRoutes } from "./modules/academy/support/support.routes.ts";
import { accountRoutes } from "./modules/accounts/accounts.routes.ts";
import { profileRoutes } from "./modules/accounts/profile.routes.ts";
import { tokenRoutes } from "./modules/accounts/tokens.routes.ts";
import { actionRoutes } from "./modules/actions/actions.routes.ts";
import { demoFulfilmentRoutes } from "./modules/actions/demo-fulfilment.ts";
import { auditRoutes } from "./modules/audit/audit.routes.ts";
import { auditStreamRoutes } from "./modules/audit/stream.routes.ts";
import { callRoutes } from "./modules/calls/calls.routes.ts";
import { caseLinkRoutes } from "./modules/case-links/case-links.routes.ts";
import { caseRoutes } from "./modules/cases/cases.routes.ts";
import { caseBulkRoutes } from "./modules/cases/merge.routes.ts";
import { channelRoutes } from "./modules/channels/channels.routes.ts";
import { channelInboundRoutes } from "./modules/channels/inbound.routes.ts";
import { widgetAssetRoutes } from "./modules/chat/assets/assets.routes.ts";
import { chatAvailabilityApi } from "./modules/chat/availability/register.ts";
import { proactiveRoutes } from "./modules/chat/proactive/proactive.routes.ts";
import { chatWidgetApi } from "./modules/chat/register.ts";
import { chatTransferRoutes } from "./modules/chat/transfer/transfer.routes.ts";
import { communityLiveRoutes } from "./modules/community/live/live.routes.ts";
import { communityFormRoutes } from "./modules/community/public/form-posts.ts";
import { registerCommunityPublicPages } from "./modules/community/public/register.ts";
import { rememberTopicPages } from "./modules/community/public/topic-memory.ts";
import { communityApi, registerCommunity } from "./modules/community/register.ts";
import { communityUploadRoutes } from "./modules/community/uploads/uploads.routes.ts";
import { composerRoutes } from "./modules/composer/composer.routes.ts";
import { conductAssessRoutes } from "./modules/conduct/assess/assess.routes.ts";
import { conductApi } from "./modules/conduct/register.ts";
import { customerRoutes } from "./modules/customers/customers.routes.ts";
import { portalRoutes } from "./modules/customers/portal.routes.ts";
import { diagnosticsRoutes } from "./modules/diagnostics/diagnostics.routes.ts";
import { emailRoutes } from "./modules/email/email.routes.ts";
import { heldMailRoutes } from "./modules/email/held.routes.ts";
import { imapRoutes } from "./modules/email/imap.routes.ts";
import { outgoingMailRoutes } from "./modules/email/outgoing.routes.ts";
import { escalationRoutes } from "./modules/escalations/escalations.routes.ts";
import { expectationRoutes } from "./modules/expectations/expectations.routes.ts";
import { feedbackPublicRoutes, registerFeedbackPublicPages } from "./modules/feedback/public/register.ts";
import { feedbackApi, registerFeedback } from "./modules/feedback/register.ts";
import { helpRoutes } from "./modules/help/help.routes.ts";
import { loadHelpPage, publicHelpRoutes } from "./modules/help/public-pages.ts";
import { helpSearchRoutes } from "./modules/help/search/search.routes.ts";
import { businessHoursRoutes } from "./modules/hours/hours.routes.ts";
import { importRoutes } from "./modules/imports/imports.routes.ts";
import { notificationsRoutes } from "./modules/notifications/notifications.routes.ts";
import { playbookRoutes } from "./modules/playbooks/playbooks.routes.ts";
import { playbookRunRoutes } from "./modules/playbooks/runs.routes.ts";
import { customerExportRoutes } from "./modules/privacy/export/export.routes.ts";
import { privacyRoutes } from "./modules/privacy/privacy.routes.ts";
import { caseProblemRoutes } from "./modules/problems/case-problems.routes.ts";
import { problemDetectionRoutes } from "./modules/problems/detection/detection.routes.ts";
import { problemRoutes } from "./modules/problems/problems.routes.ts";
import { profileApiRoutes } from "./modules/profiles/profiles.routes.ts";
import { repeatsRoutes } from "./modules/repeats/repeats.routes.ts";
import { reportRoutes } from "./modules/reports/reports.routes.ts";
import { retentionRoutes } from "./modules/retention/retention.routes.ts";
import { registerRetention } from "./modules/retention/sources.ts";
import { myCustomersRoutes } from "./modules/routing/my-customers.routes.ts";
import { routingRoutes } from "./modules/routing/routing.routes.ts";
import { searchRoutes } from "./modules/search/search.routes.ts";
import { passkeyRoutes } from "./modules/security/passkeys.routes.ts";
import { securityRoutes } from "./modules/security/security.routes.ts";
import { slaRoutes } from "./modules/sla/sla.routes.ts";
import { snippetRoutes } from "./modules/snippets/snippets.routes.ts";
import { ssoRoutes } from "./modules/sso/sso.routes.ts";
import { surveysApi } from "./modules/surveys/register.ts";
import { teamRoutes } from "./modules/teams/team.routes.ts";
import { webhookRoutes } from "./modules/webhooks/webhooks.routes.ts";
import { installWorkspaceRoutes } from "./modules/workspaces/install-workspaces.routes.ts";
import { workspaceSettingsRoutes } from "./modules/workspaces/settings.routes.ts";
import { setupRoutes } from "./modules/workspaces/setup.routes.ts";
import { publicWorkspace } from "./modules/workspaces/workspaces.service.ts";
import type { AppContext } from "./platform/context.ts";
import { installRequestFence } from "./platform/db/request-fence.ts";
import { authRoutes } from "./platform/http/auth-routes.ts";
import { errorBody, installErrorHandler } from "./platform/http/errors.ts";
import { healthRoutes } from "./platform/http/health.ts";
import { registerOpenApi } from "./platform/http/openapi.ts";
import { installSecurityHeaders } from "./platform/http/security-headers.ts";
import { responseSerializer } from "./platform/http/serializer.ts";
import { installUnstorableTextGuard } from "./platform/http/unstorable-text.ts";
import { registerMetrics } from "./platform/metrics.ts";
import { loadPublicPage, registerPublicPages } from "./platform/public-pages.ts";
import type { RealtimeHub } from "./platform/realtime/hub.ts";
import { realtimeRoutes } from "./platform/realtime/socket-route.ts";
import { registerWeb } from "./platform/web.ts";

export type AppOptions = {
  /** Serve the web app: Vite middleware in dev, the built files otherwise. Off in API tests. */
  web: { dev: boolean } | false;
  hub: RealtimeHub;
};

const REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;

/**
 * The HTTP application. Every request goes: request id → security headers → route
 * (rate limit → authenticate → validate with the zod contract → service in one transaction)
 * → one JSON error shape for whatever went wrong.
 */
export async function buildApp(ctx: AppContext, opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: ctx.config.trustProxy,
    // Keep a caller's request id (from a proxy or integration) when it looks sane.
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
    },
    forceCloseConnections: "idle",
  });
  app.decorate("ctx", ctx);
  app.decorateRequest("actor", undefined);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializer({ validate: ctx.config.nodeEnv !== "production" }));
  installErrorHandler(app);
  // Before every route: a request's unscoped queries are fenced to the workspace it works for
  // (request-fence.ts; on by default, DB_REQUEST_FENCE=off lowers it).
  if (ctx.config.dbRequestFence) installRequestFence(app);
  installUnstorableTextGuard(app);
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });

  installSecurityHeaders(app, { publicUrl: ctx.config.publicUrl });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, c) => ({
      statusCode: 429,
      ...errorBody("rate_limited", `Too many requests; try again in ${Math.ceil(c.ttl / 1000)} s`),
    }),
  });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  registerMetrics(app, { pool: ctx.pool, token: ctx.config.metricsToken });
  await registerOpenApi(app);

  app.get(
    "/api/health",
    {
      schema: {
        tags: ["Operations"],
        summary: "200 once the app is ready to serve; 503 while the database is unreachable",
        response: { 200: z.object({ status: z.literal("ok") }), 503: errorBodySchema },
      },
    },
    async (_request, reply) => {
      const ok = await sql`select 1`.execute(ctx.db).then(
        () => true,
        () => false,
      );
      if (!ok) return reply.status(503).send(errorBody("unavailable", "The database is not reachable"));
      return { status: "ok" as const };
    },
  );

  authRoutes(app);
  setupRoutes(app);
  workspaceSettingsRoutes(app);
  installWorkspaceRoutes(app);
  accountRoutes(app);
  tokenRoutes(app);
  profileRoutes(app);
  customerRoutes(app);
  caseRoutes(app);
  caseBulkRoutes(app);
  composerRoutes(app);
  callRoutes(app);
  teamRoutes(app);
  searchRoutes(app);
  actionRoutes(app);
  demoFulfilmentRoutes(app);
  businessHoursRoutes(app);
  slaRoutes(app);
  repeatsRoutes(app);
  surveysApi(app);
  reportRoutes(app);
  notificationsRoutes(app);
  problemRoutes(app);
  caseProblemRoutes(app);
  portalRoutes(app);
  expectationRoutes(app);
  emailRoutes(app);
  heldMailRoutes(app);
  diagnosticsRoutes(app);
  playbookRoutes(app);
  playbookRunRoutes(app);
  imapRoutes(app);
  outgoingMailRoutes(app);
  escalationRoutes(app);
  webhookRoutes(app);
  routingRoutes(app);
  myCustomersRoutes(app);
  problemDetectionRoutes(app);
  helpRoutes(app);
  helpSearchRoutes(app);
  publicHelpRoutes(app);
  communityApi(app);
  communityUploadRoutes(app);
  registerCommunity();
  feedbackApi(app);
  snippetRoutes(app);
  profileApiRoutes(app);
  registerFeedback();
  retentionRoutes(app);
  ssoRoutes(app);
  registerRetention();
  registerAcademy();
  academyLearningRoutes(app);
  academyCertificateRoutes(app);
  academyPathRoutes(app);
  academyReportRoutes(app);
  academyCourseRoutes(app);
  academyMediaRoutes(app);
  academyCourseFileRoutes(app);
  registerPublicPages("/help", loadHelpPage);
  registerCommunityPublicPages();
  feedbackPublicRoutes(app);
  registerFeedbackPublicPages();
  // The public topic pages' per-process memory hears its change notices through the hub.
  rememberTopicPages(app, opts.hub);
  communityFormRoutes(app);
  realtimeRoutes(app, opts.hub);
  communityLiveRoutes(app, opts.hub);
  caseLinkRoutes(app);
  conductApi(app);
  conductAssessRoutes(app);
  academySupportRoutes(app);
  registerAcademyPublicPages([academySessionsPages]);
  academyCoverRoute(app);
  academySessionsApi(app);
  widgetAssetRoutes(app);
  chatWidgetApi(app, opts.hub);
  channelRoutes(app);
  channelInboundRoutes(app);
  auditRoutes(app);
  auditStreamRoutes(app);
  chatAvailabilityApi(app);
  chatTransferRoutes(app);
  proactiveRoutes(app);
  securityRoutes(app);
  passkeyRoutes(app);
  privacyRoutes(app);
  customerExportRoutes(app);
  importRoutes(app);
  healthRoutes(app, opts.hub);

  if (opts.web) {
    const web = await registerWeb(app, {
      dev: opts.web.dev,
      publicWorkspace: (request) => publicWorkspace(ctx, request.headers.host),
      loadPage: (request) => loadPublicPage(app, request),
    });
    app.addHook("onClose", web.close);
  }
  return app;
}
