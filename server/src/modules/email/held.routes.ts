import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { z } from "zod";
import { idParamSchema, pageQuerySchema } from "../../../../contracts/common.ts";
import { heldMailPageSchema, promotedMailSchema } from "../../../../contracts/email.ts";
import { decodeCursor, exactTime, toPage } from "../../platform/db/cursor.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { notFound } from "../../platform/http/errors.ts";
import { bearer, iso, router, withNotFound } from "../../platform/http/route-kit.ts";
import { enqueueInTx } from "../../platform/jobs/enqueue.ts";
import { processInbound } from "./process.ts";

const tags = ["Email"];

/**
 * Held mail: bulk and list mail (status `held`, see parse.ts) that opened no case. An admin
 * lists it, downloads it (GET /api/v1/email/inbound/{id}/raw), promotes it to a case or
 * dismisses it. Dismissed mail stays in the database as `ignored`, like any other noise.
 */
export function heldMailRoutes(app: FastifyInstance) {
  const r = router(app);
  const admin = requireActor("workspace.manage");

  r.get(
    "/api/v1/email/held",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Bulk and list mail held out of the inbox, newest first",
        security: bearer,
        querystring: pageQuerySchema,
        response: { 200: heldMailPageSchema, ...withNotFound },
      },
    },
    async (request) => {
      const scope = new TenantScope(app.ctx.db, actorOf(request).workspaceId);
      const after = decodeCursor(request.query.cursor);
      let q = scope
        .selectFrom("inbound_emails")
        .select([
          "id",
          "subject",
          "from_address as from",
          "held_reason as reason",
          "received_at as receivedAt",
          "size",
          exactTime("inbound_emails.received_at").as("cursorAt"),
        ])
        .where("status", "=", "held")
        .orderBy("received_at", "desc")
        .orderBy("id", "desc")
        .limit(request.query.limit + 1);
      if (after) {
        q = q.where(
          sql<boolean>`(inbound_emails.received_at, inbound_emails.id) < (${after.at}::timestamptz, ${after.id}::uuid)`,
        );
      }
      const page = toPage(await q.execute(), request.query.limit, (row) => [row.cursorAt, row.id]);
      return {
        items: page.items.map(({ cursorAt: _c, ...row }) => ({ ...row, receivedAt: iso(row.receivedAt) })),
        nextCursor: page.nextCursor,
      };
    },
  );

  r.post(
    "/api/v1/email/held/:id/promote",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Turn held mail into a case: it is processed as a person's message",
        security: bearer,
        params: idParamSchema,
        response: { 200: promotedMailSchema, ...withNotFound },
      },
    },
    async (request) => {
      const { id } = request.params;
      const scope = new TenantScope(app.ctx.db, actorOf(request).workspaceId);
      // Back to `received`, marked promoted, with its job: if processing here fails, the job
      // retries it like any other message.
      await app.ctx.db.transaction().execute(async (tx) => {
        const updated = await scope
          .with(tx)
          .updateTable("inbound_emails")
          .set({ status: "received", promoted_at: new Date(), held_reason: null })
          .where("id", "=", id)
          .where("status", "=", "held")
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) throw notFound("Held message");
        await enqueueInTx(app.ctx.boss, tx, "email.process", { inboundId: id });
      });
      // Processed now, so the admin can open the case at once (exactly once: see process.ts).
      await processInbound(app.ctx, id).catch((err) =>
        request.log.warn({ err, inboundId: id }, "promoted mail will be processed by its job"),
      );
      const row = await scope
        .selectFrom("inbound_emails")
        .select("case_id")
        .where("id", "=", id)
        .executeTakeFirst();
      return { id, caseId: row?.case_id ?? null };
    },
  );

  r.post(
    "/api/v1/email/held/:id/dismiss",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Dismiss held mail: it leaves the list (the raw mail is kept)",
        security: bearer,
        params: idParamSchema,
        response: { 200: z.object({ id: z.uuid() }), ...withNotFound },
      },
    },
    async (request) => {
      const scope = new TenantScope(app.ctx.db, actorOf(request).workspaceId);
      const updated = await scope
        .updateTable("inbound_emails")
        .set({ status: "ignored" })
        .where("id", "=", request.params.id)
        .where("status", "=", "held")
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) throw notFound("Held message");
      return { id: request.params.id };
    },
  );
}
