import { sql } from "kysely";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import type { CategoryVisibility } from "../schema-community.ts";

/**
 * Which categories a member may read, by the contract's rule: every signed-in member reads
 * `public` and `customers`; MVPs (a term running now) and staff also `mvp`; staff also `staff`.
 * Following and notifications use it so nobody follows, or is told about, what they cannot read.
 * (The core module has its own reader policy for HTTP reads; this is the same rule for members,
 * who may be notified while not signed in.)
 */
export async function visibilitiesFor(scope: TenantScope, memberId: string): Promise<CategoryVisibility[]> {
  const row = await scope
    .selectFrom("community_members")
    .select((eb) => [
      "is_staff",
      eb
        .exists(
          eb
            .selectFrom("community_mvp_terms as t")
            .select("t.id")
            .whereRef("t.member_id", "=", "community_members.id")
            .where("t.starts_at", "<=", sql<Date>`now()`)
            .where("t.ends_at", ">", sql<Date>`now()`),
        )
        .as("mvp"),
    ])
    .where("id", "=", memberId)
    .executeTakeFirst();
  if (!row) return [];
  if (row.is_staff) return ["public", "customers", "mvp", "staff"];
  return row.mvp ? ["public", "customers", "mvp"] : ["public", "customers"];
}

/** SQL for "this member may read a category of visibility `v`" (used in the fan-out query). */
export const memberReads = (memberAlias: string, visibility: string) => sql<boolean>`(
  ${sql.ref(visibility)} in ('public', 'customers')
  or ${sql.ref(`${memberAlias}.is_staff`)}
  or (${sql.ref(visibility)} = 'mvp' and exists (
    select 1 from community_mvp_terms t
    where t.member_id = ${sql.ref(`${memberAlias}.id`)} and t.starts_at <= now() and t.ends_at > now()))
)`;
