import { onCommunityEvent } from "../events.ts";
import { onReputationEvent } from "./listeners.ts";
import { isMvp } from "./mvp.repo.ts";
import { privilegesOf } from "./trust.ts";

export type ReputationHooks = { isMvp: typeof isMvp; privilegesOf: typeof privilegesOf };

/**
 * Registers the reputation listener (once, at startup) and hands the MVP and privilege rules
 * to whoever asks for them: the core's `setReputationHooks` from `community/hooks.ts`, which is
 * not on this branch, so app.ts passes it in (`registerReputation(setReputationHooks)`)
 * rather than this file importing it.
 */
export function registerReputation(install?: (hooks: ReputationHooks) => void): void {
  onCommunityEvent(onReputationEvent);
  install?.({ isMvp, privilegesOf });
}
