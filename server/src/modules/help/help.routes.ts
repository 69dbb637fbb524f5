import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { idParamSchema } from "../../../../contracts/common.ts";
import { errorBodySchema } from "../../../../contracts/errors.ts";
import {
  articleBySlugParamsSchema,
  articleListQuerySchema,
  articleListSchema,
  articlePatchSchema,
  articleSchema,
  categoryInputSchema,
  categoryListSchema,
  categoryPatchSchema,
  categorySchema,
  compareQuerySchema,
  compareSchema,
  createArticleSchema,
  helpAttachmentInputSchema,
  helpAttachmentSchema,
  redirectSchema,
  translationListSchema,
  versionListSchema,
  versionParamsSchema,
  versionSchema,
} from "../../../../contracts/help.ts";
import { actorOf, optionalActor, requireActor } from "../../platform/http/authenticate.ts";
import { AppError } from "../../platform/http/errors.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { registerWorkaroundPublisher } from "../problems/workaround.ts";
import { findWorkspaceForHost } from "../workspaces/workspaces.repo.ts";
import { getArticle, getArticleBySlug, listArticlesFor, translationsOf } from "./article-reads.service.ts";
import { compareVersions, restoreVersion, versionOf, versionsOf } from "./article-versions.service.ts";
import { createArticle, deleteArticle, updateArticle } from "./articles.service.ts";
import { addAttachment, isInlineImage, readHelpAttachment } from "./attachments.service.ts";
import { createCategory, deleteCategory, listCategoriesFor, updateCategory } from "./categories.service.ts";
import { type HelpReader, readerOf } from "./help.policy.ts";
import {
  articleFromProblem,
  publishWorkaroundArticle,
  withdrawWorkaroundArticle,
} from "./problem-articles.service.ts";

const tags = ["Help center"];
const anyone = optionalActor();
const staff = requireActor("app.use");
const manage = requireActor("help.manage");
const withConflict = { ...withNotFound, 409: errorBodySchema };
// 5 MB of file as base64 (4/3) plus the JSON around it.
const ATTACHMENT_BODY_LIMIT = 7_500_000;

