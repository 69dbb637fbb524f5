import type { CategoryVisibility } from "../schema-community.ts";

/**
 * Which categories a viewer may read (the rule in docs/community-api.md): anonymous people
 * the public ones, signed-in customers also `customers`, MVPs also `mvp`, staff everything.
 * Kept here rather than imported from the core so the leaderboards need nothing unbuilt.
 */
export type Viewer = { kind: "anonymous" } | { kind: "customer"; isMvp: boolean } | { kind: "staff" };

export function readableVisibilities(viewer: Viewer): CategoryVisibility[] {
  if (viewer.kind === "staff") return ["public", "customers", "mvp", "staff"];
  if (viewer.kind === "customer")
    return viewer.isMvp ? ["public", "customers", "mvp"] : ["public", "customers"];
  return ["public"];
}
