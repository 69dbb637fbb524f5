import {
  type Definition,
  definitionSchema,
  type PlaybookDetail,
  type PlaybookSummary,
  slugSchema,
} from "../../../../contracts/playbooks.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import {
  findPlaybook,
  findPlaybookBySlug,
  insertPlaybook,
  insertVersion,
  listPlaybooks,
  listVersions,
  lockPlaybook,
  markPublished,
  type PlaybookRow,
  touchPlaybook,
  updateDraft,
  type VersionRow,
  versionNumbers,
} from "./playbooks.repo.ts";
import { fromYaml, toYaml } from "./yaml.ts";

type Ctx = Pick<AppContext, "db">;

export const playbookNotFound = () => new AppError("not_found", "Playbook was not found");

const presentVersion = (v: VersionRow) => ({
  id: v.id,
  version: v.version,
  status: v.status,
  definition: v.definition,
  createdAt: v.createdAt.toISOString(),
  publishedAt: v.publishedAt?.toISOString() ?? null,
});

function summarize(p: PlaybookRow, versions: VersionRow[]): PlaybookSummary {
  return {
    id: p.id,
    slug: p.slug,
    name: p.name,
    topics: p.topics,
    publishedVersion: versions.find((v) => v.status === "published")?.version ?? null,
    draftVersion: versions.find((v) => v.status === "draft")?.version ?? null,
    updatedAt: p.updatedAt.toISOString(),
  };
}

async function detail(scope: TenantScope, p: PlaybookRow): Promise<PlaybookDetail> {
  const versions = await listVersions(scope, p.id); // newest first
  const draft = versions.find((v) => v.status === "draft");
  const published = versions.find((v) => v.status === "published");
  return {
    ...summarize(p, versions),
    draft: draft ? presentVersion(draft) : null,
    published: published ? presentVersion(published) : null,
    versions: versions.map((v) => {
      const { definition: _omitted, ...rest } = presentVersion(v);
      return rest;
    }),
  };
}

export async function listAll(ctx: Ctx, actor: Actor) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const [rows, numbers] = await Promise.all([listPlaybooks(scope), versionNumbers(scope)]);
  const items: PlaybookSummary[] = rows.map((p) => ({
    id: p.id,
    slug: p.slug,
    name: p.name,
    topics: p.topics,
    publishedVersion: numbers.get(p.id)?.published ?? null,
    draftVersion: numbers.get(p.id)?.draft ?? null,
    updatedAt: p.updatedAt.toISOString(),
  }));
  return { items };
}

export async function getPlaybook(ctx: Ctx, actor: Actor, id: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const p = await findPlaybook(scope, id);
  if (!p) throw playbookNotFound();
  return detail(scope, p);
}

async function create(scope: TenantScope, actor: Actor, slug: string, def: Definition) {
  if (await findPlaybookBySlug(scope, slug)) {
    throw new AppError("conflict", `A playbook with the slug "${slug}" already exists`, "slug");
  }
  const id = await insertPlaybook(scope, { slug, name: def.name, topics: def.topics });
  await insertVersion(scope, { playbookId: id, version: 1, definition: def, createdBy: actor.userId });
  return id;
}

export async function createPlaybook(
  ctx: Ctx,
  actor: Actor,
  input: { slug: string; definition: Definition },
) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const id = await create(scope, actor, input.slug, input.definition);
    return detail(scope, (await findPlaybook(scope, id)) as PlaybookRow);
  });
}

/** Saves the draft; after a publish, the first edit starts the next version (published ones stay frozen). */
async function saveDraftIn(scope: TenantScope, actor: Actor, id: string, def: Definition) {
  if (!(await lockPlaybook(scope, id))) throw playbookNotFound();
  const versions = await listVersions(scope, id);
  const draft = versions.find((v) => v.status === "draft");
  if (draft) await updateDraft(scope, draft.id, def);
  else {
    const next = (versions[0]?.version ?? 0) + 1;
    await insertVersion(scope, { playbookId: id, version: next, definition: def, createdBy: actor.userId });
  }
  await touchPlaybook(scope, id, def);
}

export async function saveDraft(ctx: Ctx, actor: Actor, id: string, def: Definition) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    await saveDraftIn(scope, actor, id, def);
    return detail(scope, (await findPlaybook(scope, id)) as PlaybookRow);
  });
}

export async function publish(ctx: Ctx, actor: Actor, id: string) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    if (!(await lockPlaybook(scope, id))) throw playbookNotFound();
    const draft = (await listVersions(scope, id)).find((v) => v.status === "draft");
    if (!draft) throw new AppError("conflict", "There is no draft to publish: edit the playbook first");
    // Saved drafts were valid when saved; check again in case the rules grew since.
    const checked = definitionSchema.safeParse(draft.definition);
    if (!checked.success) throw asProblem(checked.error.issues[0], "definition");
    await markPublished(scope, draft.id);
    return detail(scope, (await findPlaybook(scope, id)) as PlaybookRow);
  });
}

function asProblem(issue: { path: PropertyKey[]; message: string } | undefined, prefix: string) {
  const field = [prefix, ...(issue?.path ?? []).map(String)].filter(Boolean).join(".");
  const message = issue?.message ?? "is invalid";
  return new AppError(
    "validation_failed",
    message.includes("Step") ? message : `${field}: ${message}`,
    field,
  );
}

export async function exportYaml(ctx: Ctx, actor: Actor, id: string, version: number | undefined) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const p = await findPlaybook(scope, id);
  if (!p) throw playbookNotFound();
  const versions = await listVersions(scope, id);
  const chosen =
    version === undefined
      ? (versions.find((v) => v.status === "draft") ?? versions[0])
      : versions.find((v) => v.version === version);
  if (!chosen) throw new AppError("not_found", `Version ${version} does not exist`, "version");
  return { filename: `${p.slug}-v${chosen.version}.yaml`, yaml: toYaml(p.slug, chosen.definition) };
}

/** A YAML file becomes a new playbook, or the draft of the playbook with its slug. */
export async function importYaml(ctx: Ctx, actor: Actor, text: string) {
  const value = fromYaml(text) as Record<string, unknown>;
  const { slug, ...rest } = value;
  const parsedSlug = slugSchema.safeParse(slug);
  if (!parsedSlug.success)
    throw new AppError("validation_failed", "slug: use lower-case letters, digits and dashes", "slug");
  const parsed = definitionSchema.safeParse(rest);
  if (!parsed.success) throw asProblem(parsed.error.issues[0], "");
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const existing = await findPlaybookBySlug(scope, parsedSlug.data);
    let id: string;
    if (existing) {
      await saveDraftIn(scope, actor, existing.id, parsed.data);
      id = existing.id;
    } else id = await create(scope, actor, parsedSlug.data, parsed.data);
    return detail(scope, (await findPlaybook(scope, id)) as PlaybookRow);
  });
}
