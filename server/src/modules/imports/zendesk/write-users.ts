import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { hashApiToken, newApiToken } from "../../../platform/auth/api-tokens.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { idKey, lastById, lookupIds, validId } from "./id-map.ts";
import { type MappedAgent, type MappedCustomer, mapUser } from "./map-users.ts";
import type { Page } from "./resources.ts";
import type { ImportContext, ResourceWriter, Skip, WriteOutcome } from "./writer.ts";
import type { ZdUserIdentity } from "./zendesk-types.ts";

/** Like a staff invitation made by hand (teams/invitations.service.ts): a week, renewed by a resend. */
const INVITE_DAYS = 7;
/** Who recorded an imported fact, as the customer page shows it. */
const RECORDER = "Zendesk import";

interface Plan {
  skips: Skip[];
  customers: MappedCustomer[];
  agents: MappedAgent[];
  known: Map<string, string>;
}

async function plan(scope: TenantScope, source: string, page: Page<"users">): Promise<Plan> {
  const { rows } = await sql<{ region: string }>`
    select default_region as region from workspaces where id = ${scope.workspaceId}`.execute(scope.db);
  const region = rows[0]?.region ?? "US";
  const byUser = new Map<number, ZdUserIdentity[]>();
  for (const i of (page.sideloads.identities ?? []) as ZdUserIdentity[]) {
    if (!i || typeof i.user_id !== "number") continue;
    byUser.set(i.user_id, [...(byUser.get(i.user_id) ?? []), i]);
  }
  const p: Plan = { skips: [], customers: [], agents: [], known: new Map() };
  for (const u of lastById(page.records)) {
    if (!validId(u?.id)) {
      p.skips.push({
        externalId: String(u?.id ?? "?"),
        outcome: "skipped",
        reason: "record without a valid id",
      });
      continue;
    }
    const m = mapUser(u, byUser.get(u.id) ?? [], region);
    if ("skip" in m) p.skips.push({ externalId: String(u.id), outcome: "skipped", reason: m.skip });
    else if ("agent" in m) p.agents.push(m.agent);
    else p.customers.push(m.customer);
  }
  p.known = await lookupIds(scope, source, [
    { kind: "user", ids: p.customers.map((c) => c.externalId) },
    { kind: "agent", ids: p.agents.map((a) => a.externalId) },
  ]);
  return p;
}

function outcome(p: Plan): WriteOutcome {
  const updated =
    p.customers.filter((c) => p.known.has(idKey("user", c.externalId))).length +
    p.agents.filter((a) => p.known.has(idKey("agent", a.externalId))).length;
  return { created: p.customers.length + p.agents.length - updated, updated, skips: p.skips };
}

/**
 * Users. End users become customers (or are linked to the customer who already owns one of
 * their addresses: know the customer, no duplicate), with identities and facts; agents and
 * admins become staff invitations, silent (no mail: an admin resends them when the team moves).
 * Set-based: a fixed number of statements per page, whatever its size.
 */
export const usersWriter: ResourceWriter<"users"> = {
  resource: "users",
  async assess(scope, source, page) {
    return outcome(await plan(scope, source, page));
  },
  async write(ctx, page) {
    const p = await plan(ctx.scope, ctx.source, page);
    await writeCustomers(ctx, p);
    await writeAgents(ctx, p);
    return outcome(p);
  },
};

