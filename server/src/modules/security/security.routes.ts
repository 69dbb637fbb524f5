import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { idParamSchema } from "../../../../contracts/common.ts";
import {
  passwordInputSchema,
  recoveryCodesSchema,
  securityPolicyInputSchema,
  securityPolicySchema,
  sessionIdParamSchema,
  sessionListSchema,
  signedOutSchema,
  twoFactorCodeInputSchema,
  twoFactorEnrolmentSchema,
  twoFactorStatusSchema,
} from "../../../../contracts/security.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { readSecurityPolicy, updateSecurityPolicy } from "./security-policy.service.ts";
import { listSessions, revokeSession, signOutEverywhere } from "./sessions.service.ts";
import {
  confirmEnrolment,
  disableTwoFactor,
  regenerateRecoveryCodes,
  startEnrolment,
  twoFactorStatus,
} from "./two-factor.service.ts";

/**
 * Issue #23, sign-in: your two-factor sign-in and sessions (/api/v1/me/...), an admin's
 * "sign this person out everywhere", and the workspace's sign-in rules.
 * Codes and passwords are tried a few times a minute per client at most.
 */
export function securityRoutes(app: FastifyInstance) {
  const r = router(app);
  const self = requireActor("app.use");
  const tags = ["Security"];
  const guessing = { rateLimit: { max: 10, timeWindow: "1 minute" } };

  r.get(
    "/api/v1/me/2fa",
    {
      preValidation: self,
      schema: {
        tags,
        summary: "Your two-factor sign-in",
        security: bearer,
        response: { 200: twoFactorStatusSchema, ...withNotFound },
      },
    },
    async (request) => twoFactorStatus(app.ctx, actorOf(request)),
  );

  r.post(
    "/api/v1/me/2fa/enrol",
    {
      preValidation: self,
      config: guessing,
      schema: {
        tags,
        summary:
          "Start two-factor enrolment: your password, then a new authenticator key and recovery codes (shown once)",
        security: bearer,
        body: passwordInputSchema,
        response: { 200: twoFactorEnrolmentSchema, ...withNotFound, 409: withNotFound[404] },
      },
    },
    async (request) => startEnrolment(app.ctx, actorOf(request), request, request.body.password),
  );

  r.post(
    "/api/v1/me/2fa/confirm",
    {
      preValidation: self,
      config: guessing,
      schema: {
        tags,
        summary: "Finish enrolment with a code from your authenticator app",
        security: bearer,
        body: twoFactorCodeInputSchema,
        response: { 200: twoFactorStatusSchema, ...withNotFound, 409: withNotFound[404] },
      },
    },
    async (request, reply) => confirmEnrolment(app.ctx, actorOf(request), request, reply, request.body.code),
  );

  r.post(
    "/api/v1/me/2fa/recovery-codes",
    {
      preValidation: self,
      config: guessing,
      schema: {
        tags,
        summary: "New recovery codes (the old ones stop working); shown once",
        security: bearer,
        body: passwordInputSchema,
        response: { 200: recoveryCodesSchema, ...withNotFound, 409: withNotFound[404] },
      },
    },
    async (request) => regenerateRecoveryCodes(app.ctx, actorOf(request), request, request.body.password),
  );

  r.post(
    "/api/v1/me/2fa/disable",
    {
      preValidation: self,
      config: guessing,
      schema: {
        tags,
        summary: "Turn two-factor sign-in off (your password)",
        security: bearer,
        body: passwordInputSchema,
        response: { 200: twoFactorStatusSchema, ...withNotFound, 409: withNotFound[404] },
      },
    },
    async (request, reply) =>
      disableTwoFactor(app.ctx, actorOf(request), request, reply, request.body.password),
  );

  r.get(
    "/api/v1/me/sessions",
    {
      preValidation: self,
      schema: {
        tags,
        summary: "Where you are signed in",
        security: bearer,
        response: { 200: sessionListSchema, ...withNotFound },
      },
    },
    async (request) => ({ items: await listSessions(app.ctx, actorOf(request), request) }),
  );

  r.delete(
    "/api/v1/me/sessions/:id",
    {
      preValidation: self,
      schema: {
        tags,
        summary: "Sign out one of your sessions",
        security: bearer,
        params: sessionIdParamSchema,
        response: { 204: z.null(), ...withNotFound },
      },
    },
    async (request, reply) => {
      await revokeSession(app.ctx, actorOf(request), request, request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.post(
    "/api/v1/members/:id/sign-out",
    {
      preValidation: requireActor("team.manage"),
      schema: {
        tags,
        summary: "Sign a staff member out everywhere (every session of their login ends)",
        security: bearer,
        params: idParamSchema,
        response: { 200: signedOutSchema, ...withNotFound },
      },
    },
    async (request) => signOutEverywhere(app.ctx, actorOf(request), request, request.params.id),
  );

  r.get(
    "/api/v1/security/policy",
    {
      preValidation: requireActor("workspace.manage"),
      schema: {
        tags,
        summary: "The workspace's sign-in rules",
        security: bearer,
        response: { 200: securityPolicySchema, ...withNotFound },
      },
    },
    async (request) => readSecurityPolicy(app.ctx, actorOf(request)),
  );

  r.patch(
    "/api/v1/security/policy",
    {
      preValidation: requireActor("workspace.manage"),
      schema: {
        tags,
        summary: "Change which roles must use two-factor sign-in, or the minimum password length",
        security: bearer,
        body: securityPolicyInputSchema,
        response: { 200: securityPolicySchema, ...withNotFound },
      },
    },
    async (request) => updateSecurityPolicy(app.ctx, actorOf(request), request.id, request.body),
  );
}
