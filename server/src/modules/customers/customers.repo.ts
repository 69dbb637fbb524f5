import { sql } from "kysely";
import type { Keyset } from "../../platform/db/cursor.ts";
import { exactTime } from "../../platform/db/cursor.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import type { IdentityKind } from "./identities.ts";

const customerColumns = [
  "customers.id as id",
  "customers.name as name",
  "customers.organization as organization",
  "customers.created_at as createdAt",
  "customers.user_id as userId",
] as const;

export async function insertCustomer(
  scope: TenantScope,
  input: { name: string; organization: string | null; userId?: string | null },
) {
  return scope
    .insertInto("customers", {
      name: input.name,
      organization: input.organization,
      user_id: input.userId ?? null,
      merged_into: null,
    })
    .returning(["id", "name", "organization", "created_at as createdAt", "user_id as userId"])
    .executeTakeFirstOrThrow();
}

/** A live (not merged-away) customer, optionally locked for the rest of the transaction. */
export async function findCustomer(scope: TenantScope, id: string, opts: { lock?: boolean } = {}) {
  let q = scope
    .selectFrom("customers")
    .select(customerColumns)
    .where("id", "=", id)
    .where("merged_into", "is", null);
  if (opts.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Several live customers at once (missing or merged ones are simply absent). */
export async function findCustomers(scope: TenantScope, ids: string[]) {
  if (ids.length === 0) return [];
  return scope
    .selectFrom("customers")
    .select(customerColumns)
    .where("id", "in", ids)
    .where("merged_into", "is", null)
    .execute();
}

export async function findCustomerForUser(scope: TenantScope, userId: string) {
  return scope
    .selectFrom("customers")
    .select(customerColumns)
    .where("user_id", "=", userId)
    .where("merged_into", "is", null)
    .executeTakeFirst();
}

export async function updateCustomer(
  scope: TenantScope,
  id: string,
  patch: { name?: string; organization?: string | null; userId?: string },
) {
  await scope
    .updateTable("customers")
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.organization !== undefined ? { organization: patch.organization } : {}),
      ...(patch.userId !== undefined ? { user_id: patch.userId } : {}),
      updated_at: new Date(),
    })
    .where("id", "=", id)
    .execute();
}

export async function identitiesOf(scope: TenantScope, customerIds: string[]) {
  if (customerIds.length === 0) return [];
  return scope
    .selectFrom("customer_identities")
    .select(["id", "customer_id as customerId", "kind", "value", "display", "undeliverable"])
    .where("customer_id", "in", customerIds)
    .orderBy(sql`array_position(array['email', 'phone', 'account'], kind)`)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export async function findIdentityOwner(scope: TenantScope, kind: IdentityKind, value: string) {
  return scope
    .selectFrom("customer_identities")
    .innerJoin("customers as c", "c.id", "customer_identities.customer_id")
    .select(["c.id as customerId", "c.name as name", "customer_identities.id as identityId"])
    .where("customer_identities.kind", "=", kind)
    .where("customer_identities.value", "=", value)
    .executeTakeFirst();
}

export async function insertIdentity(
  scope: TenantScope,
  input: { customerId: string; kind: IdentityKind; value: string; display: string },
) {
  return scope
    .insertInto("customer_identities", {
      customer_id: input.customerId,
      kind: input.kind,
      value: input.value,
      display: input.display,
      undeliverable: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function deleteIdentity(scope: TenantScope, customerId: string, identityId: string) {
  const result = await scope
    .deleteFrom("customer_identities")
    .where("id", "=", identityId)
    .where("customer_id", "=", customerId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Customers matching a search box: an exact identity (phone in any format, email, account)
 * first, then name, organization or identity fragments. Without q, all customers by age.
 */
export async function searchCustomers(
  scope: TenantScope,
  opts: { q?: string | undefined; phone?: string | undefined; after: Keyset | undefined; limit: number },
) {
  let q = scope
    .selectFrom("customers")
    .select([...customerColumns, exactTime("customers.created_at").as("cursorAt")])
    .where("merged_into", "is", null)
    .orderBy("customers.created_at")
    .orderBy("customers.id")
    .limit(opts.limit + 1);
  if (opts.q) {
    // Each kind of match is a separate branch that its own trigram index serves (identity
    // values, names, organizations); an OR across the two tables would scan them all.
    const like = fragmentPattern(opts.q);
    const ws = scope.workspaceId;
    q = q.where(
      sql<boolean>`customers.id in (
        select i.customer_id from customer_identities i
         where i.workspace_id = ${ws} and (i.value ilike ${like}${opts.phone ? sql` or i.value = ${opts.phone}` : sql``})
        union all
        select n.id from customers n
         where n.workspace_id = ${ws} and (lower(n.name) like ${like} or lower(coalesce(n.organization, '')) like ${like}))`,
    );
  }
  if (opts.after) {
    q = q.where(
      sql<boolean>`(customers.created_at, customers.id) > (${opts.after.at}::timestamptz, ${opts.after.id}::uuid)`,
    );
  }
  return q.execute();
}

/** `%fragment%` for LIKE, lower case, with LIKE's own characters escaped. */
export function fragmentPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

/** Likely duplicates of a customer: same last 8 phone digits, same email local part and name, same name. */
export async function findDuplicateCandidates(scope: TenantScope, customerId: string) {
  const rows = await sql<{ id: string; reason: string }>`
    with me as (select id, lower(name) as name from customers where id = ${customerId} and workspace_id = ${scope.workspaceId}),
    my_ids as (select kind, value from customer_identities where customer_id = ${customerId})
    select c.id, 'same_phone' as reason
      from customers c join customer_identities i on i.customer_id = c.id
     where c.workspace_id = ${scope.workspaceId} and c.merged_into is null and c.id <> ${customerId}
       and i.kind = 'phone'
       and right(i.value, 8) in (select right(value, 8) from my_ids where kind = 'phone')
    union
    select c.id, 'same_email_local_part_and_name'
      from customers c join customer_identities i on i.customer_id = c.id, me
     where c.workspace_id = ${scope.workspaceId} and c.merged_into is null and c.id <> ${customerId}
       and i.kind = 'email' and lower(c.name) = me.name
       and split_part(i.value, '@', 1) in (select split_part(value, '@', 1) from my_ids where kind = 'email')
    union
    select c.id, 'same_name'
      from customers c, me
     where c.workspace_id = ${scope.workspaceId} and c.merged_into is null and c.id <> ${customerId}
       and lower(c.name) = me.name
    limit 50`.execute(scope.db);
  return rows.rows;
}
