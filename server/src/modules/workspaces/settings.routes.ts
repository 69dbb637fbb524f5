import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { updateWorkspaceInputSchema, workspaceSettingsSchema } from "../../../../contracts/accounts.ts";
import { imageUploadSchema } from "../../../../contracts/settings.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { notFound } from "../../platform/http/errors.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { imageUrl, storeImage } from "../../platform/images.ts";
import { audit } from "../audit/audit.ts";
import { findWorkspaceForHost } from "./workspaces.repo.ts";

/**
 * Workspace settings: its name, logo, business language, time zone, and the default region
 * used to read phone numbers written without a country code (so "415.555.0100" is +1 in the US).
 */
export function workspaceSettingsRoutes(app: FastifyInstance) {
  const r = router(app);
  const admin = requireActor("workspace.manage");
  const read = async (id: string) => {
    const w = await app.ctx.db
      .selectFrom("workspaces")
      .select([
        "id",
        "name",
        "default_locale as defaultLocale",
        "default_region as defaultRegion",
        "time_zone as timeZone",
        "brand_color as brandColor",
        "logo_key",
      ])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    const { logo_key, ...rest } = w;
    return { ...rest, logoUrl: imageUrl("/api/v1/workspace/logo", logo_key) };
  };

  const change = async (
    actor: ReturnType<typeof actorOf>,
    set: Record<string, string | null>,
    data: Record<string, unknown>,
  ) =>
    inTransaction(app.ctx.db, async (tx) => {
      await tx.updateTable("workspaces").set(set).where("id", "=", actor.workspaceId).execute();
      await audit(new TenantScope(tx, actor.workspaceId), {
        actorUserId: actor.userId,
        action: "workspace.updated",
        subjectType: "workspace",
        subjectId: actor.workspaceId,
        data,
      });
    });

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
      preValidation: admin,
      schema: {
        tags: ["Setup"],
        summary: "Change the name, business language, default phone region, time zone or brand colour",
        security: bearer,
        body: updateWorkspaceInputSchema,
        response: { 200: workspaceSettingsSchema, ...withNotFound },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const b = request.body;
      await change(
        actor,
        {
          ...(b.name ? { name: b.name } : {}),
          ...(b.defaultLocale ? { default_locale: b.defaultLocale } : {}),
          ...(b.defaultRegion ? { default_region: b.defaultRegion } : {}),
          ...(b.brandColor !== undefined ? { brand_color: b.brandColor?.toLowerCase() ?? null } : {}),
          // The canonical spelling ("utc" → "UTC"), as the runtime names it.
          ...(b.timeZone
            ? {
                time_zone: new Intl.DateTimeFormat("en", { timeZone: b.timeZone }).resolvedOptions().timeZone,
              }
            : {}),
        },
        b,
      );
      return read(actor.workspaceId);
    },
  );

  r.put(
    "/api/v1/workspace/logo",
    {
      preValidation: admin,
      bodyLimit: 1_000_000,
      schema: {
        tags: ["Setup"],
        summary: "Upload the workspace logo (PNG, JPEG, GIF or WebP, at most 512 kB)",
        security: bearer,
        body: imageUploadSchema,
        response: { 200: workspaceSettingsSchema, ...withNotFound },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const image = await storeImage(app.ctx.files, actor.workspaceId, request.body.dataBase64);
      await change(actor, { logo_key: image.key, logo_type: image.type }, { logo: image.type });
      return read(actor.workspaceId);
    },
  );

  r.delete(
    "/api/v1/workspace/logo",
    {
      preValidation: admin,
      schema: {
        tags: ["Setup"],
        summary: "Remove the workspace logo",
        security: bearer,
        response: { 200: workspaceSettingsSchema, ...withNotFound },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await change(actor, { logo_key: null, logo_type: null }, { logo: null });
      return read(actor.workspaceId);
    },
  );

  // The public help pages and the portal show the logo to visitors who are not signed in.
  r.get(
    "/api/v1/public/workspace/logo",
    {
      schema: {
        tags: ["Setup"],
        summary: "The logo of the workspace serving this host (public: the help center shows it)",
        response: { 200: z.any(), ...withNotFound },
      },
    },
    async (request, reply) => {
      const ws = await findWorkspaceForHost(app.ctx.db, request.headers.host);
      if (!ws?.logo_key || !ws.logo_type) throw notFound("Logo");
      const bytes = await app.ctx.files.read(ws.logo_key);
      return (
        reply
          .header("content-type", ws.logo_type)
          // The URL carries the key's tail (imageUrl), so a new logo is a new URL.
          .header("cache-control", "public, max-age=86400")
          .header("x-content-type-options", "nosniff")
          .send(bytes)
      );
    },
  );

  r.get(
    "/api/v1/workspace/logo",
    {
      preValidation: requireActor(),
      schema: {
        tags: ["Setup"],
        summary: "The workspace logo's bytes",
        security: bearer,
        response: { 200: z.any(), ...withNotFound },
      },
    },
    async (request, reply) => {
      const w = await app.ctx.db
        .selectFrom("workspaces")
        .select(["logo_key", "logo_type"])
        .where("id", "=", actorOf(request).workspaceId)
        .executeTakeFirst();
      if (!w?.logo_key || !w.logo_type) throw notFound("Logo");
      const bytes = await app.ctx.files.read(w.logo_key);
      return reply
        .header("content-type", w.logo_type)
        .header("cache-control", "private, max-age=86400")
        .header("x-content-type-options", "nosniff")
        .send(bytes);
    },
  );
}