export function helpRoutes(app: FastifyInstance) {
  const r = router(app);

  // Problems announce published workarounds; the help center turns them into articles.
  const unregister = registerWorkaroundPublisher({
    publish: (w) => publishWorkaroundArticle(app.ctx, w),
    withdraw: (workspaceId, problemId) => withdrawWorkaroundArticle(app.ctx, workspaceId, problemId),
  });
  app.addHook("onClose", async () => unregister());

  /** The caller as a reader: signed in (their workspace), or anonymous on the host's workspace. */
  async function reader(request: FastifyRequest): Promise<HelpReader> {
    if (request.actor) return readerOf(request.actor, request.actor.workspaceId);
    const ws = await findWorkspaceForHost(app.ctx.db, request.headers.host);
    if (!ws) throw new AppError("not_found", "Help article was not found");
    return readerOf(undefined, ws.id);
  }

  // ---- categories ----

  r.get(
    "/api/v1/help/categories",
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "Help categories with their sections, in order (anyone may read them)",
        response: { 200: categoryListSchema, ...withNotFound },
      },
    },
    async (request) => listCategoriesFor(app.ctx, (await reader(request)).workspaceId),
  );

  r.post(
    "/api/v1/help/categories",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Create a category (optionally with its sections)",
        security: bearer,
        body: categoryInputSchema,
        response: { 201: categorySchema, ...withConflict },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createCategory(app.ctx, actorOf(request), request.body)),
  );

  r.patch(
    "/api/v1/help/categories/:id",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Change a category; `sections` replaces the whole list (listed ids are kept)",
        security: bearer,
        params: idParamSchema,
        body: categoryPatchSchema,
        response: { 200: categorySchema, ...withConflict },
      },
    },
    async (request) => updateCategory(app.ctx, actorOf(request), request.params.id, request.body),
  );

  r.delete(
    "/api/v1/help/categories/:id",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Delete a category and its sections (409 while it holds articles)",
        security: bearer,
        params: idParamSchema,
        response: { 204: z.null(), ...withConflict },
      },
    },
    async (request, reply) => {
      await deleteCategory(app.ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  // ---- articles ----

  r.get(
    "/api/v1/help/articles",
    {
      preValidation: staff,
      schema: {
        tags,
        summary: "Articles (staff: every state), most recently changed first, at most 200",
        security: bearer,
        querystring: articleListQuerySchema,
        response: { 200: articleListSchema, ...withNotFound },
      },
    },
    async (request) => listArticlesFor(app.ctx, await reader(request), request.query),
  );

  r.post(
    "/api/v1/help/articles",
    {
      preValidation: manage,
      bodyLimit: 400_000,
      schema: {
        tags,
        summary: "Write an article (version 1)",
        description:
          "The slug is made from the title and is unique per locale. Publishing announces article.published to webhooks.",
        security: bearer,
        body: createArticleSchema,
        response: { 201: articleSchema, ...withConflict },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createArticle(app.ctx, actorOf(request), request.body)),
  );

  r.get(
    "/api/v1/help/articles/by-slug/:locale/:slug",
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "An article by locale and slug, following the reading rules",
        description: "An old slug answers 301 with `redirectTo` (and Location) naming the current slug.",
        params: articleBySlugParamsSchema,
        response: { 200: articleSchema, 301: redirectSchema, ...withNotFound },
      },
    },
    async (request, reply) => {
      const found = await getArticleBySlug(
        app.ctx,
        await reader(request),
        request.params.locale,
        request.params.slug,
      );
      if (found.redirectTo !== undefined) {
        return reply
          .status(301)
          .header("location", `/help/articles/${encodeURIComponent(found.redirectTo)}`)
          .send({ redirectTo: found.redirectTo });
      }
      return found.article as NonNullable<typeof found.article>;
    },
  );

  r.post(
    "/api/v1/help/articles/from-problem/:problemId",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Publish a problem's public workaround as an article (or refresh the one already made)",
        description: "409 when the problem has no public title and workaround yet.",
        security: bearer,
        params: z.strictObject({ problemId: z.uuid() }),
        response: { 200: articleSchema, 201: articleSchema, ...withConflict },
      },
    },
    async (request, reply) => {
      const { article, created } = await articleFromProblem(
        app.ctx,
        actorOf(request),
        request.params.problemId,
      );
      return reply.status(created ? 201 : 200).send(article);
    },
  );

  r.get(
    "/api/v1/help/articles/:id",
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "One article, following the reading rules (anything not readable is 404)",
        params: idParamSchema,
        response: { 200: articleSchema, ...withNotFound },
      },
    },
    async (request) => getArticle(app.ctx, await reader(request), request.params.id),
  );

  r.patch(
    "/api/v1/help/articles/:id",
    {
      preValidation: manage,
      bodyLimit: 400_000,
      schema: {
        tags,
        summary: "Change an article (a new version when anything changes)",
        description:
          "A new slug keeps the old one as a redirect. Becoming published announces article.published; " +
          "changing a published article announces article.updated.",
        security: bearer,
        params: idParamSchema,
        body: articlePatchSchema,
        response: { 200: articleSchema, ...withConflict },
      },
    },
    async (request) => updateArticle(app.ctx, actorOf(request), request.params.id, request.body),
  );

  r.delete(
    "/api/v1/help/articles/:id",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Delete an article with its versions, redirects and files",
        security: bearer,
        params: idParamSchema,
        response: { 204: z.null(), ...withNotFound },
      },
    },
    async (request, reply) => {
      await deleteArticle(app.ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    "/api/v1/help/articles/:id/translations",
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "The article's other-locale versions the caller may read",
        params: idParamSchema,
        response: { 200: translationListSchema, ...withNotFound },
      },
    },
    async (request) => translationsOf(app.ctx, await reader(request), request.params.id),
  );

  // ---- versions ----

  r.get(
    "/api/v1/help/articles/:id/versions",
    {
      preValidation: staff,
      schema: {
        tags,
        summary: "Every saved version, newest first",
        security: bearer,
        params: idParamSchema,
        response: { 200: versionListSchema, ...withNotFound },
      },
    },
    async (request) => versionsOf(app.ctx, await reader(request), request.params.id),
  );

  r.get(
    "/api/v1/help/articles/:id/versions/compare",
    {
      preValidation: staff,
      schema: {
        tags,
        summary: "A line diff of two versions' title and body",
        security: bearer,
        params: idParamSchema,
        querystring: compareQuerySchema,
        response: { 200: compareSchema, ...withNotFound },
      },
    },
    async (request) =>
      compareVersions(
        app.ctx,
        await reader(request),
        request.params.id,
        request.query.from,
        request.query.to,
      ),
  );

  r.get(
    "/api/v1/help/articles/:id/versions/:n",
    {
      preValidation: staff,
      schema: {
        tags,
        summary: "One version",
        security: bearer,
        params: versionParamsSchema,
        response: { 200: versionSchema, ...withNotFound },
      },
    },
    async (request) => versionOf(app.ctx, await reader(request), request.params.id, request.params.n),
  );

  r.post(
    "/api/v1/help/articles/:id/versions/:n/restore",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Restore a version's title, body, tags and product models as a new version",
        security: bearer,
        params: versionParamsSchema,
        response: { 200: articleSchema, ...withNotFound },
      },
    },
    async (request) => restoreVersion(app.ctx, actorOf(request), request.params.id, request.params.n),
  );

  // ---- attachments ----

  r.post(
    "/api/v1/help/articles/:id/attachments",
    {
      preValidation: manage,
      bodyLimit: ATTACHMENT_BODY_LIMIT,
      schema: {
        tags,
        summary: "Attach a picture (PNG, JPEG, GIF, WebP) or a PDF of at most 5 MB",
        description:
          "The type is checked from the bytes. The answer carries a markdown snippet for the body.",
        security: bearer,
        params: idParamSchema,
        body: helpAttachmentInputSchema,
        response: { 201: helpAttachmentSchema, ...withNotFound },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addAttachment(app.ctx, actorOf(request), request.params.id, request.body)),
  );

  r.get(
    "/api/v1/help/attachments/:id",
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "A help article's file, for whoever may read the article",
        params: idParamSchema,
        response: { 200: z.any(), ...withNotFound },
      },
    },
    async (request, reply) => {
      const file = await readHelpAttachment(app.ctx, await reader(request), request.params.id);
      const safeName = file.name.replace(/[^\w.() -]/g, "_");
      // Only the sniffed raster types are shown inline; everything else downloads.
      const inline = isInlineImage(file.contentType);
      return reply
        .header("content-type", file.contentType)
        .header("content-disposition", `${inline ? "inline" : "attachment"}; filename="${safeName}"`)
        .header("x-content-type-options", "nosniff")
        .header("content-security-policy", "default-src 'none'; sandbox")
        .send(file.bytes);
    },
  );
}
