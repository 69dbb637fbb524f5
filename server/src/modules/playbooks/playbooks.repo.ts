import { sql } from "kysely";
import type { Definition } from "../../../../contracts/playbooks.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";

/** SQL for playbooks and their versions. Definitions are stored whole as JSON, one row per version. */
export type PlaybookRow = {
  id: string;
  slug: string;
  name: string;
  topics: string[];
  updatedAt: Date;
};
export type VersionRow = {
  id: string;
  playbookId: string;
  version: number;
  status: "draft" | "published";
  definition: Definition;
  createdAt: Date;
  publishedAt: Date | null;
};

const playbookColumns = ["id", "slug", "name", "topics", "updated_at as updatedAt"] as const;
const versionColumns = [
  "id",
  "playbook_id as playbookId",
  "version",
  "status",
  "definition",
  "created_at as createdAt",
  "published_at as publishedAt",
] as const;

export async function insertPlaybook(
  scope: TenantScope,
  input: { slug: string; name: string; topics: string[] },
) {
  const row = await scope
    .insertInto("playbooks", { slug: input.slug, name: input.name, topics: input.topics })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findPlaybook(scope: TenantScope, id: string): Promise<PlaybookRow | undefined> {
  return scope.selectFrom("playbooks").select(playbookColumns).where("id", "=", id).executeTakeFirst();
}

export async function findPlaybookBySlug(scope: TenantScope, slug: string): Promise<PlaybookRow | undefined> {
  return scope.selectFrom("playbooks").select(playbookColumns).where("slug", "=", slug).executeTakeFirst();
}

/** Serialises edits of one playbook (two authors saving or publishing at once). */
export async function lockPlaybook(scope: TenantScope, id: string) {
  return scope.selectFrom("playbooks").select("id").where("id", "=", id).forUpdate().executeTakeFirst();
}

export async function touchPlaybook(scope: TenantScope, id: string, def: Definition) {
  await scope
    .updateTable("playbooks")
    .set({ name: def.name, topics: def.topics, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export async function listPlaybooks(scope: TenantScope): Promise<PlaybookRow[]> {
  return scope
    .selectFrom("playbooks")
    .select(playbookColumns)
    .orderBy("name")
    .orderBy("id")
    .limit(500)
    .execute();
}

export async function listVersions(scope: TenantScope, playbookId: string): Promise<VersionRow[]> {
  const rows = await scope
    .selectFrom("playbook_versions")
    .select(versionColumns)
    .where("playbook_id", "=", playbookId)
    .orderBy("version", "desc")
    .execute();
  return rows as VersionRow[];
}

/** The version new runs follow: the newest published one (one row, not the whole history). */
export async function findLatestPublished(
  scope: TenantScope,
  playbookId: string,
): Promise<VersionRow | undefined> {
  const row = await scope
    .selectFrom("playbook_versions")
    .select(versionColumns)
    .where("playbook_id", "=", playbookId)
    .where("status", "=", "published")
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  return row as VersionRow | undefined;
}

/** Every playbook's newest published definition with its slug, in one query (the portal's list). */
export async function listLatestPublished(
  scope: TenantScope,
): Promise<Array<{ slug: string; definition: Definition }>> {
  const { rows } = await sql<{ slug: string; definition: Definition }>`
    select distinct on (v.playbook_id) p.slug, v.definition, p.name
      from playbook_versions v join playbooks p on p.id = v.playbook_id
     where v.workspace_id = ${scope.workspaceId} and p.workspace_id = ${scope.workspaceId}
       and v.status = 'published'
     order by v.playbook_id, v.version desc
     limit 500`.execute(scope.db);
  return (rows as Array<{ slug: string; name: string; definition: Definition }>).sort(
    (a, b) => a.name.localeCompare(b.name) || a.slug.localeCompare(b.slug),
  );
}

export async function findVersion(scope: TenantScope, id: string): Promise<VersionRow | undefined> {
  const row = await scope
    .selectFrom("playbook_versions")
    .select(versionColumns)
    .where("id", "=", id)
    .executeTakeFirst();
  return row as VersionRow | undefined;
}

export async function insertVersion(
  scope: TenantScope,
  input: { playbookId: string; version: number; definition: Definition; createdBy: string },
) {
  await scope
    .insertInto("playbook_versions", {
      playbook_id: input.playbookId,
      version: input.version,
      status: "draft",
      definition: JSON.stringify(input.definition),
      created_by: input.createdBy,
    })
    .execute();
}

export async function updateDraft(scope: TenantScope, versionId: string, definition: Definition) {
  await scope
    .updateTable("playbook_versions")
    .set({ definition: JSON.stringify(definition) })
    .where("id", "=", versionId)
    .where("status", "=", "draft")
    .execute();
}

export async function markPublished(scope: TenantScope, versionId: string) {
  await scope
    .updateTable("playbook_versions")
    .set({ status: "published", published_at: new Date() })
    .where("id", "=", versionId)
    .execute();
}

/** For lists: each playbook's newest published and draft version numbers, in one query. */
export async function versionNumbers(scope: TenantScope) {
  const rows = await scope
    .selectFrom("playbook_versions")
    .select([
      "playbook_id as playbookId",
      sql<number | null>`max(version) filter (where status = 'published')`.as("published"),
      sql<number | null>`max(version) filter (where status = 'draft')`.as("draft"),
    ])
    .groupBy("playbook_id")
    .execute();
  return new Map(rows.map((r) => [r.playbookId, { published: r.published, draft: r.draft }]));
}
