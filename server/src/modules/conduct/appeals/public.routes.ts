import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { AppError } from "../../../platform/http/errors.ts";
import { fromThisSite, tokenPage } from "../../../platform/http/public-form.ts";
import { router } from "../../../platform/http/route-kit.ts";
import { type FoundStep, receiveAppeal, stepByToken } from "./appeals.service.ts";
import { appealNotFoundPage, appealPage, appealRefusedPage, MAX_APPEAL } from "./page.ts";

/**
 * The public appeal page, no login: the token in the notice's link is the only credential and
 * finds one step (by its stored SHA-256) and nothing else. GET shows the form; POST (that form,
 * same-origin only) records the appeal. Unknown tokens: a 404 page.
 */
const tags = ["Conduct"];
const params = z.object({ token: z.string().max(200) });
const TOKEN = /^[A-Za-z0-9_-]{20,64}$/;

const find = (app: FastifyInstance, token: string) =>
  TOKEN.test(token) ? stepByToken(app.ctx.db, token) : Promise.resolve(undefined);

const view = (s: FoundStep, token: string) => ({
  token,
  workspace: s.workspace,
  kind: s.kind,
  notice: s.notice,
  appealed: s.appealed,
});

export function conductPublicRoutes(app: FastifyInstance): void {
  router(app).get(
    "/conduct/appeal/:token",
    {
      config: { rateLimit: { max: 60, timeWindow: "1 minute" } },
      schema: { tags, summary: "The appeal page for a conduct step (HTML)", params },
    },
    async (request, reply) => {
      const s = await find(app, request.params.token);
      if (!s) return tokenPage(reply, 404, appealNotFoundPage());
      return tokenPage(reply, 200, appealPage(view(s, request.params.token)));
    },
  );

  void app.register(async (scope) => {
    scope.addContentTypeParser(
      "application/x-www-form-urlencoded",
      { parseAs: "string", bodyLimit: 32 * 1024 },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    router(scope).post(
      "/conduct/appeal/:token",
      {
        config: { rateLimit: { max: 10, timeWindow: "1 minute" } },
        schema: { tags, summary: "Send an appeal (the appeal page's form)", params },
      },
      async (request, reply) => {
        const s = await find(app, request.params.token);
        if (!s) return tokenPage(reply, 404, appealNotFoundPage());
        if (!fromThisSite(request)) return tokenPage(reply, 403, appealRefusedPage());
        const v = view(s, request.params.token);
        if (s.appealed) return tokenPage(reply, 409, appealPage(v));
        const raw = (request.body ?? {}) as Record<string, unknown>;
        const body =
          typeof raw.body === "string"
            ? raw.body
                .replaceAll(String.fromCharCode(0), "")
                .replace(/[\ud800-\udfff]/gu, "")
                .trim()
            : "";
        if (!body)
          return tokenPage(
            reply,
            400,
            appealPage(v, { error: "body: please write why the decision should be reviewed" }),
          );
        if (body.length > MAX_APPEAL)
          return tokenPage(reply, 400, appealPage(v, { error: `body: at most ${MAX_APPEAL} characters` }));
        try {
          await receiveAppeal(app.ctx, s, body);
        } catch (err) {
          if (err instanceof AppError && err.status === 409)
            return tokenPage(
              reply,
              409,
              appealPage({ ...v, appealed: { receivedAt: new Date(), outcome: null } }),
            );
          throw err;
        }
        return tokenPage(reply, 201, appealPage(v, { saved: true }));
      },
    );
  });
}
