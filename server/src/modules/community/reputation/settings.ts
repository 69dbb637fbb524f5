import { sql } from "kysely";
import {
  type CommunitySettings,
  communitySettingsSchema,
} from "../../../../../contracts/community-reputation.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";

/**
 * Point values, the daily cap, trust thresholds and the flag threshold: workspace data
 * (`community_settings.settings`), with these defaults for whatever a workspace has not set.
 * Values follow the usual Q&A conventions: an accepted answer is worth more than an upvote,
 * a downvote costs a little, confirmed spam costs a lot.
 */
export const DEFAULT_SETTINGS: CommunitySettings = {
  points: {
    answerUpvoted: 10,
    answerDownvoted: -2,
    questionUpvoted: 5,
    questionDownvoted: -2,
    answerAccepted: 15,
    acceptorBonus: 2,
    streakBonus: 20,
    spamConfirmed: -100,
  },
  dailyCap: 200,
  streakDays: 7,
  trust: {
    basic: { posts: 1, acceptedAnswers: 0, reputation: 0, accountDays: 1 },
    member: { posts: 10, acceptedAnswers: 1, reputation: 50, accountDays: 7 },
    regular: { posts: 50, acceptedAnswers: 10, reputation: 500, accountDays: 30 },
    flagsAgainstLimit: 3,
  },
  flagHideThreshold: 5,
};

type Stored = Partial<Record<keyof CommunitySettings, unknown>>;

/** Stored values over the defaults, field by field; a stored value that no longer fits is ignored. */
export function mergeSettings(stored: Stored): CommunitySettings {
  const merged = {
    ...DEFAULT_SETTINGS,
    ...pick(stored, ["dailyCap", "streakDays", "flagHideThreshold"]),
    points: { ...DEFAULT_SETTINGS.points, ...asObject(stored.points) },
    trust: { ...DEFAULT_SETTINGS.trust, ...asObject(stored.trust) },
  };
  const parsed = communitySettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export async function loadSettings(scope: TenantScope): Promise<CommunitySettings> {
  const row = await scope.selectFrom("community_settings").select("settings").executeTakeFirst();
  return mergeSettings((row?.settings ?? {}) as Stored);
}

/**
 * Saves the reputation settings. Keys other parts keep in the same document survive: the new
 * values are merged into the stored object, not written over it.
 */
export async function saveSettings(scope: TenantScope, settings: CommunitySettings): Promise<void> {
  const json = JSON.stringify(settings);
  await scope
    .insertInto("community_settings", { settings: json, updated_at: new Date() })
    .onConflict((oc) =>
      oc.column("workspace_id").doUpdateSet({
        settings: sql`community_settings.settings || ${json}::jsonb`,
        updated_at: new Date(),
      }),
    )
    .execute();
}

function asObject(v: unknown): Record<string, unknown> {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function pick(o: Stored, keys: Array<keyof CommunitySettings>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
