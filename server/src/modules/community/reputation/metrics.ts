import { type RawBuilder, sql } from "kysely";
import type { BadgeMetric, BadgeRule } from "../../../../../contracts/community-reputation.ts";

/**
 * The badge rule language, evaluated: each metric is one grouped query giving
 * `(member_id, category_id, value)` rows for a workspace, optionally for some members only.
 * A rule then keeps members whose value (in its category, in their best category, or summed
 * over all) reaches `atLeast`. Hidden and deleted posts never count.
 */

const posts = (ws: string) => sql`community_posts p join community_topics t on t.id = p.topic_id
  where p.workspace_id = ${ws} and p.deleted_at is null and not p.hidden`;

function memberFilter(column: string, memberIds: string[] | undefined) {
  return memberIds ? sql` and ${sql.ref(column)} = any(${memberIds}::uuid[])` : sql``;
}

/** Per member and category: the metric's value. */
function perCategory(metric: BadgeMetric, ws: string, memberIds?: string[]): RawBuilder<unknown> {
  switch (metric) {
    case "accepted_answers":
      return sql`select p.author_member_id as member_id, t.category_id, count(*)::int as value
        from ${posts(ws)} and p.kind = 'answer' and p.accepted ${memberFilter("p.author_member_id", memberIds)}
        group by 1, 2`;
    case "answers":
      return sql`select p.author_member_id as member_id, t.category_id, count(*)::int as value
        from ${posts(ws)} and p.kind = 'answer' ${memberFilter("p.author_member_id", memberIds)}
        group by 1, 2`;
    case "questions":
      return sql`select p.author_member_id as member_id, t.category_id, count(*)::int as value
        from ${posts(ws)} and p.kind = 'opening' and t.kind = 'question' ${memberFilter("p.author_member_id", memberIds)}
        group by 1, 2`;
    case "upvotes_received":
      return sql`select p.author_member_id as member_id, t.category_id, count(*)::int as value
        from community_votes v join community_posts p on p.id = v.post_id join community_topics t on t.id = p.topic_id
        where v.workspace_id = ${ws} and v.value = 1 and p.deleted_at is null and not p.hidden
          ${memberFilter("p.author_member_id", memberIds)}
        group by 1, 2`;
    case "reputation":
      return sql`select e.member_id, e.category_id, sum(e.points)::int as value
        from community_reputation_events e
        where e.workspace_id = ${ws} ${memberFilter("e.member_id", memberIds)}
        group by 1, 2`;
    case "helped_customers":
      // Distinct cases linked to topics where the member has an accepted answer.
      return sql`select p.author_member_id as member_id, t.category_id, count(distinct tc.case_id)::int as value
        from community_topic_cases tc join community_topics t on t.id = tc.topic_id
          join community_posts p on p.topic_id = t.id
        where tc.workspace_id = ${ws} and p.kind = 'answer' and p.accepted and p.deleted_at is null
          and not p.hidden ${memberFilter("p.author_member_id", memberIds)}
        group by 1, 2`;
    case "answer_streak_days":
      // Longest run of consecutive UTC days with at least one answer (gaps and islands).
      return sql`select member_id, category_id, max(n)::int as value from (
          select member_id, category_id, count(*) as n from (
            select member_id, category_id, day,
              day - (row_number() over (partition by member_id, category_id order by day))::int as island
            from (select distinct p.author_member_id as member_id, t.category_id,
                    (p.created_at at time zone 'UTC')::date as day
                  from ${posts(ws)} and p.kind = 'answer' ${memberFilter("p.author_member_id", memberIds)}) d
          ) x group by member_id, category_id, island
        ) y group by 1, 2`;
  }
}

/** Members (of `memberIds`, or all) who meet the rule, as a query of `member_id`. */
export function qualifying(rule: BadgeRule, ws: string, memberIds?: string[]): RawBuilder<unknown> {
  if (rule.metric === "answer_streak_days" && !rule.categoryId && !rule.inAnyCategory) {
    // A streak over all categories is its own run, not a sum of per-category runs.
    return sql`select member_id from (${streakOverall(ws, memberIds)}) s where value >= ${rule.atLeast}`;
  }
  if (rule.metric === "reputation" && !rule.categoryId && !rule.inAnyCategory) {
    return sql`select id as member_id from community_members
      where workspace_id = ${ws} and reputation >= ${rule.atLeast} ${memberFilter("id", memberIds)}`;
  }
  const base = perCategory(rule.metric, ws, memberIds);
  if (rule.categoryId) {
    return sql`select member_id from (${base}) m where category_id = ${rule.categoryId} and value >= ${rule.atLeast}`;
  }
  if (rule.inAnyCategory) {
    return sql`select distinct member_id from (${base}) m where value >= ${rule.atLeast}`;
  }
  return sql`select member_id from (${base}) m group by member_id having sum(value) >= ${rule.atLeast}`;
}

function streakOverall(ws: string, memberIds?: string[]) {
  return sql`select member_id, max(n)::int as value from (
      select member_id, count(*) as n from (
        select member_id, day, day - (row_number() over (partition by member_id order by day))::int as island
        from (select distinct p.author_member_id as member_id, (p.created_at at time zone 'UTC')::date as day
              from ${posts(ws)} and p.kind = 'answer' ${memberFilter("p.author_member_id", memberIds)}) d
      ) x group by member_id, island
    ) y group by 1`;
}
