import { sql } from "kysely";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { setChurnSource } from "../feedback/insight/score.ts";

/**
 * Who has churned: customers whose latest lifecycle event (by `at`, then arrival) is `churned`.
 * The shared meaning from docs/retention-api.md; feedback's prioritisation counts these.
 */
export async function churnedAmong(scope: TenantScope, customerIds: string[]): Promise<Set<string>> {
  if (customerIds.length === 0) return new Set();
  const { rows } = await sql<{ customer_id: string }>`
    select customer_id from (
      select distinct on (customer_id) customer_id, event from customer_lifecycle_events
       where workspace_id = ${scope.workspaceId} and customer_id = any(${customerIds}::uuid[])
       order by customer_id, at desc, created_at desc
    ) latest where event = 'churned'`.execute(scope.db);
  return new Set(rows.map((r) => r.customer_id));
}

/**
 * Which customers are trained. The academy (issue #21) has not landed: it will call
 * setTrainingSource with its own answer. Until then the default is "nobody trained";
 * registerRetention installs `trainedByFact`, so a customer fact `academy_trained` = true
 * (set by staff, an import or the demo) counts meanwhile.
 */
export type TrainingSource = (scope: TenantScope, customerIds: string[]) => Promise<Set<string>>;
const NOBODY_TRAINED: TrainingSource = async () => new Set();
let trainingSource: TrainingSource = NOBODY_TRAINED;

/** Replaces the training source (null restores "nobody trained"). Returns the previous one. */
export function setTrainingSource(source: TrainingSource | null): TrainingSource {
  const previous = trainingSource;
  trainingSource = source ?? NOBODY_TRAINED;
  return previous;
}

export function trainedAmong(scope: TenantScope, customerIds: string[]): Promise<Set<string>> {
  return customerIds.length === 0 ? Promise.resolve(new Set()) : trainingSource(scope, customerIds);
}

export const TRAINED_FACT = "academy_trained";

/** Interim source: the current fact `academy_trained` is true (or "true"/"yes"). */
export const trainedByFact: TrainingSource = async (scope, customerIds) => {
  const { rows } = await sql<{ customer_id: string; value: unknown }>`
    select customer_id, value from facts
     where workspace_id = ${scope.workspaceId} and key = ${TRAINED_FACT} and superseded_at is null
       and customer_id = any(${customerIds}::uuid[])`.execute(scope.db);
  return new Set(
    rows
      .filter((r) => r.value === true || (typeof r.value === "string" && /^(true|yes)$/i.test(r.value)))
      .map((r) => r.customer_id),
  );
};

/** Once per process (the app, and the demo CLI): the churn answer for feedback, the interim training source. */
export function registerRetention(): void {
  setChurnSource(churnedAmong);
  setTrainingSource(trainedByFact);
}
