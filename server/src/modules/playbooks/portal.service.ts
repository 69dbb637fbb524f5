import type { Definition } from "../../../../contracts/playbooks.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";
import { findLatestPublished, findPlaybookBySlug, listLatestPublished } from "./playbooks.repo.ts";

type Ctx = Pick<AppContext, "db">;

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** A topic matches when all its words appear in the text ("error 1013" in "Error 1013 on my speaker"). */
export function topicMatches(topics: string[], text: string): boolean {
  const have = new Set(words(text));
  return topics.some((t) => {
    const need = words(t);
    return need.length > 0 && need.every((w) => have.has(w));
  });
}

const present = (slug: string, def: Definition) => ({
  slug,
  name: def.name,
  summary: def.summary ?? null,
  topics: def.topics,
});

/** Published playbooks a customer may run, optionally only those whose topics match a subject. */
export async function portalPlaybooks(ctx: Ctx, actor: Actor, topic: string | undefined) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const items = (await listLatestPublished(scope))
    .filter((p) => topic === undefined || topicMatches(p.definition.topics, topic))
    .map((p) => present(p.slug, p.definition));
  return { items };
}

export async function portalPlaybook(ctx: Ctx, actor: Actor, slug: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const p = await findPlaybookBySlug(scope, slug);
  const def = p ? (await findLatestPublished(scope, p.id))?.definition : undefined;
  if (!p || !def) throw new AppError("not_found", "This help guide does not exist");
  return present(p.slug, def);
}
