import type { TenantScope } from "../../../platform/db/tenant.ts";
import { slugify } from "../../help/slugs.ts";
import { escapeLike } from "../../problems/problems.repo.ts";
import { localIds, rememberIds, zdTime, zid } from "./extras-ids.ts";
import type { Page } from "./resources.ts";
import type { ResourceWriter, Skip, WriteOutcome } from "./writer.ts";
import type { ZdHcCategory, ZdHcSection } from "./zendesk-types.ts";

/**
 * Zendesk Guide categories and sections → the help center's (issue #24). Rapport's categories
 * and sections have one name each (no per-locale names): the name Zendesk sent, in the locale
 * the export asked for. Slugs are made from the name like the help center makes them (-2, -3 on
 * repeats: unique per workspace for categories, per category for sections) and kept on a
 * delta, so links stay valid. Guide is small: one statement per record, for clarity.
 * Idempotent through import_ids kinds "hc_category" and "hc_section"; a row deleted in Rapport
 * since is made again.
 */

/** The first free slug of base, base-2, base-3… among `taken`. */
function firstFree(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

async function categorySlug(scope: TenantScope, name: string): Promise<string> {
  const base = slugify(name, "category");
  const rows = await scope
    .selectFrom("help_categories")
    .select("slug")
    .where((eb) => eb.or([eb("slug", "=", base), eb("slug", "like", `${escapeLike(base)}-%`)]))
    .execute();
  return firstFree(base, new Set(rows.map((r) => r.slug)));
}

async function sectionSlug(scope: TenantScope, categoryId: string, name: string): Promise<string> {
  const base = slugify(name, "section");
  const rows = await scope
    .selectFrom("help_sections")
    .select("slug")
    .where("category_id", "=", categoryId)
    .where((eb) => eb.or([eb("slug", "=", base), eb("slug", "like", `${escapeLike(base)}-%`)]))
    .execute();
  return firstFree(base, new Set(rows.map((r) => r.slug)));
}

const position = (p: unknown) =>
  typeof p === "number" && Number.isSafeInteger(p) && p >= 0 ? Math.min(p, 100_000) : 0;

type Counted = { created: number; updated: number; skips: Skip[] };

async function writeCategories(scope: TenantScope, source: string, records: ZdHcCategory[], dry: boolean) {
  const out: Counted = { created: 0, updated: 0, skips: [] };
  const valid = records.filter((c) => {
    const ok = zid(c?.id) && typeof c.name === "string" && c.name.trim();
    if (!ok)
      out.skips.push({
        externalId: String(c?.id ?? "?"),
        outcome: "failed",
        reason: "category without a valid id or name",
      });
    return ok;
  });
  const known = await localIds(
    scope,
    source,
    "hc_category",
    valid.map((c) => String(c.id)),
  );
  const alive = await existing(scope, "help_categories", [...known.values()]);
  for (const c of valid) {
    const id = known.get(String(c.id));
    const values = {
      name: c.name.trim(),
      description: (c.description ?? "").trim(),
      position: position(c.position),
      updated_at: zdTime(c.updated_at) ?? new Date(),
    };
    if (id && alive.has(id)) {
      out.updated++;
      if (!dry) await scope.updateTable("help_categories").set(values).where("id", "=", id).execute();
      continue;
    }
    out.created++;
    if (dry) continue;
    const row = await scope
      .insertInto("help_categories", {
        ...values,
        slug: await categorySlug(scope, values.name),
        created_at: zdTime(c.created_at) ?? values.updated_at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await rememberIds(scope, source, "hc_category", [{ externalId: String(c.id), localId: row.id }]);
  }
  return out;
}

async function writeSections(scope: TenantScope, source: string, records: ZdHcSection[], dry: boolean) {
  const out: Counted = { created: 0, updated: 0, skips: [] };
  const valid = records.filter((s) => {
    const ok = zid(s?.id) && zid(s.category_id) && typeof s.name === "string" && s.name.trim();
    if (!ok)
      out.skips.push({
        externalId: String(s?.id ?? "?"),
        outcome: "failed",
        reason: "section without a valid id, category or name",
      });
    return ok;
  });
  const [known, categories] = await Promise.all([
    localIds(
      scope,
      source,
      "hc_section",
      valid.map((s) => String(s.id)),
    ),
    localIds(
      scope,
      source,
      "hc_category",
      valid.map((s) => String(s.category_id)),
    ),
  ]);
  const [alive, liveCategories] = await Promise.all([
    existingSections(scope, [...known.values()]),
    existing(scope, "help_categories", [...categories.values()]),
  ]);
  for (const s of valid) {
    const ext = String(s.id);
    const categoryId = categories.get(String(s.category_id));
    if (dry && !categoryId) {
      out.created++; // a dry run wrote no categories: assume this one's will be
      continue;
    }
    if (!categoryId || !liveCategories.has(categoryId)) {
      out.skips.push({
        externalId: ext,
        outcome: "skipped",
        reason: `its category ${s.category_id} was not imported`,
      });
      continue;
    }
    if (s.description?.trim())
      out.skips.push({
        externalId: ext,
        outcome: "skipped",
        reason: "section description not kept: help sections have none",
      });
    const name = s.name.trim();
    const id = known.get(ext);
    const before = id ? alive.get(id) : undefined;
    if (id && before) {
      out.updated++;
      if (dry) continue;
      // A section moved to another category needs a slug free there.
      const slug =
        before.categoryId === categoryId ? before.slug : await sectionSlug(scope, categoryId, name);
      await scope
        .updateTable("help_sections")
        .set({ name, position: position(s.position), category_id: categoryId, slug })
        .where("id", "=", id)
        .execute();
      continue;
    }
    out.created++;
    if (dry) continue;
    const row = await scope
      .insertInto("help_sections", {
        category_id: categoryId,
        name,
        slug: await sectionSlug(scope, categoryId, name),
        position: position(s.position),
        created_at: zdTime(s.created_at) ?? new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await rememberIds(scope, source, "hc_section", [{ externalId: ext, localId: row.id }]);
  }
  return out;
}

async function existing(scope: TenantScope, table: "help_categories", ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await scope.selectFrom(table).select("id").where("id", "in", ids).execute();
  return new Set(rows.map((r) => r.id));
}

async function existingSections(scope: TenantScope, ids: string[]) {
  if (ids.length === 0) return new Map<string, { categoryId: string; slug: string }>();
  const rows = await scope
    .selectFrom("help_sections")
    .select(["id", "category_id", "slug"])
    .where("id", "in", ids)
    .execute();
  return new Map(rows.map((r) => [r.id, { categoryId: r.category_id, slug: r.slug }]));
}

export const hcCategoriesWriter: ResourceWriter<"hc_categories"> = {
  resource: "hc_categories",
  assess: (scope, source, page: Page<"hc_categories">): Promise<WriteOutcome> =>
    writeCategories(scope, source, page.records, true),
  write: (ctx, page) => writeCategories(ctx.scope, ctx.source, page.records, false),
};

export const hcSectionsWriter: ResourceWriter<"hc_sections"> = {
  resource: "hc_sections",
  assess: (scope, source, page: Page<"hc_sections">): Promise<WriteOutcome> =>
    writeSections(scope, source, page.records, true),
  write: (ctx, page) => writeSections(ctx.scope, ctx.source, page.records, false),
};
