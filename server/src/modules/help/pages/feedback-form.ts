import type { FastifyInstance } from "fastify";
import { recordVote } from "../search/feedback.service.ts";
import { articleHref, findBySlug, visitorOf } from "./visitor.ts";

const REASONS = ["not_related", "did_not_answer", "out_of_date"] as const;

/**
 * The "Did this help?" form (POST, works without JavaScript). Votes are stored by the search
 * module's feedback service, like the JSON votes route.
 */
export function feedbackFormRoute(app: FastifyInstance) {
  // Encapsulated so the form parser applies to this route only: every other route keeps
  // refusing form posts (a cross-site form cannot send JSON, which is part of CSRF defence).
  void app.register(async (scope) => {
    scope.addContentTypeParser(
      "application/x-www-form-urlencoded",
      { parseAs: "string", bodyLimit: 4096 },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    scope.post("/help/articles/:slug/feedback", async (request, reply) => {
      const { slug } = request.params as { slug: string };
      const body = (request.body ?? {}) as Record<string, string | undefined>;
      const v = await visitorOf(app, request);
      const found = v ? await findBySlug(app.ctx, v, slug) : null;
      if (!v || !found?.article) return reply.code(404).type("text/plain").send("Help article was not found");
      const a = found.article;
      const href = articleHref(a.slug, a.locale, v.workspace.default_locale);
      const back = (feedback: string) =>
        `${href}${href.includes("?") ? "&" : "?"}feedback=${feedback}#feedback`;
      const helpful = body.helpful === "yes" ? true : body.helpful === "no" ? false : null;
      if (helpful === null) return reply.redirect(href, 303);
      const reason = REASONS.find((r) => r === body.reason);
      // "No" first asks why; the vote is recorded once, with its reason.
      if (!helpful && !reason) return reply.redirect(back("why"), 303);
      // A refused vote (the article changed meanwhile) still thanks the visitor; it is logged.
      await recordVote(app.ctx, v.reader, a.id, { helpful, ...(reason ? { reason } : {}) }).catch((err) =>
        request.log.warn({ err, articleId: a.id }, "help vote was refused"),
      );
      return reply.redirect(back(helpful ? "thanks" : "sorry"), 303);
    });
  });
}
