import { sql } from "kysely";
import type { CommunitySettings } from "../../../../../contracts/community-reputation.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";

/**
 * The trust rules of `earnedLevel` (trust.ts) for a whole workspace in one statement, run by
 * the hourly sweep: account age alone can lift a member who has not posted since, and upheld
 * flags age out of the 90-day window. A staff-granted 4 is never touched. Returns how many
 * members changed level.
 */
export async function recomputeTrustForWorkspace(
  scope: TenantScope,
  settings: CommunitySettings,
): Promise<number> {
  const ws = scope.workspaceId;
  const meets = (t: CommunitySettings["trust"]["basic"]) =>
    sql`(posts >= ${t.posts} and accepted >= ${t.acceptedAnswers} and reputation >= ${t.reputation}
      and days >= ${t.accountDays})`;
  const { basic, member, regular, flagsAgainstLimit } = settings.trust;
  const result = await sql`
    with a as (
      select m.id, m.trust_level as current, m.reputation, extract(day from now() - m.created_at)::int as days,
        coalesce(p.posts, 0) as posts, coalesce(p.accepted, 0) as accepted, coalesce(f.flags, 0) as flags
      from community_members m
      left join (select author_member_id, count(*) as posts,
                        count(*) filter (where kind = 'answer' and accepted) as accepted
                 from community_posts where workspace_id = ${ws} and deleted_at is null and not hidden
                 group by 1) p on p.author_member_id = m.id
      left join (select p.author_member_id, count(distinct f.post_id) as flags
                 from community_flags f join community_posts p on p.id = f.post_id
                 where f.workspace_id = ${ws} and f.status = 'agreed' and f.created_at > now() - interval '90 days'
                 group by 1) f on f.author_member_id = m.id
      where m.workspace_id = ${ws} and m.trust_level <> 4
    ), levels as (
      -- Levels 1 and 2 once reached are kept (trust.ts keptLevel); flags cap at 1.
      select id, case
          when flags >= ${flagsAgainstLimit} then least(greatest(earned, least(current, 2)), 1)
          else greatest(earned, least(current, 2)) end as level
      from (select id, flags, current, case
              when ${meets(basic)} and ${meets(member)} and ${meets(regular)} then 3
              when ${meets(basic)} and ${meets(member)} then 2
              when ${meets(basic)} then 1
              else 0 end as earned
            from a) e
    )
    update community_members m set trust_level = levels.level, updated_at = now()
    from levels where m.id = levels.id and m.trust_level <> levels.level
  `.execute(scope.db);
  return Number(result.numAffectedRows ?? 0n);
}
