import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { notFound } from "../../../platform/http/errors.ts";
import { router } from "../../../platform/http/route-kit.ts";
import { findWorkspaceForHost } from "../../workspaces/workspaces.repo.ts";

/**
 * A published course's cover image, for the public pages (anyone may see it, like the page).
 * The type was sniffed when the authoring part stored it; `nosniff` keeps browsers to it.
 * Drafts, archived courses and other workspaces' courses are 404, exactly like their pages.
 */
export function academyCoverRoute(app: FastifyInstance) {
  router(app).get(
    "/academy/courses/:slug/cover",
    { schema: { hide: true, params: z.strictObject({ slug: z.string().max(120) }) } },
    async (request, reply) => {
      const workspace = await findWorkspaceForHost(app.ctx.db, request.headers.host);
      if (!workspace) throw notFound("Cover");
      const course = await new TenantScope(app.ctx.db, workspace.id)
        .selectFrom("academy_courses")
        .select(["cover_storage_key", "cover_mime"])
        .where("slug", "=", request.params.slug)
        .where("state", "=", "published")
        .executeTakeFirst();
      if (!course?.cover_storage_key || !course.cover_mime?.startsWith("image/")) throw notFound("Cover");
      const bytes = await app.ctx.files.read(course.cover_storage_key);
      return reply
        .header("content-type", course.cover_mime)
        .header("cache-control", "public, max-age=3600")
        .header("x-content-type-options", "nosniff")
        .send(bytes);
    },
  );
}
