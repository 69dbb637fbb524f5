import type { Snippet } from "../../../../contracts/snippets.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { placeholdersIn } from "../agents/placeholders.ts";
import { audit } from "../audit/audit.ts";
import {
  assertCanWrite,
  canRead,
  canWrite,
  isAdmin,
  snippetNotFound,
  type TeamRights,
  teamRightsOf,
} from "./snippets.policy.ts";
import { findSnippet, findSnippets, type SnippetRow } from "./snippets.repo.ts";

type Ctx = Pick<AppContext, "db">;

function present(actor: Actor, rights: TeamRights, r: SnippetRow): Snippet {
  return {
    id: r.id,
    title: r.title,
    body: r.body,
    teamId: r.team_id,
    teamName: r.team_name,
    canEdit: canWrite(actor, rights, r),
    placeholders: placeholdersIn(r.body),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** The caller's own snippets and those of their teams (admins: every team's), searched by title or body. */
export async function listSnippets(ctx: Ctx, actor: Actor, q?: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const rights = await teamRightsOf(scope, actor);
  const rows = await findSnippets(
    scope,
    { membershipId: actor.membershipId, teamIds: [...rights.memberOf], allTeams: isAdmin(actor) },
    q || undefined,
  );
  return { items: rows.map((r) => present(actor, rights, r)) };
}

/** A snippet the caller may read, or 404. */
export async function readableSnippet(scope: TenantScope, actor: Actor, id: string) {
  const [row, rights] = await Promise.all([findSnippet(scope, id), teamRightsOf(scope, actor)]);
  if (!row || !canRead(actor, rights, row)) throw snippetNotFound();
  return { row, rights };
}

export async function createSnippet(
  ctx: Ctx,
  actor: Actor,
  input: { title: string; body: string; teamId?: string | undefined },
) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const rights = await teamRightsOf(scope, actor);
    if (input.teamId) {
      const team = await scope
        .selectFrom("teams")
        .select("id")
        .where("id", "=", input.teamId)
        .executeTakeFirst();
      if (!team) throw new AppError("validation_failed", "teamId is not a team of this workspace", "teamId");
      if (!isAdmin(actor) && !rights.leadOf.has(input.teamId))
        throw new AppError("forbidden", "Only the team's lead or an admin may add a team snippet");
    }
    const row = await scope
      .insertInto("snippets", {
        owner_id: input.teamId ? null : actor.membershipId,
        team_id: input.teamId ?? null,
        title: input.title,
        body: input.body,
        created_by: actor.membershipId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (input.teamId)
      await audit(scope, {
        actorUserId: actor.userId,
        action: "snippet.created",
        subjectType: "snippet",
        subjectId: row.id,
        data: { title: input.title, teamId: input.teamId },
      });
    const created = await findSnippet(scope, row.id);
    if (!created) throw snippetNotFound();
    return present(actor, rights, created);
  });
}

export async function updateSnippet(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { title?: string | undefined; body?: string | undefined },
) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const { row, rights } = await readableSnippet(scope, actor, id);
    assertCanWrite(actor, rights, row);
    await scope
      .updateTable("snippets")
      .set({
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.body !== undefined ? { body: input.body } : {}),
        updated_at: new Date(),
      })
      .where("id", "=", id)
      .execute();
    const updated = await findSnippet(scope, id);
    if (!updated) throw snippetNotFound();
    return present(actor, rights, updated);
  });
}

export async function deleteSnippet(ctx: Ctx, actor: Actor, id: string) {
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const { row, rights } = await readableSnippet(scope, actor, id);
    assertCanWrite(actor, rights, row);
    await scope.deleteFrom("snippets").where("id", "=", id).execute();
    if (row.team_id)
      await audit(scope, {
        actorUserId: actor.userId,
        action: "snippet.deleted",
        subjectType: "snippet",
        subjectId: id,
        data: { title: row.title, teamId: row.team_id },
      });
  });
}
