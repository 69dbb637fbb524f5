import { sql } from "kysely";
import type { TenantScope } from "../../platform/db/tenant.ts";

/** A case as linking needs it: found by id or number, in the scope's workspace only. */
export type LinkCase = {
  id: string;
  number: number;
  customerId: string;
  createdAt: Date;
  mergedInto: string | null;
};

export async function findLinkCase(
  scope: TenantScope,
  by: { id: string } | { number: number },
): Promise<LinkCase | undefined> {
  let q = scope
    .selectFrom("cases")
    .select([
      "id",
      "number",
      "customer_id as customerId",
      "created_at as createdAt",
      "merged_into_case_id as mergedInto",
    ]);
  q = "id" in by ? q.where("id", "=", by.id) : q.where("number", "=", by.number);
  const row = await q.executeTakeFirst();
  return row && { ...row, number: Number(row.number) };
}

/** The pair in its stored order: the smaller id first, so one row per pair either way round. */
export const pairOf = (x: string, y: string) => (x < y ? { case_a: x, case_b: y } : { case_a: y, case_b: x });

/** Inserts the link; false when the pair was already linked. */
export async function insertLink(scope: TenantScope, x: string, y: string, createdBy: string | null) {
  const row = await scope
    .insertInto("case_links", { ...pairOf(x, y), created_by: createdBy })
    .onConflict((oc) => oc.columns(["case_a", "case_b", "workspace_id"]).doNothing())
    .returning("case_a")
    .executeTakeFirst();
  return !!row;
}

/** Deletes the link; false when there was none. */
export async function deleteLink(scope: TenantScope, x: string, y: string) {
  const { case_a, case_b } = pairOf(x, y);
  const res = await scope
    .deleteFrom("case_links")
    .where("case_a", "=", case_a)
    .where("case_b", "=", case_b)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** The cases linked to this one, newest link first, with who made each link. */
export async function listLinks(scope: TenantScope, caseId: string) {
  const { rows } = await sql<{
    case_id: string;
    number: number;
    subject: string;
    status: string;
    customer_id: string;
    customer_name: string;
    linked_at: Date;
    linked_by: string | null;
  }>`
    select o.id as case_id, o.number, o.subject, o.status, o.customer_id, cu.name as customer_name,
           l.created_at as linked_at, u.name as linked_by
      from case_links l
      join cases o on o.id = case when l.case_a = ${caseId}::uuid then l.case_b else l.case_a end
      join customers cu on cu.id = o.customer_id
      left join memberships m on m.id = l.created_by
      left join auth."user" u on u.id = m.user_id
     where l.workspace_id = ${scope.workspaceId} and (l.case_a = ${caseId}::uuid or l.case_b = ${caseId}::uuid)
     order by l.created_at desc, o.number desc
     limit 200`.execute(scope.db);
  return rows;
}

/**
 * A merge moves the duplicate's links to the survivor: a pair that would become a self-link
 * (duplicate linked to the survivor) or a duplicate of an existing link is dropped.
 * An undo of the merge leaves the links with the survivor.
 */
export async function moveLinksOnMerge(scope: TenantScope, fromCaseId: string, toCaseId: string) {
  await sql`
    insert into case_links (workspace_id, case_a, case_b, created_by, created_at)
    select l.workspace_id, least(o.other, ${toCaseId}::uuid), greatest(o.other, ${toCaseId}::uuid),
           l.created_by, l.created_at
      from case_links l
      cross join lateral (select case when l.case_a = ${fromCaseId}::uuid then l.case_b else l.case_a end as other) o
     where l.workspace_id = ${scope.workspaceId}
       and (l.case_a = ${fromCaseId}::uuid or l.case_b = ${fromCaseId}::uuid)
       and o.other <> ${toCaseId}::uuid
    on conflict (case_a, case_b, workspace_id) do nothing`.execute(scope.db);
  await scope
    .deleteFrom("case_links")
    .where((eb) => eb.or([eb("case_a", "=", fromCaseId), eb("case_b", "=", fromCaseId)]))
    .execute();
}
