import type { CaseLink, CaseLinkInput } from "../../../../contracts/case-links.ts";
import type { CaseStatus } from "../../../../contracts/cases.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { publish } from "../../platform/realtime/publish.ts";
import { dropLinkRepeat, repeatOnLink } from "../repeats/link-repeat.ts";
import { appendEvent } from "../timeline/timeline.ts";
import { assertCanChangeLinks, assertCanReadLinks } from "./case-links.policy.ts";
import { deleteLink, findLinkCase, insertLink, type LinkCase, listLinks } from "./case-links.repo.ts";

type Ctx = Pick<AppContext, "db">;

const doer = (actor: Actor) => ({ userId: actor.userId, name: actor.name });

async function caseOrNotFound(scope: TenantScope, caseId: string) {
  const c = await findLinkCase(scope, { id: caseId });
  if (!c) throw new AppError("not_found", "Case was not found");
  return c;
}

/** The other case of a link request: another workspace's case is simply not found. */
async function otherCase(scope: TenantScope, input: CaseLinkInput) {
  const by = input.caseId !== undefined ? { id: input.caseId } : { number: input.caseNumber ?? 0 };
  const c = await findLinkCase(scope, by);
  if (!c)
    throw new AppError(
      "not_found",
      input.caseId !== undefined ? "Case was not found" : `There is no case #${input.caseNumber}`,
      input.caseId !== undefined ? "caseId" : "caseNumber",
    );
  return c;
}

/** Tells open case pages of both cases to refetch (the Related cases panel, the repeat badge). */
async function announce(scope: TenantScope, cases: LinkCase[]) {
  for (const c of cases)
    await publish(scope.db, {
      workspaceId: scope.workspaceId,
      audience: { kind: "staff" },
      event: { type: "case.updated", caseId: c.id, customerId: c.customerId },
    });
}

function present(r: Awaited<ReturnType<typeof listLinks>>[number]): CaseLink {
  return {
    caseId: r.case_id,
    number: Number(r.number),
    subject: r.subject,
    status: r.status as CaseStatus,
    customerId: r.customer_id,
    customerName: r.customer_name,
    linkedAt: r.linked_at.toISOString(),
    linkedBy: r.linked_by,
  };
}

export async function listCaseLinks(ctx: Ctx, actor: Actor, caseId: string) {
  assertCanReadLinks(actor);
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  await caseOrNotFound(scope, caseId);
  return { items: (await listLinks(scope, caseId)).map(present) };
}

/**
 * Links two cases of the workspace (undirected; 409 for a self-link, a merged-away case or a
 * pair already linked), notes it on both timelines and, when it makes the newer case a repeat
 * contact of the older (same customer, within the window), records that at once. One
 * transaction: the link, its notes and the repeat commit together.
 */
export async function linkCases(ctx: Ctx, actor: Actor, caseId: string, input: CaseLinkInput) {
  assertCanChangeLinks(actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const me = await caseOrNotFound(scope, caseId);
    const other = await otherCase(scope, input);
    const field = input.caseId !== undefined ? "caseId" : "caseNumber";
    if (other.id === me.id) throw new AppError("conflict", "A case cannot be linked to itself", field);
    const merged = [me, other].find((c) => c.mergedInto);
    if (merged)
      throw new AppError("conflict", `Case #${merged.number} was merged into another; link that one`, field);
    if (!(await insertLink(scope, me.id, other.id, actor.membershipId)))
      throw new AppError("conflict", `Case #${other.number} is already linked to this case`, field);
    for (const [a, b] of [
      [me, other],
      [other, me],
    ] as const)
      await appendEvent(scope, {
        customerId: a.customerId,
        caseId: a.id,
        kind: "case.linked",
        doer: doer(actor),
        data: { otherCaseId: b.id, otherNumber: b.number },
      });
    await repeatOnLink(scope, me.id, other.id, new Date());
    await announce(scope, [me, other]);
    const item = (await listLinks(scope, me.id)).find((r) => r.case_id === other.id);
    if (!item) throw new Error("link not readable after insert");
    return present(item);
  });
}

/** Removes a link (404 when the two are not linked), noted on both timelines. */
export async function unlinkCases(ctx: Ctx, actor: Actor, caseId: string, otherId: string) {
  assertCanChangeLinks(actor);
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const me = await caseOrNotFound(scope, caseId);
    const other = await findLinkCase(scope, { id: otherId });
    if (!other || !(await deleteLink(scope, me.id, other.id)))
      throw new AppError("not_found", "These cases are not linked", "otherId");
    for (const [a, b] of [
      [me, other],
      [other, me],
    ] as const)
      await appendEvent(scope, {
        customerId: a.customerId,
        caseId: a.id,
        kind: "case.unlinked",
        doer: doer(actor),
        data: { otherCaseId: b.id, otherNumber: b.number },
      });
    await dropLinkRepeat(scope, me.id, other.id);
    await announce(scope, [me, other]);
  });
}
