import { sql } from "kysely";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { lastById, validId } from "./id-map.ts";
import { type FieldDef, type FieldKind, mapField } from "./map-fields.ts";
import type { Page } from "./resources.ts";
import type { ResourceWriter, Skip, WriteOutcome } from "./writer.ts";

type FieldResource = "ticket_fields" | "user_fields" | "organization_fields";

/** Splits a page into definitions to keep and skips, and counts which are new. */
async function plan(scope: TenantScope, source: string, kind: FieldKind, page: Page<FieldResource>) {
  const defs: FieldDef[] = [];
  const skips: Skip[] = [];
  for (const f of lastById(page.records)) {
    if (!validId(f?.id)) {
      skips.push({
        externalId: String(f?.id ?? "?"),
        outcome: "skipped",
        reason: "record without a valid id",
      });
      continue;
    }
    const m = mapField(f);
    if ("skip" in m) skips.push({ externalId: String(f.id), outcome: "skipped", reason: m.skip });
    else defs.push(m);
  }
  const { rows } = await sql<{ external_id: string }>`
    select external_id from import_field_defs
     where workspace_id = ${scope.workspaceId} and source = ${source} and kind = ${kind}
       and external_id = any(${defs.map((d) => d.externalId)}::text[])`.execute(scope.db);
  const known = new Set(rows.map((r) => r.external_id));
  return { defs, skips, known };
}

function fieldsWriter<R extends FieldResource>(resource: R, kind: FieldKind): ResourceWriter<R> {
  return {
    resource,
    async assess(scope, source, page): Promise<WriteOutcome> {
      const { defs, skips, known } = await plan(scope, source, kind, page);
      return { created: defs.length - known.size, updated: known.size, skips };
    },
    async write(ctx, page): Promise<WriteOutcome> {
      const { defs, skips, known } = await plan(ctx.scope, ctx.source, kind, page);
      if (defs.length > 0) {
        await sql`
          insert into import_field_defs (workspace_id, source, kind, external_id, key, title, type, active, options)
          select ${ctx.scope.workspaceId}::uuid, ${ctx.source}, ${kind}, d."externalId", d.key, d.title, d.type, d.active,
                 coalesce(d.options, '[]')
            from jsonb_to_recordset(${JSON.stringify(defs)}::jsonb)
              as d("externalId" text, key text, title text, type text, active boolean, options jsonb)
          on conflict (workspace_id, source, kind, external_id) do update
            set key = excluded.key, title = excluded.title, type = excluded.type,
                active = excluded.active, options = excluded.options`.execute(ctx.scope.db);
      }
      return { created: defs.length - known.size, updated: known.size, skips };
    },
  };
}

/** Field definitions are no Rapport rows: they name the custom values of tickets, users and organizations. */
export const ticketFieldsWriter = fieldsWriter("ticket_fields", "ticket_field");
export const userFieldsWriter = fieldsWriter("user_fields", "user_field");
export const organizationFieldsWriter = fieldsWriter("organization_fields", "organization_field");
