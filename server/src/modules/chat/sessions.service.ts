import type { WidgetSession } from "../../../../contracts/widget.ts";
import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { publish } from "../../platform/realtime/publish.ts";
import { presentConversation } from "./conversation.service.ts";
import { openConversationOf } from "./conversations.repo.ts";
import { identityVerifies } from "./identity.ts";
import { hashVisitorToken, newVisitorToken, visitorForToken } from "./visitor-auth.ts";
import { insertVisitor, updateVisitor, type VisitorRow } from "./visitors.repo.ts";
import type { WidgetRow } from "./widget.repo.ts";
import { identitySecretOf } from "./widget.service.ts";

export type SessionInput = {
  token?: string | undefined;
  identity?:
    | { userId: string; email?: string | undefined; name?: string | undefined; signature: string }
    | undefined;
  page?: { url: string; title: string } | undefined;
};

/**
 * Opens (or resumes) a visitor session. A token from an earlier session resumes that visitor,
 * unless it belongs to another workspace or to a different verified user (a shared computer
 * after a logout without shutdown). An identity is trusted only when its signature verifies;
 * a bad one is refused outright (401 naming identity.signature) rather than quietly treated
 * as anonymous, so a host site's signing mistake shows up at once.
 */
export async function openSession(
  ctx: Pick<AppContext, "db" | "secret">,
  request: { server: { ctx: Pick<AppContext, "db"> } },
  widget: WidgetRow,
  input: SessionInput,
  userAgent: string | null,
): Promise<WidgetSession> {
  const identity = input.identity;
  if (identity && !identityVerifies(identitySecretOf(ctx, widget), identity))
    throw new AppError("unauthenticated", "The identity's signature does not verify", "identity.signature");
  const resumed = input.token ? await visitorForToken(request as never, input.token) : undefined;
  const reusable =
    resumed &&
    resumed.workspace_id === widget.workspace_id &&
    (!identity || !resumed.verified_user_id || resumed.verified_user_id === identity.userId)
      ? resumed
      : undefined;
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, widget.workspace_id);
    let token: string;
    let visitor: VisitorRow;
    const page = input.page ? { current_url: input.page.url, current_title: input.page.title } : {};
    const verified = identity
      ? {
          verified_user_id: identity.userId,
          email: identity.email?.toLowerCase() ?? null,
          email_verified: Boolean(identity.email),
          ...(identity.name ? { name: identity.name } : {}),
        }
      : {};
    if (reusable && input.token) {
      token = input.token;
      // A verified identity on a browser that chatted anonymously: the same visitor, now known.
      // Its customer is found again at the next chat (customer-match.ts).
      const becameVerified = identity && !reusable.verified_user_id;
      await updateVisitor(scope, reusable.id, {
        ...page,
        ...verified,
        ...(becameVerified ? { customer_id: null } : {}),
        last_seen_at: new Date(),
      });
      visitor = { ...reusable, ...page, ...verified, ...(becameVerified ? { customer_id: null } : {}) };
    } else {
      token = newVisitorToken();
      visitor = await insertVisitor(scope, {
        tokenHash: hashVisitorToken(token),
        verifiedUserId: identity?.userId ?? null,
        name: identity?.name ?? null,
        email: identity?.email?.toLowerCase() ?? null,
        emailVerified: Boolean(identity?.email),
        currentUrl: input.page?.url ?? null,
        currentTitle: input.page?.title ?? null,
        userAgent: userAgent?.slice(0, 500) ?? null,
      });
    }
    const open = await openConversationOf(scope, visitor);
    return {
      token,
      visitorId: visitor.id,
      verified: Boolean(visitor.verified_user_id),
      name: visitor.name,
      email: visitor.email,
      conversation: open ? await presentConversation(scope, open) : null,
    };
  });
}

/**
 * Logout on the host site (Rapport.shutdown()): the token dies, so this browser's stored chat is
 * no longer returned to it, and its open sockets close. The conversation itself stays with its
 * case; a verified user who signs in again reaches it as from any other device.
 */
export async function shutdownVisitor(ctx: Pick<AppContext, "db">, visitor: VisitorRow): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, visitor.workspace_id);
    await updateVisitor(scope, visitor.id, { ended_at: new Date() });
    await publish(tx, {
      workspaceId: visitor.workspace_id,
      audience: { kind: "visitor", visitorId: visitor.id },
      event: { type: "error", code: "unauthenticated", message: "This visitor session has ended" },
    });
  });
}
