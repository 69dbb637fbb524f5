import { onCommunityEvent } from "../events.ts";
import type { Member } from "../members.ts";
import { assertCanPost } from "./rate-limit.ts";
import { checkNewPost, spamListener } from "./spam-check.ts";
import { type Privileges, setPrivilegesProvider } from "./standing.ts";

export { assertCanPost } from "./rate-limit.ts";
export { checkNewPost } from "./spam-check.ts";
export { setPrivilegesProvider } from "./standing.ts";

type PostChecks = { checkNewPost: typeof checkNewPost; assertCanPost: typeof assertCanPost };

/**
 * Installs moderation into the community (once, at startup): the listener that fingerprints
 * new posts (for the duplicate-text signal) and files the review-queue flag of a post the spam
 * check held; the spam check and rate limit the core calls before it inserts a post; and, when
 * given, the reputation part's privileges for flag weights. The core's `community/hooks.ts`
 * was not on this branch, so it is passed in rather than imported:
 * `registerModeration({ installPostChecks: setPostChecks, privilegesOf })`.
 */
export function registerModeration(
  opts: {
    installPostChecks?: (checks: PostChecks) => void;
    privilegesOf?: (member: Member) => Privileges | Promise<Privileges>;
  } = {},
): void {
  onCommunityEvent(spamListener);
  opts.installPostChecks?.({ checkNewPost, assertCanPost });
  if (opts.privilegesOf) setPrivilegesProvider(opts.privilegesOf);
}
