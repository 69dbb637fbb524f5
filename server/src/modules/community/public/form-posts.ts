import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodError } from "zod";
import { communityPostInputSchema, communityTopicInputSchema } from "../../../../../contracts/community.ts";
import type { CommunityFormNotice } from "../../../../../contracts/community-pages.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { fromThisSite } from "../../../platform/http/public-form.ts";
import { createPost } from "../posts.service.ts";
import { createTopic } from "../topics.service.ts";
import { findTopicByNumber } from "./pages.repo.ts";
import { ANSWERS_PER_PAGE } from "./topic-page.ts";
import { topicHref } from "./views.ts";
import { communityVisitorOf } from "./visitor.ts";

/**
 * Posting without JavaScript (issue #16): plain HTML forms on the topic page (answer, comment)
 * and on /community/new (ask) post form-encoded bodies here; each answers 303 back to the page.
 * The rules are the JSON API's: the same zod contracts, then the core's createPost /
 * createTopic (trust, rate limits, spam holds, closed topics). A refusal goes back to the form
 * as a notice naming the field, signed so nobody can make the page show a text of their own.
 *
 * CSRF: these are the only community routes that take form bodies (a cross-site form cannot
 * send JSON), so each checks where the form came from: Sec-Fetch-Site `same-origin`, or else
 * the API's own Origin check (platform/http/csrf.ts); anything else, a post without either
 * included, is refused. SameSite=Lax cookies alone would not be enough (a same-site sibling
 * could still post).
 */

const FORM_LIMIT = 64 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Notice tokens: the notice as base64url JSON, then an HMAC under a key for this purpose. */
const keyFor = (secret: string) => createHash("sha256").update(`community-form-notice\0${secret}`).digest();
export function noticeToken(secret: string, notice: CommunityFormNotice): string {
  const data = Buffer.from(JSON.stringify(notice)).toString("base64url");
  return `${data}.${createHmac("sha256", keyFor(secret)).update(data).digest("base64url")}`;
}
export function readNotice(secret: string, token: string | null): CommunityFormNotice | null {
  if (!token) return null;
  const [data = "", sig = "", ...rest] = token.split(".");
  if (rest.length > 0 || token.length > 4000) return null;
  const given = Buffer.from(sig, "base64url");
  const expected = createHmac("sha256", keyFor(secret)).update(data).digest();
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    return JSON.parse(Buffer.from(data, "base64url").toString("utf8")) as CommunityFormNotice;
  } catch {
    return null;
  }
}

/** The first problem of a failed contract, named by its field. */
function fieldError(err: ZodError): CommunityFormNotice {
  const issue = err.issues[0];
  const field = issue?.path.join(".") || "body";
  return { kind: "error", field, message: issue?.message ?? "is not valid" };
}

function refusal(err: unknown): CommunityFormNotice {
  if (err instanceof AppError && err.status < 500)
    return { kind: "error", field: err.field ?? null, message: err.message };
  throw err;
}

const text = (v: unknown) => (typeof v === "string" ? v : undefined);

export function communityFormRoutes(app: FastifyInstance) {
  void app.register(async (scope) => {
    scope.addContentTypeParser(
      "application/x-www-form-urlencoded",
      { parseAs: "string", bodyLimit: FORM_LIMIT },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );

    /** Who may post: a signed-in person of the host's workspace, from a page of this site. */
    const guard = async (request: FastifyRequest, reply: FastifyReply) => {
      const v = await communityVisitorOf(app, request);
      if (!v) {
        await reply.code(404).type("text/plain").send("Not found");
        return null;
      }
      if (!fromThisSite(request)) {
        await reply.code(403).type("text/plain").send("This form must be sent from this site's own pages.");
        return null;
      }
      if (!v.actor) {
        await reply.redirect("/portal", 303);
        return null;
      }
      return { v, actor: v.actor };
    };
    // Back to the form it came from: a post's comment form, else the answer form.
    const back = (href: string, notice: CommunityFormNotice, parentPostId: string | undefined) => {
      const onPost = parentPostId && UUID.test(parentPostId) ? parentPostId : undefined;
      const n = notice.kind === "error" && onPost ? { ...notice, postId: onPost } : notice;
      const anchor = onPost ? `post-${onPost}` : "answer-form";
      return `${href}?notice=${noticeToken(app.ctx.secret, n)}#${anchor}`;
    };

    // An answer, or a comment when the form names the post it hangs under.
    scope.post("/community/t/:number/posts", async (request, reply) => {
      const g = await guard(request, reply);
      if (!g) return reply;
      const { number } = request.params as { number: string };
      const t = /^\d{1,15}$/.test(number) ? await findTopicByNumber(g.v.scope, number) : undefined;
      if (!t || t.hidden || t.mergedIntoId || !g.v.visibilities.includes(t.categoryVisibility))
        return reply.code(404).type("text/plain").send("Topic was not found");
      const href = topicHref(t.number, t.slug);
      const form = (request.body ?? {}) as Record<string, unknown>;
      const parentPostId = text(form.parentPostId) || undefined;
      const input = communityPostInputSchema.safeParse({ body: text(form.body) ?? "", parentPostId });
      if (!input.success) return reply.redirect(back(href, fieldError(input.error), parentPostId), 303);
      try {
        const post = await createPost(app.ctx, g.actor, t.id, input.data);
        if (post.hidden) return reply.redirect(back(href, { kind: "held" }, parentPostId), 303);
        // A new answer is last (accepted answers lead), so on the topic's last page.
        const pages = Math.max(1, Math.ceil((t.answerCount + 1) / ANSWERS_PER_PAGE));
        const onPage = parentPostId ? "" : pages > 1 ? `?page=${pages}` : "";
        return reply.redirect(`${href}${onPage}#post-${post.id}`, 303);
      } catch (err) {
        return reply.redirect(back(href, refusal(err), parentPostId), 303);
      }
    });

    // A new question.
    scope.post("/community/new", async (request, reply) => {
      const g = await guard(request, reply);
      if (!g) return reply;
      const form = (request.body ?? {}) as Record<string, unknown>;
      const categoryId = text(form.categoryId) ?? "";
      const again = (notice: CommunityFormNotice) =>
        `/community/new?${new URLSearchParams({
          ...(categoryId ? { category: categoryId } : {}),
          notice: noticeToken(app.ctx.secret, notice),
        })}#new-topic`;
      const input = communityTopicInputSchema.safeParse({
        categoryId,
        kind: "question",
        title: text(form.title) ?? "",
        body: text(form.body) ?? "",
      });
      if (!input.success) return reply.redirect(again(fieldError(input.error)), 303);
      try {
        const topic = await createTopic(app.ctx, g.actor, input.data);
        if (topic.hidden) return reply.redirect(again({ kind: "held" }), 303);
        return reply.redirect(topic.url, 303);
      } catch (err) {
        return reply.redirect(again(refusal(err)), 303);
      }
    });
  });
}
