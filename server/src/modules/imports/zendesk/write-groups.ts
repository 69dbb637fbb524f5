import { sql } from "kysely";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { idKey, lastById, lookupIds, validId } from "./id-map.ts";
import type { Page } from "./resources.ts";
import type { ResourceWriter, Skip, WriteOutcome } from "./writer.ts";

/** Teams' names are 1 to 80 characters (0002). A longer group name is reported, not cut. */
const TEAM_NAME_MAX = 80;

async function plan(scope: TenantScope, source: string, page: Page<"groups">) {
  const skips: Skip[] = [];
  const groups: Array<{ id: string; name: string }> = [];
  for (const g of lastById(page.records)) {
    const id = String(g?.id ?? "?");
    const name = typeof g?.name === "string" ? g.name.trim() : "";
    if (!validId(g?.id))
      skips.push({ externalId: id, outcome: "skipped", reason: "record without a valid id" });
    else if (g.deleted) skips.push({ externalId: id, outcome: "skipped", reason: "deleted group" });
    else if (!name) skips.push({ externalId: id, outcome: "skipped", reason: "group without a name" });
    else if (name.length > TEAM_NAME_MAX)
      skips.push({
        externalId: id,
        outcome: "skipped",
        reason: `group name longer than ${TEAM_NAME_MAX} characters`,
      });
    else groups.push({ id, name });
  }
  const known = await lookupIds(scope, source, [{ kind: "group", ids: groups.map((g) => g.id) }]);
  const fresh = groups.filter((g) => !known.has(idKey("group", g.id)));
  return { skips, groups, fresh, updated: groups.length - fresh.length };
}

/**
 * Groups become teams of the same name. A team of that name that already exists (made by hand
 * or by an earlier import) is reused, not duplicated. A group already imported keeps its team:
 * a rename in Zendesk is not carried over (the team may have been renamed here on purpose).
 */
export const groupsWriter: ResourceWriter<"groups"> = {
  resource: "groups",
  async assess(scope, source, page): Promise<WriteOutcome> {
    const p = await plan(scope, source, page);
    return { created: p.fresh.length, updated: p.updated, skips: p.skips };
  },
  async write(ctx, page): Promise<WriteOutcome> {
    const p = await plan(ctx.scope, ctx.source, page);
    if (p.fresh.length > 0) {
      const ws = ctx.scope.workspaceId;
      await sql`
        with input as (
          select * from unnest(${p.fresh.map((g) => g.id)}::text[], ${p.fresh.map((g) => g.name)}::text[]) as i(id, name)),
        made as (
          insert into teams (workspace_id, name) select distinct ${ws}::uuid, name from input
          on conflict (workspace_id, name) do nothing returning id, name),
        team as (
          select id, name from made
          union all select id, name from teams where workspace_id = ${ws} and name in (select name from input))
        insert into import_ids (workspace_id, source, kind, external_id, local_id)
        select ${ws}::uuid, ${ctx.source}, 'group', input.id, team.id from input join team using (name)
        on conflict do nothing`.execute(ctx.scope.db);
    }
    return { created: p.fresh.length, updated: p.updated, skips: p.skips };
  },
};
