import { onCommunityEvent } from "../events.ts";
import { onReputationEvent } from "./listeners.ts";

/**
 * Registers the reputation listener (once, at startup). The core's `community/hooks.ts`,
 * through which it asks other parts for trust and privileges, is not on this branch yet:
 * `trustOf`, `privilegesOf` and `isMvp` are exported from ./index.ts for the lead to install.
 */
export function registerReputation(): void {
  onCommunityEvent(onReputationEvent);
}
