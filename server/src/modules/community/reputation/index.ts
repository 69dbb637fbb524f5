/** What the other community parts use from reputation. */

export { badgesOfMember } from "./badges.repo.ts";
export { leaderboard } from "./leaderboard.ts";
export { isMvp } from "./mvp.repo.ts";
export { mvpDirectory } from "./mvp.service.ts";
export { registerReputation } from "./register.ts";
export { reputationRoutes } from "./reputation.routes.ts";
export { loadSettings } from "./settings.ts";
export { type Privileges, privilegesOf, trustOf } from "./trust.ts";
