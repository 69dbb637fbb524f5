import type { TenantScope } from "../../platform/db/tenant.ts";

/**
 * `GET /ideas?sort=score` ranks by the insight part's transparent score. The core does not
 * know how the score is computed: insight installs its function here at startup
 * (`setIdeaScorer(scoreIdeas)`); until then (or without insight) the score is the vote count.
 */
export type IdeaScorer = (scope: TenantScope, ideaIds: string[]) => Promise<Map<string, number>>;

let scorer: IdeaScorer | null = null;

export function setIdeaScorer(fn: IdeaScorer | null): void {
  scorer = fn;
}

export function ideaScorer(): IdeaScorer | null {
  return scorer;
}
