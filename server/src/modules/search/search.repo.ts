import { sql } from "kysely";
import { exactTime } from "../../platform/db/cursor.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { fragmentPattern } from "../customers/customers.repo.ts";

/** How many candidates each kind of match may contribute before ranking: bounds the work. */
const CANDIDATES = 50;

/**
 * Below this many matches from the cheaper kinds, the dearer ones are tried too. It is the
 * box's size: once it can be filled with better matches, the rest would not be shown.
 */
const ENOUGH = 8;

/**
 * Customers for the search box, best first, in one statement of stages that get broader and
 * dearer, each tried only when the ones before found too little:
 *
 * 0. an exact identity (phone in any format, email, account);
 * 1. name or organization words ("maria garcia": both whole words, word index, ~0.5 ms);
 * 2. the start of those words ("kowalsk" finds Kowalski; a prefix search costs 2-5 ms, so only
 *    when whole words found fewer than ENOUGH);
 * 3. the start of an email or account ("j.smith" for j.smith88@…, b-tree range);
 * 4. a fragment anywhere in a name or organization, or 5. in an identity (trigram indexes:
 *    "arbo" finds Harbor). Dear: a common fragment makes the trigram index hand back
 *    tens of thousands of rows to recheck ("j.smith": 14 ms, "acc1000042": 8 ms at a million
 *    customers), so it runs only when nothing matched exactly and the stages before found
 *    fewer than ENOUGH.
 * 6. a name like the input: "Gonzales" finds Gonzalez, "Kowalsky" Kowalski (word similarity
 *    of trigrams, pg_trgm's `<%` at its default 0.6 threshold, through customers_name_trgm_idx).
 *    Only for name-like input that nothing before matched as typed: a typo is what is left
 *    when nothing else matched, and a likeness is a poor guess beside a real match ("kowalsk"
 *    finds Kowalski by its start; Kowal Ltd, as alike, would only be noise). The closest
 *    names first.
 *
 * Within a stage (but the last) the oldest customer comes first. Every stage stops after CANDIDATES matches.
 * Input with `@`, `.` or digits ("j.smith", "415-55") is a contact detail and is not looked for
 * in names; other input is not looked for inside identities: "Okafor" matched thousands of
 * addresses, and the planner, expecting to find 50 of them early, read the whole identities
 * table (27 ms). Input shorter than three characters has no trigram and matches too many word
 * starts, so only exact identities and whole words are tried for it.
 */
export async function searchBoxCustomers(
  scope: TenantScope,
  q: string,
  phone: string | undefined,
  limit: number,
) {
  const ws = scope.workspaceId;
  const text = q.trim();
  const fragments = text.length >= 3;
  const contactLike = /^\S*[@.\d]\S*$/.test(text);
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  // Whole words need no minimum length (surnames such as Wu or Ng); starts of words and
  // fragments do.
  const wholeWords = !contactLike && words.length > 0;
  const names = fragments && wholeWords;
  const contacts = fragments && contactLike;
  const exact = [...new Set([text, text.toLowerCase(), q.replace(/\s+/g, ""), ...(phone ? [phone] : [])])];
  // Each word is letters and digits only, so quoting it is all to_tsquery needs.
  const prefixes = names ? words.map((w) => `'${w}':*`).join(" & ") : "";
  const like = fragmentPattern(text);
  const startsWith = `${like.slice(1, -1)}%`;
  const lowered = text.toLowerCase();
  const nameWords = sql`to_tsvector('simple', name || ' ' || coalesce(organization, ''))`;
  const { rows } = await sql<{
    id: string;
    name: string;
    organization: string | null;
    createdAt: Date;
    userId: string | null;
    cursorAt: string;
  }>`
    with exact as materialized (
      select customer_id as id from customer_identities
       where workspace_id = ${ws} and kind in ('email', 'phone', 'account') and value = any(${exact}::text[])
    ), named as materialized (
      select id from customers
       where ${wholeWords} and workspace_id = ${ws} and merged_into is null
         and ${nameWords} @@ plainto_tsquery('simple', ${text})
       limit ${CANDIDATES}
    ), name_starts as materialized (
      select id from customers
       where ${names} and (select count(*) from named) < ${ENOUGH}
         and workspace_id = ${ws} and merged_into is null
         and ${nameWords} @@ to_tsquery('simple', ${prefixes || "x"})
       limit ${CANDIDATES}
    ), contact_starts as materialized (
      select customer_id as id from customer_identities
       where ${contacts} and workspace_id = ${ws} and lower(value) like ${startsWith}
       limit ${CANDIDATES}
    ), few as materialized (
      select (select count(*) from exact) = 0
         and (select count(*) from named) + (select count(*) from name_starts)
           + (select count(*) from contact_starts) < ${ENOUGH} as yes
    ), fragments as materialized (
      (select id, 4 as rank from customers
        where ${names} and (select yes from few) and workspace_id = ${ws} and merged_into is null
          and lower(name) like ${like}
        limit ${CANDIDATES})
      union all (select id, 4 from customers
        where ${names} and (select yes from few) and workspace_id = ${ws} and merged_into is null
          and lower(coalesce(organization, '')) like ${like}
        limit ${CANDIDATES})
      union all (select customer_id, 5 from customer_identities
        where ${contacts} and (select yes from few) and workspace_id = ${ws} and value ilike ${like}
        limit ${CANDIDATES})
    ), alike as materialized (
      select id, word_similarity(${lowered}, lower(name)) as score from customers
       where ${names} and (select yes from few) and not exists (select from fragments)
         and not exists (select from named) and not exists (select from name_starts)
         and workspace_id = ${ws} and merged_into is null
         and ${lowered} <% lower(name)
       limit ${CANDIDATES}
    )
    select c.id, c.name, c.organization, c.created_at as "createdAt", c.user_id as "userId",
           ${exactTime("c.created_at")} as "cursorAt"
      from (select id, min(rank) as rank, max(score) as score from (
              select id, 0 as rank, 1::real as score from exact
              union all select id, 1, 1 from named
              union all select id, 2, 1 from name_starts
              union all select id, 3, 1 from contact_starts
              union all select id, rank, 1 from fragments
              union all select id, 6, score from alike
            ) candidates group by id) hit
      join customers c on c.id = hit.id
     where c.workspace_id = ${ws} and c.merged_into is null
     order by hit.rank, hit.score desc, c.created_at, c.id
     limit ${limit}`.execute(scope.db);
  return rows;
}
