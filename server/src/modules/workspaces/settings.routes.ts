import type { FastifyInstance } from "fastify";
import { updateWorkspaceInputSchema, workspaceSettingsSchema } from "../../../../contracts/accounts.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { audit } from "../audit/audit.ts";

/**
 * Workspace settings: its name, default language, and the default region used to read phone
 * numbers written without a country code (so "415.555.0100" is understood as +1 in the US).
 */
export function workspaceSettingsRoutes(app: FastifyInstance) {
  const r = router(app);
  const read = (id: string) =>
    app.ctx.db
      .selectFrom("workspaces")
      .select(["id", "name", "default_locale as defaultLocale", "default_region as defaultRegion"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();

  r.get(
    "/api/v1/workspace",
    {
      preValidation: requireActor("app.use"),
      schema: {
        tags: ["Setup"],
        summary: "This workspace's settings",
        security: bearer,
        response: { 200: workspaceSettingsSchema, ...withNotFound },
      },
    },
    async (request) => read(actorOf(request).workspaceId),
  );

  r.patch(
    "/api/v1/workspace",
    {
      preValidation: requireActor("workspace.manage"),
      schema: {
        tags: ["Setup"],
        summary: "Change the name, default language or default phone region",
        security: bearer,
        body: updateWorkspaceInputSchema,
        response: { 200: workspaceSettingsSchema, ...withNotFound },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const body = request.body;
      await inTransaction(app.ctx.db, async (tx) => {
        await tx
          .updateTable("workspaces")
          .set({
            ...(body.name ? { name: body.name } : {}),
            ...(body.defaultLocale ? { default_locale: body.defaultLocale } : {}),
            ...(body.defaultRegion ? { default_region: body.defaultRegion } : {}),
          })
          .where("id", "=", actor.workspaceId)
          .execute();
        await audit(new TenantScope(tx, actor.workspaceId), {
          actorUserId: actor.userId,
          action: "workspace.updated",
          subjectType: "workspace",
          subjectId: actor.workspaceId,
          data: body,
        });
      });
      return read(actor.workspaceId);
    },
  );
}
