import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  certificateListSchema,
  certificateSchema,
  customerQuerySchema,
  revokeInputSchema,
  verificationSchema,
  verifyParamSchema,
} from "../../../../../contracts/academy-learning.ts";
import { idParamSchema } from "../../../../../contracts/common.ts";
import { errorBodySchema } from "../../../../../contracts/errors.ts";
import { actorOf, requireActor } from "../../../platform/http/authenticate.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { bearer, router, withNotFound } from "../../../platform/http/route-kit.ts";
import { findWorkspaceForHost } from "../../workspaces/workspaces.repo.ts";
import {
  certificateFile,
  listCertificates,
  normaliseCode,
  revokeCertificate,
  verifyCode,
  verifyPath,
} from "./certificates.service.ts";
import { unknownCodePageHtml, verifyPageHtml } from "./verify-page.ts";

const tags = ["Academy"];
/** Guessing codes: a handful of lookups per client address per minute (80-bit codes, but still). */
const VERIFY_RATE_LIMIT = { max: 30, timeWindow: "1 minute" };

/** Certificates (issue #21): mine, the PDF, revoking, and the public check by code. */
export function academyCertificateRoutes(app: FastifyInstance) {
  const r = router(app);

  r.get(
    "/api/v1/academy/certificates",
    {
      preValidation: requireActor("portal.use"),
      schema: {
        tags,
        summary: "My certificates (staff: ?customerId=)",
        security: bearer,
        querystring: customerQuerySchema,
        response: { 200: certificateListSchema, ...withNotFound },
      },
    },
    async (request) => ({
      items: await listCertificates(app.ctx, actorOf(request), request.query.customerId),
    }),
  );

  r.get(
    "/api/v1/academy/certificates/:id/pdf",
    {
      preValidation: requireActor("portal.use"),
      schema: {
        tags,
        summary: "The certificate as a PDF (its holder or staff)",
        security: bearer,
        params: idParamSchema,
        response: { 200: z.any().meta({ description: "application/pdf" }), ...withNotFound },
      },
    },
    async (request, reply) => {
      const file = await certificateFile(app.ctx, actorOf(request), request.params.id);
      return reply
        .type("application/pdf")
        .header("content-disposition", `attachment; filename="${file.fileName}"`)
        .header("cache-control", "private, no-store")
        .send(Buffer.from(file.bytes));
    },
  );

  r.post(
    "/api/v1/academy/certificates/:id/revoke",
    {
      preValidation: requireActor("academy.manage"),
      schema: {
        tags,
        summary: "Revoke a certificate, saying why (the verify page shows it)",
        security: bearer,
        params: idParamSchema,
        body: revokeInputSchema,
        response: { 200: certificateSchema, ...withNotFound, 409: errorBodySchema, 422: errorBodySchema },
      },
    },
    async (request) =>
      revokeCertificate(app.ctx, actorOf(request), request.params.id, request.body.reason, request.id),
  );

  r.get(
    "/api/v1/academy/certificates/verify/:code",
    {
      config: { rateLimit: VERIFY_RATE_LIMIT },
      schema: {
        tags,
        summary: "Public: is this certificate code valid, revoked (when, why) or unknown (404)",
        params: verifyParamSchema,
        response: {
          200: verificationSchema,
          404: errorBodySchema,
          400: errorBodySchema,
          429: errorBodySchema,
        },
      },
    },
    async (request) => verifyCode(app.ctx, request.headers.host, request.params.code),
  );

  // The public page, readable without JavaScript. The form on it asks /academy/verify?code=.
  app.get("/academy/verify", { config: { rateLimit: VERIFY_RATE_LIMIT } }, async (request, reply) => {
    const code = (request.query as { code?: unknown }).code;
    if (typeof code !== "string" || code.trim() === "" || code.length > 60) return reply.redirect("/academy");
    return reply.redirect(verifyPath(normaliseCode(code)), 303);
  });

  app.get<{ Params: { code: string } }>(
    "/academy/verify/:code",
    { config: { rateLimit: VERIFY_RATE_LIMIT } },
    async (request, reply) => {
      const code = request.params.code.slice(0, 60);
      reply.type("text/html; charset=utf-8").header("cache-control", "no-store");
      try {
        return verifyPageHtml(await verifyCode(app.ctx, request.headers.host, code));
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== "not_found") throw err;
        const ws = await findWorkspaceForHost(app.ctx.db, request.headers.host);
        return reply.status(404).send(unknownCodePageHtml(code, ws?.name ?? "Rapport"));
      }
    },
  );
}
