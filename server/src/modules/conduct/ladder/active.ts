import { sql } from "kysely";
import type { Executor, TenantScope } from "../../../platform/db/tenant.ts";
import type { ConductStepKind } from "../schema-conduct.ts";

export type ActiveStep = {
  id: string;
  kind: ConductStepKind;
  restrictions: { channels: string[]; agentMembershipId?: string | null } | null;
  decidedBy: string | null;
  expiresAt: Date | null;
};

/** Heavier steps answer more: an ended relationship outranks a suspension, and so on. */
export const STEP_RANK: Record<ConductStepKind, number> = {
  warning: 1,
  restricted: 2,
  suspended: 3,
  ended: 4,
};

/**
 * The heaviest step in force for a customer (not lifted, not expired), or null. What other
 * modules ask (docs/conduct-api.md): surveys skip suspended and ended customers, routing sends
 * their new cases to a manager. `now` is a parameter so expiry can be tested with a fixed clock.
 */
export async function activeConductStep(
  scope: TenantScope,
  customerId: string,
  now: Date = new Date(),
): Promise<ActiveStep | null> {
  return activeStepIn(scope.db, scope.workspaceId, customerId, now);
}

export async function activeStepIn(
  db: Executor,
  workspaceId: string,
  customerId: string,
  now: Date = new Date(),
): Promise<ActiveStep | null> {
  const { rows } = await sql<ActiveStep>`
    select id, kind, restrictions, decided_by as "decidedBy", expires_at as "expiresAt"
      from conduct_steps
     where workspace_id = ${workspaceId} and customer_id = ${customerId}
       and lifted_at is null and (expires_at is null or expires_at > ${now})
     order by case kind when 'ended' then 4 when 'suspended' then 3 when 'restricted' then 2 else 1 end desc,
              decided_at desc
     limit 1`.execute(db);
  return rows[0] ?? null;
}
