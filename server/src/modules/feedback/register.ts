import type { FastifyInstance } from "fastify";
import { feedbackRoutes } from "./feedback.routes.ts";

/**
 * Wires the feedback portal's parts together once per process. The core has no listeners of its
 * own; the notify and insight parts add theirs (onFeedbackEvent) and insight installs its score
 * (setIdeaScorer) here when they are merged.
 */
export function registerFeedback(): void {}

export function feedbackApi(app: FastifyInstance): void {
  feedbackRoutes(app);
}
