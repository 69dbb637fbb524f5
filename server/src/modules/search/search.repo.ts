import { sql } from "kysely";
import { exactTime } from "../../platform/db/cursor.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { fragmentPattern } from "../customers/customers.repo.ts";

/** How many candidates each kind of match may contribute before ranking: bounds the work. */
const CANDIDATES = 50;

/**
 * Customers for the search box, best first: an exact identity (phone in any format, email,
 * account), then name, identity and organization fragments, oldest customer first within
 * each. Every branch is served by its own index (the identities' unique key, or a trigram
 * index) and stops after CANDIDATES matches, so a very common fragment ("415") costs the same
 * as a rare one; the box shows a handful of results and the customer list pages through all.
 */
export async function searchBoxCustomers(
  scope: TenantScope,
  q: string,
  phone: string | undefined,
  limit: number,
) {
  const ws = scope.workspaceId;
  const like = fragmentPattern(q);
  // "j.smith", "maria@", "415-55", "ACC10": what agents type for a contact detail. Such input
  // is never part of a name or organization, and trying those branches is what costs: the
  // trigram index hands back every "Smith" to recheck, only for none to match. Fragments
  // shorter than three characters have no trigram: no index can serve them, so only exact
  // matches are tried. The other way round, a name is not looked for inside email addresses
  // and phone numbers: "Okafor" matched thousands of addresses, and the planner, expecting to
  // find 50 of them early, read the whole identities table (27 ms); the people called Okafor
  // come from the name branch.
  const fragments = q.trim().length >= 3;
  const contactLike = /^\S*[@.\d]\S*$/.test(q.trim());
  const names = fragments && !contactLike;
  const contacts = fragments && contactLike;
  const exact = [
    ...new Set([q.trim(), q.trim().toLowerCase(), q.replace(/\s+/g, ""), ...(phone ? [phone] : [])]),
  ];
  const { rows } = await sql<{
    id: string;
    name: string;
    organization: string | null;
    createdAt: Date;
    userId: string | null;
    cursorAt: string;
  }>`
    select c.id, c.name, c.organization, c.created_at as "createdAt", c.user_id as "userId",
           ${exactTime("c.created_at")} as "cursorAt"
      from (select id, min(rank) as rank from (
              (select customer_id as id, 0 as rank from customer_identities
                where workspace_id = ${ws} and kind in ('email', 'phone', 'account')
                  and value = any(${exact}::text[]))
              union all
              (select id, 1 from customers
                where ${names} and workspace_id = ${ws} and merged_into is null and lower(name) like ${like}
                limit ${CANDIDATES})
              union all
              (select customer_id, 2 from customer_identities
                where ${contacts} and workspace_id = ${ws} and value ilike ${like}
                limit ${CANDIDATES})
              union all
              (select id, 3 from customers
                where ${names} and workspace_id = ${ws} and merged_into is null
                  and lower(coalesce(organization, '')) like ${like}
                limit ${CANDIDATES})
            ) candidates group by id) hit
      join customers c on c.id = hit.id
     where c.workspace_id = ${ws} and c.merged_into is null
     order by hit.rank, c.created_at, c.id
     limit ${limit}`.execute(scope.db);
  return rows;
}
