import { onCommunityEvent } from "../events.ts";
import { spamListener } from "./spam-check.ts";

export { assertCanPost } from "./rate-limit.ts";
export { checkNewPost } from "./spam-check.ts";
export { usePrivileges } from "./standing.ts";

/**
 * Installs moderation into the community: the listener that fingerprints new posts (for the
 * duplicate-text signal) and files the review-queue flag of a post the spam check held.
 * The core part calls `checkNewPost` and `assertCanPost` before it inserts a post; its
 * `community/hooks.ts` (`setPostChecks`) was not on this branch, so wiring them is one line
 * for the lead: `setPostChecks({ checkNewPost, assertCanPost })`.
 */
export function registerModeration(): void {
  onCommunityEvent(spamListener);
}
