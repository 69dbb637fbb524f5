import type { FastifyInstance } from "fastify";
import { communityRoutes } from "./community.routes.ts";
import { followingRoutes } from "./following/following.routes.ts";
import { registerFollowing } from "./following/notify.ts";
import { setPostChecks, setReputationHooks } from "./hooks.ts";
import { moderationRoutes } from "./moderation/moderation.routes.ts";
import { registerModeration } from "./moderation/register.ts";
import { privilegesOf, registerReputation, reputationRoutes } from "./reputation/index.ts";

/**
 * Wires the community's parts together once per process: reputation's MVP and privilege rules
 * into the core, moderation's spam check and rate limit into posting, and every part's event
 * listeners. The app calls it, and so does anything that writes community data outside the
 * app (`npm run demo`), so the same rules apply there.
 */
export function registerCommunity(): void {
  registerFollowing();
  registerModeration({ installPostChecks: setPostChecks, privilegesOf });
  registerReputation(setReputationHooks);
}

export function communityApi(app: FastifyInstance): void {
  communityRoutes(app);
  followingRoutes(app);
  moderationRoutes(app);
  reputationRoutes(app);
}
