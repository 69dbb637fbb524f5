import type { Actor } from "../../platform/context.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";
import { audit as writeAudit } from "../audit/audit.ts";
import { slugify } from "../help/slugs.ts";

/**
 * A section of a public portal: a feedback board or a community category. Both are a named,
 * slugged, ordered list that holds posts (ideas, topics) and cannot go while it holds any, so
 * the slug rules, the lock and the guarded delete live here once; each module keeps its own
 * columns, counts and wording. Imported as a namespace (`section.chooseSlug`, `section.remove`):
 * the short names read as what they do to a section.
 */
export type SectionKind = {
  table: "feedback_boards" | "community_categories";
  /** The posts a section holds, by their column naming it. */
  posts:
    | { table: "feedback_ideas"; column: "board_id" }
    | { table: "community_topics"; column: "category_id" };
  /** Paths of the public pages that no section may take as its slug. */
  reserved: ReadonlySet<string>;
  /** "board", "category": the slug made from an empty name, and the word in messages. */
  noun: string;
  notFound: () => Error;
  /** The 409 message while the section still holds posts. */
  notEmpty: string;
  /** "feedback.board": audit actions are `feedback.board_created` (…_updated, …_deleted), on a `feedback_board`. */
  audit: `${string}.${string}`;
};

// Both tables share the columns used here; Kysely cannot type a query over a union of table
// names, so the queries are typed against one of them.
const sectionTable = (kind: SectionKind) => kind.table as "feedback_boards";
const postTable = (kind: SectionKind) => kind.posts as { table: "feedback_ideas"; column: "board_id" };

async function slugTaken(scope: TenantScope, kind: SectionKind, slug: string, exceptId?: string) {
  if (kind.reserved.has(slug)) return true;
  let q = scope.selectFrom(sectionTable(kind)).select("id").where("slug", "=", slug);
  if (exceptId) q = q.where("id", "<>", exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** A slug made from the name gets -2, -3… when taken; a slug the caller chose must be free. */
export async function chooseSlug(
  scope: TenantScope,
  kind: SectionKind,
  input: { name?: string; slug?: string },
  exceptId?: string,
) {
  if (input.slug) {
    if (await slugTaken(scope, kind, input.slug, exceptId))
      throw new AppError("conflict", `Another ${kind.noun} already uses this slug`, "slug");
    return input.slug;
  }
  const base = slugify(input.name ?? "", kind.noun);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await slugTaken(scope, kind, candidate, exceptId))) return candidate;
  }
}

/** Locks the section for the rest of the transaction (404 when it is not this workspace's). */
export async function lock(scope: TenantScope, kind: SectionKind, id: string) {
  const found = await scope
    .selectFrom(sectionTable(kind))
    .select("name")
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!found) throw kind.notFound();
  return found;
}

export function audit(
  scope: TenantScope,
  kind: SectionKind,
  actor: Actor,
  what: "created" | "updated" | "deleted",
  id: string,
  data: Record<string, unknown>,
) {
  return writeAudit(scope, {
    actorUserId: actor.userId,
    action: `${kind.audit}_${what}`,
    subjectType: kind.audit.replace(".", "_"),
    subjectId: id,
    data,
  });
}

/** Deletes an empty section; one with posts (even merged or deleted ones, which still point at it) gets a 409. */
export async function remove(scope: TenantScope, kind: SectionKind, actor: Actor, id: string) {
  const found = await lock(scope, kind, id);
  const posts = postTable(kind);
  const post = await scope
    .selectFrom(posts.table)
    .select("id")
    .where(posts.column, "=", id)
    .limit(1)
    .executeTakeFirst();
  if (post) throw new AppError("conflict", kind.notEmpty);
  await scope.deleteFrom(sectionTable(kind)).where("id", "=", id).execute();
  await audit(scope, kind, actor, "deleted", id, { name: found.name });
}

/** The fields a patch sets: a key left undefined keeps the stored value. */
export function definedOnly<T extends Record<string, unknown>>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
