import { sql } from "kysely";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { lastById, validId } from "./id-map.ts";
import type { Page } from "./resources.ts";
import type { ResourceWriter, Skip, WriteOutcome } from "./writer.ts";

async function plan(scope: TenantScope, source: string, page: Page<"organizations">) {
  const skips: Skip[] = [];
  const orgs: Array<{ id: string; name: string; data: Record<string, unknown> }> = [];
  for (const o of lastById(page.records)) {
    const id = String(o?.id ?? "?");
    const name = typeof o?.name === "string" ? o.name.trim() : "";
    if (!validId(o?.id))
      skips.push({ externalId: id, outcome: "skipped", reason: "record without a valid id" });
    else if (o.deleted_at) skips.push({ externalId: id, outcome: "skipped", reason: "deleted organization" });
    else if (!name) skips.push({ externalId: id, outcome: "skipped", reason: "organization without a name" });
    else
      orgs.push({
        id,
        name,
        data: {
          domainNames: o.domain_names ?? [],
          externalId: o.external_id,
          details: o.details,
          notes: o.notes,
          tags: o.tags ?? [],
          fields: o.organization_fields ?? {},
        },
      });
  }
  const { rows } = await sql<{ external_id: string }>`
    select external_id from import_organizations
     where workspace_id = ${scope.workspaceId} and source = ${source}
       and external_id = any(${orgs.map((o) => o.id)}::text[])`.execute(scope.db);
  return { skips, orgs, updated: rows.length };
}

/**
 * Organizations are no Rapport rows: a customer's organization is its name
 * (customers.organization). The name and the organization's own data (domains, notes,
 * organization fields) are kept in import_organizations, where the users writer finds the
 * name of each user's organization. A renamed organization's members already imported keep
 * the old name until their user record changes too (Zendesk then exports them again).
 */
export const organizationsWriter: ResourceWriter<"organizations"> = {
  resource: "organizations",
  async assess(scope, source, page): Promise<WriteOutcome> {
    const p = await plan(scope, source, page);
    return { created: p.orgs.length - p.updated, updated: p.updated, skips: p.skips };
  },
  async write(ctx, page): Promise<WriteOutcome> {
    const p = await plan(ctx.scope, ctx.source, page);
    if (p.orgs.length > 0) {
      await sql`
        insert into import_organizations (workspace_id, source, external_id, name, data)
        select ${ctx.scope.workspaceId}::uuid, ${ctx.source}, o.id, o.name, o.data
          from jsonb_to_recordset(${JSON.stringify(p.orgs)}::jsonb) as o(id text, name text, data jsonb)
        on conflict (workspace_id, source, external_id) do update set name = excluded.name, data = excluded.data`.execute(
        ctx.scope.db,
      );
    }
    return { created: p.orgs.length - p.updated, updated: p.updated, skips: p.skips };
  },
};
