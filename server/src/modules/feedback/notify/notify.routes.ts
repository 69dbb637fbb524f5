import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { router } from "../../../platform/http/route-kit.ts";
import { findWorkspaceById } from "../../workspaces/workspaces.repo.ts";
import { confirmPage, donePage, gonePage, invalidPage, readFeedbackUnsubscribeToken } from "./unsubscribe.ts";

const tags = ["Feedback"];
const PATH = "/api/v1/feedback/unsubscribe";
// Any token, even an absent or overlong one, gets the same small page: never a JSON error to a mail reader.
const querystring = z.object({ token: z.string().optional() });

/**
 * The unsubscribe link of feedback email: no login, the signed token is the credential. `GET`
 * shows a confirmation page (mail scanners open links; a GET must change nothing); `POST` is
 * the mail client's one-click request (RFC 8058) or the page's button, and ends that one
 * subscription. Repeating it is harmless. A token that is not ours gets a 400 page and one
 * whose subscription is gone a 404 page, neither saying more.
 */
export function notifyRoutes(app: FastifyInstance): void {
  const html = (reply: FastifyReply, status: number, body: string) =>
    reply.status(status).type("text/html; charset=utf-8").header("referrer-policy", "no-referrer").send(body);

  /** The subscription a token names, with the idea's title and the workspace's name. */
  async function target(token: string | undefined) {
    const t = token && token.length <= 400 ? readFeedbackUnsubscribeToken(app.ctx.secret, token) : undefined;
    if (!t) return { status: 400 as const };
    const ws = await findWorkspaceById(app.ctx.db, t.workspaceId);
    const sub =
      ws &&
      (await new TenantScope(app.ctx.db, t.workspaceId)
        .selectFrom("feedback_subscriptions")
        .innerJoin("feedback_ideas as i", "i.id", "feedback_subscriptions.idea_id")
        .select(["feedback_subscriptions.id", "i.title"])
        .where("feedback_subscriptions.id", "=", t.subscriptionId)
        .executeTakeFirst());
    if (!ws || !sub) return { status: 404 as const };
    return { status: 200 as const, workspaceId: t.workspaceId, workspace: ws.name, ...sub };
  }

  router(app).get(
    PATH,
    { schema: { tags, summary: "The feedback unsubscribe link's confirmation page (HTML)", querystring } },
    async (request, reply) => {
      const t = await target(request.query.token);
      if (t.status === 400) return html(reply, 400, invalidPage());
      if (t.status === 404) return html(reply, 404, gonePage());
      return html(reply, 200, confirmPage(t.workspace, t.title, request.query.token ?? ""));
    },
  );

  // Mail clients' one-click POST sends a form body; only this scope parses forms.
  void app.register(async (scope) => {
    for (const type of ["application/x-www-form-urlencoded", "multipart/form-data"]) {
      scope.addContentTypeParser(type, { parseAs: "string", bodyLimit: 4096 }, (_req, _body, done) =>
        done(null, {}),
      );
    }
    router(scope).post(
      PATH,
      {
        schema: {
          tags,
          summary: "One-click unsubscribe (RFC 8058): ends the token's subscription to one idea (idempotent)",
          querystring,
        },
      },
      async (request, reply) => {
        const t = await target(request.query.token);
        if (t.status === 400) return html(reply, 400, invalidPage());
        if (t.status === 404) return html(reply, 404, gonePage());
        await inTransaction(app.ctx.db, async (tx) => {
          const s = new TenantScope(tx, t.workspaceId);
          await s
            .updateTable("feedback_subscriptions")
            .set({ unsubscribed_at: new Date() })
            .where("id", "=", t.id)
            .where("unsubscribed_at", "is", null)
            .execute();
          // What was waiting for them is not sent after they said stop.
          await s
            .deleteFrom("feedback_notices")
            .where("subscription_id", "=", t.id)
            .where("sent_at", "is", null)
            .execute();
        });
        return html(reply, 200, donePage(t.workspace, t.title));
      },
    );
  });
}
