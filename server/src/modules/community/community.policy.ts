import type { Actor } from "../../platform/context.ts";
import { AppError } from "../../platform/http/errors.ts";
import type { Member } from "./members.ts";
import type { CategoryVisibility } from "./schema-community.ts";

/**
 * Who reads and does what in the community, in one place. Reading follows the category's
 * visibility: anonymous readers see public categories; signed-in customers also `customers`;
 * MVPs and staff also `mvp`; staff also `staff`. Anything a reader may not see answers 404,
 * never 403, so ids cannot be probed. Hidden posts and topics (flags, spam hold, staff) are
 * seen only by their author and moderators.
 */

/** A reader: who is asking (null when anonymous), their member row if they ever took part. */
export type Reader = {
  workspaceId: string;
  actor: Actor | null;
  member: Member | null;
  isMvp: boolean;
  visibilities: CategoryVisibility[];
  moderator: boolean;
};

export function isStaffActor(actor: Actor | null | undefined): boolean {
  return !!actor && actor.permissions.includes("app.use");
}

/** The category visibilities a reader may see. Reused by the public pages. */
export function readableVisibilities(
  actor: Actor | null | undefined,
  member: { isMvp: boolean } | null,
): CategoryVisibility[] {
  if (isStaffActor(actor)) return ["public", "customers", "mvp", "staff"];
  if (!actor) return ["public"];
  return member?.isMvp ? ["public", "customers", "mvp"] : ["public", "customers"];
}

export function isModerator(actor: Actor | null | undefined): boolean {
  return !!actor && actor.permissions.includes("community.moderate");
}

/** A hidden post or topic is readable by its author and moderators only. */
export function canSeeHidden(reader: Reader, authorMemberId: string): boolean {
  return reader.moderator || (reader.member !== null && reader.member.id === authorMemberId);
}

/** Posting, voting and following need a signed-in person: a portal customer or staff. */
export function assertCanParticipate(actor: Actor): void {
  if (!actor.permissions.includes("portal.use") && !actor.permissions.includes("app.use"))
    throw new AppError("forbidden", `Your role (${actor.role}) may not take part in the community`);
}

export function assertCanManage(actor: Actor): void {
  if (!actor.permissions.includes("community.manage"))
    throw new AppError("forbidden", `Your role (${actor.role}) may not manage the community`);
}

/** Posting as a customer is for integrations: a staff API token that may write to customers. */
export function assertCanPostOnBehalf(actor: Actor): void {
  if (actor.via !== "token" || !actor.permissions.includes("customers.write"))
    throw new AppError("forbidden", "Only a staff API token may post on behalf of a customer", "customerId");
}

/** The asker, or staff who keep the community, accept answers. */
export function canAccept(reader: Reader, topicAuthorMemberId: string): boolean {
  return reader.moderator || (reader.member !== null && reader.member.id === topicAuthorMemberId);
}

export function canEditPost(reader: Reader, authorMemberId: string): boolean {
  return reader.moderator || (reader.member !== null && reader.member.id === authorMemberId);
}

export function canLinkCases(actor: Actor | null): boolean {
  return !!actor && actor.permissions.includes("cases.work");
}

export function canDraftArticle(actor: Actor | null): boolean {
  return !!actor && actor.permissions.includes("help.manage");
}

export const topicNotFound = (field?: string) => new AppError("not_found", "Topic was not found", field);
export const postNotFound = (field?: string) => new AppError("not_found", "Post was not found", field);
export const categoryNotFound = (field?: string) =>
  new AppError("not_found", "Community category was not found", field);
export const memberNotFound = () => new AppError("not_found", "Community member was not found");
