import type { FastifyInstance } from "fastify";
import { feedbackRoutes } from "./feedback.routes.ts";
import { insightRoutes } from "./insight/insight.routes.ts";
import { scoreIdeas } from "./insight/score.ts";
import { notifyRoutes, registerFeedbackNotify } from "./notify/index.ts";
import { setIdeaScorer } from "./scorer.ts";

/**
 * Wires the feedback portal's parts together once per process: the notify part's listeners
 * (subscriber emails, done-on-the-case replies) and insight's score. The app calls it, and so
 * does anything that writes feedback outside the app (`npm run demo`), so the same rules apply.
 */
export function registerFeedback(): void {
  registerFeedbackNotify();
  setIdeaScorer(async (scope, ids) => {
    const scored = await scoreIdeas(scope, ids);
    return new Map([...scored].map(([id, s]) => [id, s.score]));
  });
}

export function feedbackApi(app: FastifyInstance): void {
  feedbackRoutes(app);
  notifyRoutes(app);
  insightRoutes(app);
}
