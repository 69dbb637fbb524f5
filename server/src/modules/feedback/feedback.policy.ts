import type { Actor } from "../../platform/context.ts";
import type { Executor } from "../../platform/db/tenant.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";
import { findCustomerForUser } from "../customers/customers.repo.ts";
import { findWorkspaceForHost } from "../workspaces/workspaces.repo.ts";
import type { BoardVisibility } from "./schema-feedback.ts";

/**
 * Who reads and does what in the feedback portal, in one place. Reading follows the board's
 * visibility: anonymous visitors see `public` boards, signed-in customers also `customers`,
 * staff everything. An idea on a board the reader may not see answers 404, never 403, so ids
 * and numbers cannot be probed for private boards.
 */
export type Reader = {
  workspaceId: string;
  actor: Actor | null;
  /** The customer record a signed-in customer acts as (null for staff and visitors). */
  customerId: string | null;
  visibilities: BoardVisibility[];
  staff: boolean;
  triage: boolean;
};

export const isStaffActor = (actor: Actor | null | undefined) =>
  !!actor && actor.permissions.includes("app.use");
export const canTriage = (actor: Actor | null | undefined) =>
  !!actor && actor.permissions.includes("feedback.triage");
export const canManage = (actor: Actor | null | undefined) =>
  !!actor && actor.permissions.includes("feedback.manage");

/** Board visibilities a reader may see. Reused by the public pages and insight. */
export function readableVisibilities(actor: Actor | null | undefined): BoardVisibility[] {
  if (isStaffActor(actor)) return ["public", "customers", "staff"];
  return actor ? ["public", "customers"] : ["public"];
}

/** The reader of a request: a signed-in person in their workspace, or a visitor on the host's. */
export async function readerFor(
  db: Executor,
  actor: Actor | null | undefined,
  host?: string,
): Promise<Reader> {
  if (!actor) {
    const ws = await findWorkspaceForHost(db, host);
    if (!ws) throw new AppError("not_found", "The feedback portal was not found");
    return {
      workspaceId: ws.id,
      actor: null,
      customerId: null,
      visibilities: ["public"],
      staff: false,
      triage: false,
    };
  }
  const staff = isStaffActor(actor);
  const customer = staff
    ? undefined
    : await findCustomerForUser(new TenantScope(db, actor.workspaceId), actor.userId);
  return {
    workspaceId: actor.workspaceId,
    actor,
    customerId: customer?.id ?? null,
    visibilities: readableVisibilities(actor),
    staff,
    triage: canTriage(actor),
  };
}

/** Posting, voting, commenting and subscribing need a signed-in portal customer or staff. */
export function assertCanParticipate(actor: Actor): void {
  if (!actor.permissions.includes("portal.use") && !actor.permissions.includes("app.use"))
    throw new AppError("forbidden", `Your role (${actor.role}) may not take part in the feedback portal`);
}

export function assertCanTriage(actor: Actor, field?: string): void {
  if (!canTriage(actor))
    throw new AppError("forbidden", `Your role (${actor.role}) may not triage feedback`, field);
}

export function assertCanManage(actor: Actor): void {
  if (!canManage(actor)) throw new AppError("forbidden", `Your role (${actor.role}) may not manage feedback`);
}

export const ideaNotFound = (field?: string) => new AppError("not_found", "Idea was not found", field);
export const boardNotFound = (field?: string) =>
  new AppError("not_found", "Feedback board was not found", field);
export const commentNotFound = () => new AppError("not_found", "Comment was not found");
