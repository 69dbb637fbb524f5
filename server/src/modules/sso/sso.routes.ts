import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  ssoDiscoveryInputSchema,
  ssoDiscoveryResultSchema,
  ssoPublicStatusSchema,
  ssoSettingsInputSchema,
  ssoSettingsSchema,
} from "../../../../contracts/sso.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { getSsoSettings, removeSsoSettings, saveSsoSettings, testDiscovery } from "./sso.service.ts";
import { ssoEnabledForHost, startSsoSignIn } from "./sso-signin.service.ts";

/**
 * Single sign-on (issue #23). Admins configure the workspace's OIDC provider; the login page
 * asks whether SSO is offered and sends the browser to /start. The provider's redirect comes
 * back to Better Auth (`/api/auth/sso/callback`, sso-auth-plugin.ts), which makes the session.
 */
export function ssoRoutes(app: FastifyInstance) {
  const r = router(app);
  const admin = requireActor("workspace.manage");
  const tags = ["Single sign-on"];

  r.get(
    "/api/v1/sso",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "The workspace's SSO configuration (the client secret only as set / not set)",
        security: bearer,
        response: { 200: ssoSettingsSchema, ...withNotFound },
      },
    },
    async (request) => getSsoSettings(app.ctx, actorOf(request)),
  );

  r.put(
    "/api/v1/sso",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Configure SSO (the whole configuration; leave out clientSecret to keep it)",
        security: bearer,
        body: ssoSettingsInputSchema,
        response: { 200: ssoSettingsSchema, ...withNotFound },
      },
    },
    async (request) => saveSsoSettings(app.ctx, actorOf(request), request.body),
  );

  r.delete(
    "/api/v1/sso",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Remove the SSO configuration (password sign-in applies to everyone again)",
        security: bearer,
        response: { 204: z.null(), ...withNotFound },
      },
    },
    async (request, reply) => {
      await removeSsoSettings(app.ctx, actorOf(request));
      return reply.status(204).send(null);
    },
  );

  r.post(
    "/api/v1/sso/discovery",
    {
      preValidation: admin,
      config: { rateLimit: { max: 20, timeWindow: "1 minute" } },
      schema: {
        tags,
        summary: "Check that an issuer's discovery document can be fetched",
        security: bearer,
        body: ssoDiscoveryInputSchema,
        response: { 200: ssoDiscoveryResultSchema, ...withNotFound },
      },
    },
    async (request) => testDiscovery(request.body.issuer),
  );

  r.get(
    "/api/v1/sso/status",
    {
      schema: {
        tags,
        summary: "Public: whether this host's workspace offers Sign in with SSO",
        response: { 200: ssoPublicStatusSchema },
      },
    },
    async (request) => ({
      enabled: await ssoEnabledForHost(app.ctx, request.headers.host),
      startUrl: "/api/v1/sso/start",
    }),
  );

  r.get(
    "/api/v1/sso/start",
    {
      // Each start fetches the provider's discovery document: bounded per client.
      config: { rateLimit: { max: 30, timeWindow: "1 minute" } },
      schema: {
        tags,
        summary: "Public: start an SSO sign-in (redirects to the provider)",
        response: { 302: z.null() },
      },
    },
    async (request, reply) => reply.redirect(await startSsoSignIn(app.ctx, request.headers.host), 302),
  );
}
