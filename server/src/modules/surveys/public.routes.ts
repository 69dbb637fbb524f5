import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { surveyAnswerInputSchema } from "../../../../contracts/surveys.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { fromThisSite, tokenPage } from "../../platform/http/public-form.ts";
import { router } from "../../platform/http/route-kit.ts";
import { findWorkspaceById } from "../workspaces/workspaces.repo.ts";
import { expiredPage, notFoundPage, refusedPage, surveyPage } from "./page.ts";
import { recordAnswer } from "./respond.service.ts";
import { surveysClock } from "./rules.ts";
import { hashToken } from "./send.ts";

/**
 * The public rating page, no login: the token in the link is the only credential, and it finds
 * one survey (by its stored hash) and nothing else — not the case's messages, not the customer.
 * `GET /s/{token}?rating=N` records N at once (the one-click link in the mail) and shows the
 * comment form; `POST /s/{token}` (that form) changes the rating and adds a comment and, for a
 * negative rating, a reason. After the window: 410 with a polite page; unknown tokens: 404.
 */
const tags = ["Surveys"];
const params = z.object({ token: z.string().max(200) });
const TOKEN = /^[A-Za-z0-9_-]{20,64}$/;

async function findByToken(app: FastifyInstance, token: string) {
  if (!TOKEN.test(token)) return undefined;
  const link = await app.ctx.db
    .selectFrom("survey_links")
    .select(["survey_id as surveyId", "workspace_id as workspaceId"])
    .where("token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!link) return undefined;
  const scope = new TenantScope(app.ctx.db, link.workspaceId);
  const s = await scope
    .selectFrom("surveys")
    .innerJoin("cases as c", "c.id", "surveys.case_id")
    .leftJoin("survey_responses as r", "r.survey_id", "surveys.id")
    .select([
      "surveys.id",
      "surveys.case_id",
      "surveys.customer_id",
      "surveys.kind",
      "surveys.scale",
      "surveys.agent_id",
      "surveys.team_id",
      "surveys.status",
      "surveys.expires_at as expiresAt",
      "c.number as caseNumber",
      "c.subject as caseSubject",
      "r.rating",
      "r.comment",
      "r.reason",
    ])
    .where("surveys.id", "=", link.surveyId)
    .executeTakeFirst();
  if (!s) return undefined;
  const workspace = (await findWorkspaceById(app.ctx.db, link.workspaceId))?.name ?? "Rapport";
  return { ...s, workspaceId: link.workspaceId, workspace, token };
}

type Found = NonNullable<Awaited<ReturnType<typeof findByToken>>>;
const closed = (s: Found) =>
  s.status === "expired" || !s.expiresAt || s.expiresAt.getTime() < surveysClock.now().getTime();

const view = (
  s: Found,
  over: Partial<{ rating: number; comment: string | null; reason: string | null }> = {},
) => ({
  token: s.token,
  workspace: s.workspace,
  caseNumber: Number(s.caseNumber),
  caseSubject: s.caseSubject,
  kind: s.kind,
  scale: s.scale,
  rating: over.rating ?? s.rating ?? null,
  comment: over.comment !== undefined ? over.comment : (s.comment ?? null),
  reason: over.reason !== undefined ? over.reason : (s.reason ?? null),
});

async function save(app: FastifyInstance, s: Found, input: z.infer<typeof surveyAnswerInputSchema>) {
  await inTransaction(app.ctx.db, (tx) =>
    recordAnswer(app.ctx, new TenantScope(tx, s.workspaceId), s, input),
  );
}

const fieldMessage = (err: unknown) => {
  if (err instanceof AppError && err.status < 500) return `${err.field ?? "answer"}: ${err.message}`;
  throw err;
};

export function surveyPublicRoutes(app: FastifyInstance): void {
  router(app).get(
    "/s/:token",
    {
      config: { rateLimit: { max: 60, timeWindow: "1 minute" } },
      schema: {
        tags,
        summary: "The survey's rating page (HTML); ?rating=N records that rating at once",
        params,
        querystring: z.object({ rating: z.string().max(3).optional() }),
      },
    },
    async (request, reply) => {
      const s = await findByToken(app, request.params.token);
      if (!s) return tokenPage(reply, 404, notFoundPage());
      if (closed(s)) return tokenPage(reply, 410, expiredPage());
      const given = request.query.rating;
      if (given === undefined) return tokenPage(reply, 200, surveyPage(view(s)));
      const rating = /^\d$/.test(given) ? Number(given) : Number.NaN;
      try {
        await save(app, s, { rating });
      } catch (err) {
        return tokenPage(reply, 400, surveyPage(view(s), { error: fieldMessage(err) }));
      }
      return tokenPage(reply, 200, surveyPage(view(s, { rating }), { saved: true }));
    },
  );

  void app.register(async (scope) => {
    scope.addContentTypeParser(
      "application/x-www-form-urlencoded",
      { parseAs: "string", bodyLimit: 16 * 1024 },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    router(scope).post(
      "/s/:token",
      {
        config: { rateLimit: { max: 30, timeWindow: "1 minute" } },
        schema: { tags, summary: "Answer or change the answer to a survey (the rating page's form)", params },
      },
      async (request, reply) => {
        const s = await findByToken(app, request.params.token);
        if (!s) return tokenPage(reply, 404, notFoundPage());
        if (!fromThisSite(request)) return tokenPage(reply, 403, refusedPage());
        if (closed(s)) return tokenPage(reply, 410, expiredPage());
        const form = (request.body ?? {}) as Record<string, unknown>;
        // NUL and lone surrogates were already dropped from the form (unstorable-text.ts).
        const text = (v: unknown) => (typeof v === "string" ? v : undefined);
        const parsed = surveyAnswerInputSchema.safeParse({
          rating: Number(text(form.rating) ?? form.rating),
          comment: text(form.comment),
          reason: text(form.reason) || undefined,
        });
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          const error = `${issue?.path.join(".") || "answer"}: ${issue?.message ?? "is not valid"}`;
          return tokenPage(reply, 400, surveyPage(view(s), { error }));
        }
        try {
          await save(app, s, parsed.data);
        } catch (err) {
          return tokenPage(reply, 400, surveyPage(view(s), { error: fieldMessage(err) }));
        }
        const reason = parsed.data.reason ?? null;
        return tokenPage(
          reply,
          200,
          surveyPage(view(s, { rating: parsed.data.rating, comment: parsed.data.comment ?? null, reason }), {
            saved: true,
          }),
        );
      },
    );
  });
}
