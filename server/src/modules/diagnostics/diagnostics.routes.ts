import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { idParamSchema, pageQuerySchema } from "../../../../contracts/common.ts";
import {
  byCodeInputSchema,
  codeInputSchema,
  codeParamSchema,
  deviceParamSchema,
  diagnosticCodeSchema,
  diffQuerySchema,
  diffSchema,
  portalCodeInputSchema,
  seriesQuerySchema,
  seriesSchema,
  snapshotDetailSchema,
  snapshotInputSchema,
  snapshotPageSchema,
  snapshotSchema,
} from "../../../../contracts/diagnostics.ts";
import { errorBodySchema } from "../../../../contracts/errors.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import {
  captureByCode,
  captureSnapshot,
  createCode,
  createPortalCode,
  tooLarge,
} from "./diagnostics.service.ts";
import {
  deviceSeries,
  diffSnapshot,
  getSnapshot,
  listCaseSnapshots,
  listDeviceSnapshots,
} from "./diagnostics-read.service.ts";

const tags = ["Diagnostics"];
const anyone = requireActor();
const staffWrite = requireActor("customers.write");
const portal = requireActor("portal.use");
/** Guessing codes: a handful of tries per client address per minute. */
const BY_CODE_RATE_LIMIT = { max: 20, timeWindow: "1 minute" };
const uploadErrors = { ...withNotFound, 409: errorBodySchema, 410: errorBodySchema, 413: errorBodySchema };

export function diagnosticsRoutes(app: FastifyInstance) {
  const r = router(app);
  const max = app.ctx.config.diagnosticsMaxBytes;
  // Room for the envelope (ids, source) and JSON whitespace around a snapshot at the limit;
  // bodies above even that are answered with the same 413 naming `data`, not the global 400.
  const bodyLimit = max + Math.max(64 * 1024, Math.ceil(max / 10));
  const oversizeIs413 = (err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (err.code === "FST_ERR_CTP_BODY_TOO_LARGE")
      return app.errorHandler(tooLarge(max) as never, request, reply);
    return app.errorHandler(err, request, reply);
  };

  r.post(
    "/api/v1/diagnostics",
    {
      preValidation: staffWrite,
      bodyLimit,
      errorHandler: oversizeIs413,
      schema: {
        tags,
        summary: "Send a diagnostic snapshot (devices and apps with an API token, or an agent)",
        description:
          "Attaches to the customer, the device (an unknown serial is registered on the customer) and the case " +
          "(default: the customer's most recently active unsolved case). Values of secret-looking keys are masked.",
        security: bearer,
        body: snapshotInputSchema,
        response: { 201: snapshotSchema, ...uploadErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await captureSnapshot(app.ctx, actorOf(request), request.body)),
  );

  r.post(
    "/api/v1/diagnostics/by-code/:code",
    {
      bodyLimit,
      errorHandler: oversizeIs413,
      config: { rateLimit: BY_CODE_RATE_LIMIT },
      schema: {
        tags,
        summary: "Send a diagnostic snapshot with a one-time code (no account needed)",
        description:
          "404 for an unknown code, 410 for one that expired or was already used. Rate-limited per address.",
        params: codeParamSchema,
        body: byCodeInputSchema,
        response: { 201: snapshotSchema, ...uploadErrors, 429: errorBodySchema },
      },
    },
    async (request, reply) => {
      const snapshot = await captureByCode(app.ctx, request.params.code, request.body);
      // Whoever holds a code learns only that it worked: no customer or case ids.
      return reply.status(201).send(snapshot);
    },
  );

  r.post(
    "/api/v1/diagnostics/codes",
    {
      preValidation: staffWrite,
      schema: {
        tags,
        summary: "A one-time code (15 minutes, single use) a customer's device can send a snapshot with",
        security: bearer,
        body: codeInputSchema,
        response: { 201: diagnosticCodeSchema, ...withNotFound, 409: errorBodySchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createCode(app.ctx, actorOf(request), request.body)),
  );

  r.post(
    "/api/v1/portal/diagnostic-code",
    {
      preValidation: portal,
      schema: {
        tags: ["Portal"],
        summary: "A one-time diagnostic code for the signed-in customer",
        security: bearer,
        body: portalCodeInputSchema,
        response: { 201: diagnosticCodeSchema, ...withNotFound, 409: errorBodySchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createPortalCode(app.ctx, actorOf(request), request.body)),
  );

  r.get(
    "/api/v1/diagnostics/:id",
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "One snapshot with its data (customers: their own)",
        security: bearer,
        params: idParamSchema,
        response: { 200: snapshotDetailSchema, ...withNotFound },
      },
    },
    async (request) => getSnapshot(app.ctx, actorOf(request), request.params.id),
  );

  r.get(
    "/api/v1/diagnostics/:id/diff",
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "What changed since the device's previous snapshot, or since ?against={snapshotId}",
        security: bearer,
        params: idParamSchema,
        querystring: diffQuerySchema,
        response: { 200: diffSchema, ...withNotFound },
      },
    },
    async (request) => diffSnapshot(app.ctx, actorOf(request), request.params.id, request.query.against),
  );

  r.get(
    "/api/v1/devices/:deviceId/diagnostics",
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "The device's snapshots, newest first",
        security: bearer,
        params: deviceParamSchema,
        querystring: pageQuerySchema,
        response: { 200: snapshotPageSchema, ...withNotFound },
      },
    },
    async (request) => listDeviceSnapshots(app.ctx, actorOf(request), request.params.deviceId, request.query),
  );

  r.get(
    "/api/v1/devices/:deviceId/diagnostics/series",
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "A numeric value (e.g. ?path=wifi.signal_dbm) over the device's snapshots, oldest first",
        security: bearer,
        params: deviceParamSchema,
        querystring: seriesQuerySchema,
        response: { 200: seriesSchema, ...withNotFound },
      },
    },
    async (request) => deviceSeries(app.ctx, actorOf(request), request.params.deviceId, request.query),
  );

  r.get(
    "/api/v1/cases/:id/diagnostics",
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "Snapshots attached to the case, newest first",
        security: bearer,
        params: idParamSchema,
        querystring: pageQuerySchema,
        response: { 200: snapshotPageSchema, ...withNotFound },
      },
    },
    async (request) => listCaseSnapshots(app.ctx, actorOf(request), request.params.id, request.query),
  );
}
