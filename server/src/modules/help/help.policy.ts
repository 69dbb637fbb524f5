import type { ArticleState, ArticleVisibility } from "../../../../contracts/help.ts";
import type { Actor } from "../../platform/context.ts";
import { AppError } from "../../platform/http/errors.ts";

/**
 * Who reads help articles. Anonymous callers are placed in the workspace of the host they
 * called; signed-in callers in their own. Later public pages and search reuse this.
 */
export type HelpReader =
  | { kind: "anonymous"; workspaceId: string }
  | { kind: "customer"; workspaceId: string; actor: Actor }
  | { kind: "staff"; workspaceId: string; actor?: Actor };

export function readerOf(actor: Actor | undefined, hostWorkspaceId: string): HelpReader {
  if (!actor) return { kind: "anonymous", workspaceId: hostWorkspaceId };
  if (actor.permissions.includes("app.use")) return { kind: "staff", workspaceId: actor.workspaceId, actor };
  return { kind: "customer", workspaceId: actor.workspaceId, actor };
}

/**
 * The reading rules, in one place: staff read every article; customers and anonymous callers
 * only published ones, anonymous only `public`, signed-in customers `public` and `customers`.
 * `null` means "no restriction". Anything not readable answers 404 (never 403).
 */
export function readableBy(reader: HelpReader): {
  states: readonly ArticleState[] | null;
  visibilities: readonly ArticleVisibility[] | null;
} {
  if (reader.kind === "staff") return { states: null, visibilities: null };
  if (reader.kind === "customer") return { states: ["published"], visibilities: ["public", "customers"] };
  return { states: ["published"], visibilities: ["public"] };
}

export function canReadArticle(reader: HelpReader, a: { state: string; visibility: string }): boolean {
  const { states, visibilities } = readableBy(reader);
  return (
    (states === null || (states as readonly string[]).includes(a.state)) &&
    (visibilities === null || (visibilities as readonly string[]).includes(a.visibility))
  );
}

export function assertCanManageHelp(actor: Actor): void {
  if (!actor.permissions.includes("help.manage")) {
    throw new AppError("forbidden", `Your role (${actor.role}) may read help articles but not change them`);
  }
}

export const articleNotFound = (field?: string) =>
  new AppError("not_found", "Help article was not found", field);
export const categoryNotFound = (field?: string) =>
  new AppError("not_found", "Help category was not found", field);
