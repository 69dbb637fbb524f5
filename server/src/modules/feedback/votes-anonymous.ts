import { randomBytes } from "node:crypto";
import type { FastifyRequest } from "fastify";
import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { checkSameOrigin } from "../../platform/http/csrf.ts";
import { AppError } from "../../platform/http/errors.ts";
import { VISITOR_COOKIE, visitorCookieOf, visitorSession } from "../help/public-views.ts";
import { readerFor } from "./feedback.policy.ts";
import { readableOriginal } from "./feedback.repo.ts";

type Ctx = Pick<AppContext, "db" | "config">;
type Request = Pick<FastifyRequest, "server" | "headers" | "method">;

/**
 * Anonymous voting (issue #17), only when the workspace turned it on: a visitor is the help
 * center's first-party cookie (`rapport_hv`), stored only as its hash in
 * `feedback_votes.visitor_hash`, whose unique key per idea makes a repeat count once. Such a vote
 * counts in `vote_count` but makes no requester — a visitor is nobody's customer record, and the
 * requester counts weigh customers — and follows nothing (there is no one to email). Only public
 * boards: a visitor reads nothing else. The route rate-limits these calls per address
 * (`ANONYMOUS_VOTE_LIMIT`), since a script can always drop its cookie and vote again.
 */
export const ANONYMOUS_VOTE_LIMIT = { max: 20, timeWindow: "10 minutes" } as const;

export type AnonymousVoteResult = {
  votes: number;
  myVote: boolean;
  /** The Set-Cookie header to send when the visitor had no cookie yet. */
  setCookie: string | null;
};

const refused = () =>
  new AppError("unauthenticated", "Sign in to vote: this portal does not take anonymous votes");

async function visitorReader(ctx: Ctx, request: Request) {
  // A host with no workspace answers as a portal without anonymous voting, so nothing is probed.
  const reader = await readerFor(ctx.db, null, request.headers.host).catch(() => null);
  if (!reader) throw refused();
  const settings = await new TenantScope(ctx.db, reader.workspaceId)
    .selectFrom("feedback_settings")
    .select("anonymous_voting")
    .executeTakeFirst();
  if (!settings?.anonymous_voting) throw refused();
  // The visitor's cookie is what identifies them, so another site must not vote with it.
  checkSameOrigin(request);
  return reader;
}

function newCookieHeader(ctx: Ctx, value: string): string {
  const secure = ctx.config.publicUrl.startsWith("https:") ? "; Secure" : "";
  return `${VISITOR_COOKIE}=${value}; Path=/; Max-Age=${365 * 24 * 3600}; HttpOnly; SameSite=Lax${secure}`;
}

export async function castAnonymousVote(
  ctx: Ctx,
  request: Request,
  idOrNumber: string,
): Promise<AnonymousVoteResult> {
  const reader = await visitorReader(ctx, request);
  const existing = visitorCookieOf(request);
  const cookie = existing ?? randomBytes(18).toString("base64url");
  const hash = visitorSession(reader.workspaceId, cookie);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, reader.workspaceId);
    const idea = await readableOriginal(scope, reader, idOrNumber);
    const inserted = await scope
      .insertInto("feedback_votes", { idea_id: idea.id, customer_id: null, visitor_hash: hash })
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .executeTakeFirst();
    const votes = await bump(scope, idea.id, inserted ? 1 : 0);
    return { votes, myVote: true, setCookie: existing ? null : newCookieHeader(ctx, cookie) };
  });
}

export async function removeAnonymousVote(
  ctx: Ctx,
  request: Request,
  idOrNumber: string,
): Promise<AnonymousVoteResult> {
  const reader = await visitorReader(ctx, request);
  const cookie = visitorCookieOf(request);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, reader.workspaceId);
    const idea = await readableOriginal(scope, reader, idOrNumber);
    const gone = cookie
      ? await scope
          .deleteFrom("feedback_votes")
          .where("idea_id", "=", idea.id)
          .where("visitor_hash", "=", visitorSession(reader.workspaceId, cookie))
          .returning("id")
          .executeTakeFirst()
      : undefined;
    return { votes: await bump(scope, idea.id, gone ? -1 : 0), myVote: false, setCookie: null };
  });
}

/** Moves vote_count by `by` (under the row lock readableOriginal took) and answers the count. */
async function bump(scope: TenantScope, ideaId: string, by: number): Promise<number> {
  const row = await scope
    .updateTable("feedback_ideas")
    .set((eb) => ({ vote_count: eb("vote_count", "+", by) }))
    .where("id", "=", ideaId)
    .returning("vote_count")
    .executeTakeFirstOrThrow();
  return row.vote_count;
}
