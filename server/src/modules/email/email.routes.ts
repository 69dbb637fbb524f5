import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { idParamSchema } from "../../../../contracts/common.ts";
import {
  emailHealthSchema,
  emailStatusSchema,
  inboundAcceptedSchema,
  supportAddressInputSchema,
  supportAddressSchema,
} from "../../../../contracts/email.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { AppError, notFound } from "../../platform/http/errors.ts";
import { bearer, iso, router, withNotFound } from "../../platform/http/route-kit.ts";
import { enqueueInTx } from "../../platform/jobs/enqueue.ts";
import { hasRelay } from "../../platform/mail/relay.ts";
import { assertCanSeeCase } from "../cases/cases.policy.ts";
import { seedSupportAddresses } from "./addresses.ts";
import { storeInbound } from "./ingest.ts";
import { failedOutbound, outboxWaiting } from "./outbox-report.ts";

const tags = ["Email"];
const RAW_TYPES = ["message/rfc822", "text/plain", "application/octet-stream"];

export function emailRoutes(app: FastifyInstance) {
  const r = router(app);
  const maxBytes = app.ctx.config.maxMessageBytes;
  // Raw RFC 5322 bodies arrive as bytes; they are stored exactly as received.
  app.addContentTypeParser(
    ["message/rfc822", "application/octet-stream"],
    { parseAs: "buffer", bodyLimit: maxBytes },
    (_req, body, done) => done(null, body),
  );

  r.post(
    "/api/v1/inbound/email",
    {
      preValidation: requireActor("cases.work"),
      bodyLimit: maxBytes,
      schema: {
        tags,
        summary: "Deliver one raw RFC 5322 message (for mail providers that POST mail)",
        security: bearer,
        response: { 202: inboundAcceptedSchema, ...withNotFound },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const type = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
      if (!RAW_TYPES.includes(type))
        throw new AppError("validation_failed", "Send the raw message as message/rfc822", "content-type");
      const raw = Buffer.isBuffer(request.body)
        ? request.body
        : Buffer.from(String(request.body ?? ""), "utf8");
      if (raw.length === 0) throw new AppError("validation_failed", "The message is empty", "body");
      const stored = await storeInbound(app.ctx.db, app.ctx.boss, {
        workspaceId: actor.workspaceId,
        via: "api",
        envelopeFrom: null,
        envelopeTo: [],
        raw,
      });
      return reply.status(202).send(stored);
    },
  );

  r.get(
    "/api/v1/messages/:id/raw",
    {
      preValidation: requireActor("cases.read"),
      schema: {
        tags,
        summary: "The raw source of an email message, as received (staff only)",
        security: bearer,
        params: idParamSchema,
        response: { 200: z.any(), ...withNotFound },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const scope = new TenantScope(app.ctx.db, actor.workspaceId);
      const row = await scope
        .selectFrom("messages")
        .innerJoin("inbound_emails as i", "i.id", "messages.inbound_email_id")
        .innerJoin("cases as c", "c.id", "messages.case_id")
        .select(["i.raw", "c.customer_id as customerId"])
        .where("messages.id", "=", request.params.id)
        .executeTakeFirst();
      await assertCanSeeCase(scope, actor, row?.customerId);
      return reply
        .header("content-type", "message/rfc822")
        .header("content-disposition", `attachment; filename="message-${request.params.id}.eml"`)
        .send(row?.raw);
    },
  );

  r.get(
    "/api/v1/email/status",
    {
      preValidation: requireActor("cases.read"),
      schema: {
        tags,
        summary:
          "Whether replies can go out by email, and how many wait in the outbox (for the workspace banner)",
        security: bearer,
        response: {
          200: emailStatusSchema,
          ...withNotFound,
        },
      },
    },
    async (request) => {
      const scope = new TenantScope(app.ctx.db, actorOf(request).workspaceId);
      return {
        relayConfigured: await hasRelay(app.ctx, scope.workspaceId),
        outboxWaiting: await outboxWaiting(scope),
      };
    },
  );

  const admin = requireActor("workspace.manage");
  r.get(
    "/api/v1/email/health",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Support addresses, unparseable mail and failed deliveries",
        security: bearer,
        response: { 200: emailHealthSchema, ...withNotFound },
      },
    },
    async (request) => {
      const scope = new TenantScope(app.ctx.db, actorOf(request).workspaceId);
      await seedSupportAddresses(app.ctx.db, app.ctx.config.supportAddresses);
      const [addresses, failedIn, failedOut, outbox] = await Promise.all([
        scope
          .selectFrom("support_addresses")
          .select([
            "id",
            "address",
            "last_received_at as lastReceivedAt",
            "imap_host",
            "imap_port",
            "imap_secure",
            "imap_user",
            "imap_last_polled_at",
            "imap_last_error",
            "imap_mailbox",
            "imap_enabled",
            "imap_last_fetched",
            "imap_last_stored",
          ])
          .orderBy("address")
          .execute(),
        scope
          .selectFrom("inbound_emails")
          .select(["id", "error", "received_at as receivedAt", "size", "envelope_from as from"])
          .where("status", "=", "failed")
          .orderBy("received_at", "desc")
          .limit(100)
          .execute(),
        failedOutbound(scope),
        outboxWaiting(scope),
      ]);
      return {
        relayConfigured: await hasRelay(app.ctx, scope.workspaceId),
        outboxWaiting: outbox,
        addresses: addresses.map((a) => ({
          id: a.id,
          address: a.address,
          lastReceivedAt: a.lastReceivedAt ? iso(a.lastReceivedAt) : null,
          imap: a.imap_host
            ? {
                host: a.imap_host,
                port: a.imap_port,
                secure: a.imap_secure,
                user: a.imap_user ?? "",
                lastPolledAt: a.imap_last_polled_at ? iso(a.imap_last_polled_at) : null,
                lastError: a.imap_last_error,
                mailbox: a.imap_mailbox,
                enabled: a.imap_enabled,
                lastFetched: a.imap_last_fetched,
                lastStored: a.imap_last_stored,
              }
            : null,
        })),
        failedInbound: failedIn.map((f) => ({ ...f, receivedAt: iso(f.receivedAt) })),
        failedOutbound: failedOut,
      };
    },
  );

  r.post(
    "/api/v1/email/inbound/:id/retry",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Process a message that failed again",
        security: bearer,
        params: idParamSchema,
        response: { 202: z.object({ id: z.uuid() }), ...withNotFound },
      },
    },
    async (request, reply) => {
      const scope = new TenantScope(app.ctx.db, actorOf(request).workspaceId);
      await app.ctx.db.transaction().execute(async (tx) => {
        const updated = await scope
          .with(tx)
          .updateTable("inbound_emails")
          .set({ status: "received", error: null })
          .where("id", "=", request.params.id)
          .where("status", "=", "failed")
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) throw notFound("Failed message");
        await enqueueInTx(app.ctx.boss, tx, "email.process", { inboundId: request.params.id });
      });
      return reply.status(202).send({ id: request.params.id });
    },
  );

  r.get(
    "/api/v1/email/inbound/:id/raw",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "The raw source of any received message",
        security: bearer,
        params: idParamSchema,
        response: { 200: z.any(), ...withNotFound },
      },
    },
    async (request, reply) => {
      const scope = new TenantScope(app.ctx.db, actorOf(request).workspaceId);
      const row = await scope
        .selectFrom("inbound_emails")
        .select("raw")
        .where("id", "=", request.params.id)
        .executeTakeFirst();
      if (!row) throw notFound("Message");
      return reply
        .header("content-type", "message/rfc822")
        .header("content-disposition", `attachment; filename="inbound-${request.params.id}.eml"`)
        .send(row.raw);
    },
  );

  r.post(
    "/api/v1/email/addresses",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Accept mail for another support address",
        security: bearer,
        body: supportAddressInputSchema,
        response: { 201: supportAddressSchema, ...withNotFound },
      },
    },
    async (request, reply) => {
      const scope = new TenantScope(app.ctx.db, actorOf(request).workspaceId);
      const row = await scope
        .insertInto("support_addresses", {
          address: request.body.address,
          display_name: null,
          last_received_at: null,
        })
        .onConflict((oc) => oc.doNothing())
        .returning(["id", "address"])
        .executeTakeFirst();
      if (!row)
        throw new AppError("conflict", `${request.body.address} is already a support address`, "address");
      return reply.status(201).send({ ...row, lastReceivedAt: null });
    },
  );
}
