import type { TenantScope } from "../../../platform/db/tenant.ts";
import type { Member } from "../members.ts";

/**
 * A member's standing as moderation sees it: trust (held at 0 while a penalty runs), whether
 * they are staff, how long they have been a member. Flag weight and posting allowances come
 * from the reputation part's `privilegesOf` once it is wired in (`setPrivilegesProvider`), else from
 * the table below, which follows docs/community-api.md.
 */
export type Standing = {
  memberId: string;
  isStaff: boolean;
  /** The stored level, before any penalty. */
  trustLevel: number;
  /** What counts: 0 while a penalty runs. */
  effectiveTrust: number;
  penaltyUntil: Date | null;
  joinedAt: Date;
};

export type Privileges = { flagWeight: number };
type PrivilegesOf = (member: Member) => Privileges | Promise<Privileges>;
let privilegesOf: PrivilegesOf | null = null;

/** Called by registerModeration's caller once the reputation part exports privilegesOf. */
export function setPrivilegesProvider(fn: PrivilegesOf | null): void {
  privilegesOf = fn;
}

export async function standingOf(scope: TenantScope, memberId: string): Promise<Standing> {
  const row = await scope
    .selectFrom("community_members")
    .select(["id", "is_staff", "trust_level", "penalty_until", "created_at"])
    .where("id", "=", memberId)
    .executeTakeFirstOrThrow();
  const penalised = row.penalty_until !== null && row.penalty_until.getTime() > Date.now();
  return {
    memberId: row.id,
    isStaff: row.is_staff,
    trustLevel: row.trust_level,
    effectiveTrust: penalised ? 0 : row.trust_level,
    penaltyUntil: row.penalty_until,
    joinedAt: row.created_at,
  };
}

/** Staff and members from trust 2 up: the spam check never holds them, the rate limit spares them. */
export function isTrusted(s: Pick<Standing, "isStaff" | "effectiveTrust">): boolean {
  return s.isStaff || s.effectiveTrust >= 2;
}

const WEIGHT_BY_TRUST = [1, 1, 2, 3, 5] as const;
export const STAFF_FLAG_WEIGHT = 5;

export async function flagWeightOf(member: Member, s: Standing): Promise<number> {
  if (s.isStaff) return STAFF_FLAG_WEIGHT;
  if (privilegesOf) {
    // The reputation part knows about penalties too; ours is applied on top all the same.
    const p = await privilegesOf({ ...member, trustLevel: s.effectiveTrust });
    return Math.max(1, Math.round(p.flagWeight));
  }
  return WEIGHT_BY_TRUST[Math.min(Math.max(s.effectiveTrust, 0), 4)] ?? 1;
}

export const DEFAULT_FLAG_HIDE_THRESHOLD = 5;

/** `flagHideThreshold` from the workspace's community settings (the reputation part edits them). */
export async function flagHideThreshold(scope: TenantScope): Promise<number> {
  const row = await scope.selectFrom("community_settings").select("settings").executeTakeFirst();
  const v = (row?.settings as Record<string, unknown> | undefined)?.flagHideThreshold;
  return typeof v === "number" && Number.isFinite(v) && v >= 1 ? Math.floor(v) : DEFAULT_FLAG_HIDE_THRESHOLD;
}
