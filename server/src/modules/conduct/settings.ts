import type { TenantScope } from "../../platform/db/tenant.ts";

/** What a workspace without a `conduct_settings` row gets (the migration's defaults). */
export const DEFAULT_CONDUCT_SETTINGS = {
  halfLifeDays: 90,
  reviewThreshold: 2,
  frustrationRaisesPriority: false,
} as const;

export type ConductSettings = {
  halfLifeDays: number;
  reviewThreshold: number;
  frustrationRaisesPriority: boolean;
};

/** The workspace's conduct settings; shared by the assessment pipeline and the ladder. */
export async function readConductSettings(scope: TenantScope): Promise<ConductSettings> {
  const row = await scope
    .selectFrom("conduct_settings")
    .select(["half_life_days", "review_threshold", "frustration_raises_priority"])
    .executeTakeFirst();
  if (!row) return { ...DEFAULT_CONDUCT_SETTINGS };
  return {
    halfLifeDays: row.half_life_days,
    reviewThreshold: Number(row.review_threshold),
    frustrationRaisesPriority: row.frustration_raises_priority,
  };
}
