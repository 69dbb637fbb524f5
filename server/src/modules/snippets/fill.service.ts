import type { SnippetFill } from "../../../../contracts/snippets.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { fill, placeholderValues } from "../agents/placeholders.ts";
import { assertCanSeeCase } from "../cases/cases.policy.ts";
import { findCase } from "../cases/cases.repo.ts";
import { displayNameOf } from "../profiles/profiles.repo.ts";
import { readableSnippet } from "./snippets.service.ts";

type Ctx = Pick<AppContext, "db">;

/**
 * A snippet filled for one case. A placeholder without a value is never sent as an empty gap:
 * it stays in the text as written (`{{fact.address}}`) and is listed in `missing`, so the
 * composer can mark it for the agent to complete before sending.
 */
export async function fillSnippet(
  ctx: Ctx,
  actor: Actor,
  caseId: string,
  snippetId: string,
): Promise<SnippetFill> {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const c = await findCase(scope, caseId);
  await assertCanSeeCase(scope, actor, c?.customerId);
  const { row } = await readableSnippet(scope, actor, snippetId);
  const name = await displayNameOf(scope, actor.membershipId, actor.name);
  const values = await placeholderValues(scope, caseId, { name });
  return fill(row.body, values);
}
