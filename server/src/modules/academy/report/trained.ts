import { sql } from "kysely";
import type { TrainingSource } from "../../retention/sources.ts";
import { trainedByFact } from "../../retention/sources.ts";

/**
 * Who is trained, for retention's trained-against-untrained comparison: a customer who has
 * completed a course or attended a live session. A customer fact `academy_trained` (training
 * done elsewhere, recorded by staff or an import) still counts too.
 */
export const trainedByAcademy: TrainingSource = async (scope, customerIds) => {
  if (customerIds.length === 0) return new Set();
  const { rows } = await sql<{ customer_id: string }>`
    select customer_id from academy_enrollments
     where workspace_id = ${scope.workspaceId} and completed_at is not null
       and customer_id = any(${customerIds}::uuid[])
    union
    select customer_id from academy_registrations
     where workspace_id = ${scope.workspaceId} and attended
       and customer_id = any(${customerIds}::uuid[])`.execute(scope.db);
  const trained = new Set(rows.map((r) => r.customer_id));
  for (const id of await trainedByFact(scope, customerIds)) trained.add(id);
  return trained;
};