async function writeCustomers(ctx: ImportContext, p: Plan) {
  if (p.customers.length === 0) return;
  const { scope, source } = ctx;
  const ws = scope.workspaceId;
  // A customer erased here (privacy) is never filled again by a later run: their user is skipped.
  const knownIds = p.customers.flatMap((c) => p.known.get(idKey("user", c.externalId)) ?? []);
  const { rows: erased } = await sql<{ id: string }>`
    select id from customers
     where workspace_id = ${ws} and id = any(${knownIds}::uuid[]) and erased_at is not null`.execute(
    scope.db,
  );
  const erasedIds = new Set(erased.map((e) => e.id));
  p.customers = p.customers.filter((c) => {
    const local = p.known.get(idKey("user", c.externalId));
    if (!local || !erasedIds.has(local)) return true;
    p.skips.push({ externalId: c.externalId, outcome: "skipped", reason: "customer was erased in Rapport" });
    return false;
  });
  if (p.customers.length === 0) return;
  const fresh = p.customers.filter((c) => !p.known.has(idKey("user", c.externalId)));
  // Who already owns the new users' addresses: they are that customer, not a new one.
  const all = fresh.flatMap((c) => c.identities);
  const byKind = new Map<string, string[]>();
  for (const i of all) byKind.set(i.kind, [...(byKind.get(i.kind) ?? []), i.value]);
  // Per kind, `value = any(...)` on the (workspace_id, kind, value) key: index probes.
  const owners =
    byKind.size === 0
      ? []
      : (
          await sql<{ kind: string; value: string; customer_id: string }>`${sql.join(
            [...byKind].map(
              ([kind, values]) => sql`
                select i.kind, i.value, coalesce(c.merged_into, c.id) as customer_id
                  from customer_identities i join customers c on c.id = i.customer_id
                 where i.workspace_id = ${ws} and i.kind = ${kind} and i.value = any(${values}::text[])`,
            ),
            sql` union all `,
          )}`.execute(scope.db)
        ).rows;
  const owner = new Map(owners.map((o) => [`${o.kind}:${o.value}`, o.customer_id]));
  const local = new Map<string, string>(); // Zendesk user id → customer id
  const created: MappedCustomer[] = [];
  for (const c of p.customers) {
    const mapped = p.known.get(idKey("user", c.externalId));
    if (mapped) {
      local.set(c.externalId, mapped);
      continue;
    }
    const existing = c.identities.map((i) => owner.get(`${i.kind}:${i.value}`)).find(Boolean);
    const id = existing ?? randomUUID();
    local.set(c.externalId, id);
    if (!existing) {
      created.push(c);
      // Two users of one page sharing an address become one customer, like any later match.
      for (const i of c.identities) owner.set(`${i.kind}:${i.value}`, id);
    }
  }
  const rows = p.customers.map((c) => ({
    userId: c.externalId,
    id: local.get(c.externalId),
    name: c.name,
    orgId: c.organizationId,
    isNew: created.includes(c),
    known: p.known.has(idKey("user", c.externalId)),
  }));
  // New customers are made; those already imported get their name and organization again
  // (a delta run carries Zendesk's edits). Customers linked by address keep theirs.
  await sql`
    with input as (
      select i.*, o.name as org from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          as i("userId" text, id uuid, name text, "orgId" text, "isNew" boolean, known boolean)
        left join import_organizations o
          on o.workspace_id = ${ws} and o.source = ${source} and o.external_id = i."orgId"),
    made as (
      insert into customers (id, workspace_id, name, organization)
      select id, ${ws}::uuid, name, org from input where "isNew"),
    changed as (
      update customers c set name = input.name, organization = input.org, updated_at = now()
        from input
       where input.known and c.id = input.id and c.workspace_id = ${ws} and c.erased_at is null
         and (c.name, c.organization) is distinct from (input.name, input.org))
    insert into import_ids (workspace_id, source, kind, external_id, local_id)
    select ${ws}::uuid, ${source}, 'user', "userId", id from input where not known
    on conflict do nothing`.execute(scope.db);
  const identities = p.customers.flatMap((c) =>
    c.identities.map((i) => ({ customerId: local.get(c.externalId), ...i })),
  );
  if (identities.length > 0) {
    // An address another customer owns stays theirs (one owner per value per workspace).
    await sql`
      insert into customer_identities (workspace_id, customer_id, kind, value, display)
      select ${ws}::uuid, i."customerId", i.kind, i.value, i.display
        from jsonb_to_recordset(${JSON.stringify(identities)}::jsonb)
          as i("customerId" uuid, kind text, value text, display text)
      on conflict (workspace_id, kind, value) do nothing`.execute(scope.db);
  }
  const facts = p.customers.flatMap((c) =>
    c.facts.map((f) => ({ customerId: local.get(c.externalId), key: f.key, value: f.value })),
  );
  if (facts.length > 0) {
    // Facts are appended, never overwritten: a changed value supersedes the current one.
    // Two statements, not one with a data-modifying CTE: a CTE's update and the main insert
    // run in no set order, so the insert could meet the current fact before it was superseded
    // (facts_current_idx), which failed every re-imported customer whose fact had changed.
    const input = sql`(select distinct on ("customerId", key) * from jsonb_to_recordset(${JSON.stringify(facts)}::jsonb)
          as f("customerId" uuid, key text, value jsonb))`;
    await sql`
      update facts f set superseded_at = now() from ${input} as input
       where f.workspace_id = ${ws} and f.customer_id = input."customerId" and f.key = input.key
         and f.superseded_at is null and f.value is distinct from input.value`.execute(scope.db);
    await sql`
      insert into facts (workspace_id, customer_id, key, value, recorded_by_name, source_channel)
      select ${ws}::uuid, input."customerId", input.key, input.value, ${RECORDER}, 'import' from ${input} as input
       where not exists (select 1 from facts f
                          where f.workspace_id = ${ws} and f.customer_id = input."customerId"
                            and f.key = input.key and f.superseded_at is null)`.execute(scope.db);
  }
}

