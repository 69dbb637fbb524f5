import { randomBytes } from "node:crypto";
import type { OfferInput } from "../../../../contracts/offers.ts";
import type { AppContext } from "../../platform/context.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";

/** Days after which an offer nobody followed counts as ignored. */
export const OFFER_IGNORED_AFTER_DAYS = 14;

export type PlannedOffer = { title: string; url: string; token: string; link: string };

/**
 * Checks an offer before anything is written (the reply path calls it right after locking the
 * case): only on a staff reply, and only when the case is solved or this reply solves it.
 * Returns the offer with its tracked link, which the reply's text carries (so the email and the
 * portal show the same thing), or null when there is no offer.
 */
export function planOffer(
  c: { status: string },
  kind: "customer" | "reply" | "note",
  input: { offer?: OfferInput | undefined; status?: "solved" | undefined },
  publicUrl: string | undefined,
): PlannedOffer | null {
  if (!input.offer) return null;
  if (kind !== "reply")
    throw new AppError("validation_failed", "An offer rides on a reply to the customer", "offer");
  const solved = c.status === "solved" || c.status === "closed" || input.status === "solved";
  if (!solved)
    throw new AppError(
      "case_not_solved",
      "Offers go only on solved cases: solve the case first, or send this reply with status solved",
      "offer",
    );
  const token = randomBytes(24).toString("base64url");
  const base = (publicUrl ?? "").replace(/\/+$/, "");
  return { title: input.offer.title, url: input.offer.url, token, link: `${base}/o/${token}` };
}

/** The reply text with the offer: a markdown link to the tracked address, title escaped. */
export function withOffer(body: string, offer: PlannedOffer): string {
  const title = offer.title.replace(/[[\]\\`*_<>]/g, (ch) => `\\${ch}`);
  return `${body}\n\n**[${title}](${offer.link})**`;
}

export async function recordOffer(
  scope: TenantScope,
  offer: PlannedOffer,
  at: { caseId: string; messageId: string; customerId: string; agentId: string | null },
) {
  await scope
    .insertInto("retention_offers", {
      case_id: at.caseId,
      message_id: at.messageId,
      customer_id: at.customerId,
      agent_id: at.agentId,
      title: offer.title,
      url: offer.url,
      token: offer.token,
    })
    .execute();
}

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/**
 * The tracked link: records the first acceptance (an ignored offer followed late still counts
 * as accepted) and answers where to send the customer. Tokens are random and single-purpose:
 * they only ever redirect to their own offer's https address.
 */
export async function acceptOffer(ctx: Pick<AppContext, "db">, token: string): Promise<string | null> {
  if (!TOKEN.test(token)) return null;
  const row = await ctx.db
    .updateTable("retention_offers")
    .set({ status: "accepted", accepted_at: new Date() })
    .where("token", "=", token)
    .where("status", "!=", "accepted")
    .returning("url")
    .executeTakeFirst();
  if (row) return row.url;
  const already = await ctx.db
    .selectFrom("retention_offers")
    .select("url")
    .where("token", "=", token)
    .executeTakeFirst();
  return already?.url ?? null;
}

/** Marks offers not followed within OFFER_IGNORED_AFTER_DAYS as ignored (scheduled job). */
export async function sweepIgnoredOffers(ctx: Pick<AppContext, "db">, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - OFFER_IGNORED_AFTER_DAYS * 86_400_000);
  const res = await ctx.db
    .updateTable("retention_offers")
    .set({ status: "ignored", ignored_at: now })
    .where("status", "=", "offered")
    .where("created_at", "<", cutoff)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export function offersOfCase(scope: TenantScope, caseId: string) {
  return scope
    .selectFrom("retention_offers")
    .select(["id", "message_id", "title", "url", "status", "created_at", "accepted_at"])
    .where("case_id", "=", caseId)
    .orderBy("created_at")
    .execute();
}
