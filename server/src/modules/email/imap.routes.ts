import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { idParamSchema } from "../../../../contracts/common.ts";
import { imapSettingsInputSchema, pollResultSchema } from "../../../../contracts/email.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { AppError, notFound } from "../../platform/http/errors.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { seal } from "../../platform/sealed.ts";
import { audit } from "../audit/audit.ts";
import { IMAP_SEAL, pollMailbox } from "./imap.ts";

/** Admins connect an existing mailbox to a support address; it is then polled every minute. */
export function imapRoutes(app: FastifyInstance) {
  const r = router(app);
  const admin = requireActor("workspace.manage");
  const tags = ["Email"];

  r.put(
    "/api/v1/email/addresses/:id/imap",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Poll an IMAP mailbox for this address (the password is stored sealed)",
        security: bearer,
        params: idParamSchema,
        body: imapSettingsInputSchema,
        response: { 204: z.null(), ...withNotFound },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const scope = new TenantScope(app.ctx.db, actor.workspaceId);
      const b = request.body;
      const current = await scope
        .selectFrom("support_addresses")
        .select("imap_password_enc")
        .where("id", "=", request.params.id)
        .executeTakeFirst();
      if (!current) throw notFound("Support address");
      // The form never shows the stored password, so leaving it out keeps it.
      if (!b.password && !current.imap_password_enc)
        throw new AppError("validation_failed", "Enter the mailbox password", "password");
      const updated = await scope
        .updateTable("support_addresses")
        .set({
          imap_host: b.host,
          imap_port: b.port ?? null,
          imap_secure: b.secure,
          imap_user: b.user,
          imap_mailbox: b.mailbox,
          imap_enabled: b.enabled,
          ...(b.password ? { imap_password_enc: seal(app.ctx.secret, IMAP_SEAL, b.password) } : {}),
          // The last poll was of the old settings; the new ones have not been checked yet.
          imap_last_polled_at: null,
          imap_last_error: null,
          imap_last_fetched: null,
          imap_last_stored: null,
        })
        .where("id", "=", request.params.id)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) throw notFound("Support address");
      await audit(scope, {
        actorUserId: actor.userId,
        action: "imap.configured",
        subjectType: "support_address",
        subjectId: request.params.id,
        data: { host: b.host, user: b.user, mailbox: b.mailbox, enabled: b.enabled },
      });
      return reply.status(204).send(null);
    },
  );

  r.delete(
    "/api/v1/email/addresses/:id/imap",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Stop polling the mailbox",
        security: bearer,
        params: idParamSchema,
        response: { 204: z.null(), ...withNotFound },
      },
    },
    async (request, reply) => {
      const scope = new TenantScope(app.ctx.db, actorOf(request).workspaceId);
      const updated = await scope
        .updateTable("support_addresses")
        .set({
          imap_host: null,
          imap_port: null,
          imap_user: null,
          imap_password_enc: null,
          imap_mailbox: "INBOX",
          imap_enabled: true,
          imap_last_polled_at: null,
          imap_last_error: null,
          imap_last_fetched: null,
          imap_last_stored: null,
        })
        .where("id", "=", request.params.id)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) throw notFound("Support address");
      return reply.status(204).send(null);
    },
  );

  r.post(
    "/api/v1/email/addresses/:id/poll",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Poll the mailbox now",
        security: bearer,
        params: idParamSchema,
        response: { 200: pollResultSchema, ...withNotFound },
      },
    },
    async (request) => {
      const scope = new TenantScope(app.ctx.db, actorOf(request).workspaceId);
      const found = await scope
        .selectFrom("support_addresses")
        .select("id")
        .where("id", "=", request.params.id)
        .executeTakeFirst();
      if (!found) throw notFound("Support address");
      return pollMailbox(app.ctx, found.id);
    },
  );
}