async function writeAgents(ctx: ImportContext, p: Plan) {
  if (p.agents.length === 0) return;
  const { scope, source } = ctx;
  const ws = scope.workspaceId;
  const rows = p.agents.map((a) => {
    // A token nobody holds: the invitation exists but no link was sent (silent import).
    const hash = hashApiToken(newApiToken().token);
    return { ...a, hash, known: p.known.has(idKey("agent", a.externalId)) };
  });
  const expires = new Date(Date.now() + INVITE_DAYS * 86_400_000).toISOString();
  // Staff already here are linked to their membership; an open invitation for the address is
  // reused; anyone else gets a new invitation. Agents already imported are only renamed.
  await sql`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as a("externalId" text, name text, email text, role text, hash text, known boolean)),
    member as (
      select distinct on (lower(u.email)) lower(u.email) as email, m.id
        from memberships m join auth."user" u on u.id = m.user_id
       where m.workspace_id = ${ws} and m.role <> 'customer' and lower(u.email) in (select email from input)),
    open_invite as (
      select distinct on (email) email, id from invitations
       where workspace_id = ${ws} and accepted_at is null and revoked_at is null
         and email in (select email from input)
       order by email, created_at desc),
    needed as (
      select distinct on (input.email) input.* from input
       where not known and input.email not in (select email from member) and input.email not in (select email from open_invite)),
    invited as (
      insert into invitations (workspace_id, email, role, token_hash, invited_by, expires_at)
      select ${ws}::uuid, email, role, hash, null, ${expires}::timestamptz from needed
      returning id, email),
    agents as (
      insert into import_agents (workspace_id, source, external_id, name, email, role, membership_id, invitation_id)
      select ${ws}::uuid, ${source}, input."externalId", input.name, input.email, input.role, member.id,
             coalesce(invited.id, open_invite.id)
        from input
        left join member on member.email = input.email
        left join invited on invited.email = input.email and member.id is null
        left join open_invite on open_invite.email = input.email and member.id is null
      on conflict (workspace_id, source, external_id) do update set name = excluded.name
      returning external_id, coalesce(membership_id, invitation_id) as local_id)
    insert into import_ids (workspace_id, source, kind, external_id, local_id)
    select ${ws}::uuid, ${source}, 'agent', external_id, local_id from agents where local_id is not null
    on conflict do nothing`.execute(scope.db);
}
