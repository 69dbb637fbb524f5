import type { Definition } from "../../../../contracts/playbooks.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";
import { findPlaybookBySlug, listPlaybooks, listVersions } from "./playbooks.repo.ts";

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

async function publishedDefinition(scope: TenantScope, playbookId: string) {
  return (await listVersions(scope, playbookId)).find((v) => v.status === "published")?.definition as
    | Definition
    | undefined;
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
  const items = [];
  for (const p of await listPlaybooks(scope)) {
    const def = await publishedDefinition(scope, p.id);
    if (!def) continue;
    if (topic !== undefined && !topicMatches(def.topics, topic)) continue;
    items.push(present(p.slug, def));
  }
  return { items };
}

export async function portalPlaybook(ctx: Ctx, actor: Actor, slug: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const p = await findPlaybookBySlug(scope, slug);
  const def = p ? await publishedDefinition(scope, p.id) : undefined;
  if (!p || !def) throw new AppError("not_found", "This help guide does not exist");
  return present(p.slug, def);
}
