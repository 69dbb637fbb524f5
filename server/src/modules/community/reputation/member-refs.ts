import { sql } from "kysely";
import type { MemberRef } from "../../../../../contracts/community-reputation.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { imageUrl } from "../../../platform/images.ts";
import { trustOf } from "./trust.ts";

/**
 * Members as others see them (MemberRef), in one query for a whole list. The avatar address
 * is the core's profile avatar route, versioned by the stored key as the core writes it.
 */
export async function memberRefs(scope: TenantScope, ids: string[]): Promise<Map<string, MemberRef>> {
  if (ids.length === 0) return new Map();
  const rows = await scope
    .selectFrom("community_members")
    .select([
      "id",
      "display_name",
      "avatar_key",
      "is_staff",
      "trust_level",
      "penalty_until",
      "reputation",
      sql<boolean>`exists (select 1 from community_mvp_terms t where t.member_id = community_members.id
        and t.starts_at <= now() and t.ends_at > now())`.as("is_mvp"),
    ])
    .where("id", "in", [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, toRef(r)]));
}

export function toRef(r: {
  id: string;
  display_name: string;
  avatar_key: string | null;
  is_staff: boolean;
  trust_level: number;
  penalty_until: Date | null;
  reputation: number;
  is_mvp: boolean;
}): MemberRef {
  return {
    id: r.id,
    displayName: r.display_name,
    avatarUrl: imageUrl(`/api/v1/community/users/${r.id}/avatar`, r.avatar_key),
    isStaff: r.is_staff,
    isMvp: r.is_mvp,
    trustLevel: trustOf({ trustLevel: r.trust_level, penaltyUntil: r.penalty_until }),
    reputation: r.reputation,
  };
}
