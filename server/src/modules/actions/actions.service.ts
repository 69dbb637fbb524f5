import { randomBytes } from "node:crypto";
import type { ActionField, ActionInput, ActionPatch } from "../../../../contracts/actions.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { iso } from "../../platform/http/route-kit.ts";
import { seal } from "../../platform/sealed.ts";
import { placeholderValues } from "../agents/placeholders.ts";
import { audit } from "../audit/audit.ts";
import { assertCanSeeCase } from "../cases/cases.policy.ts";
import { findCase } from "../cases/cases.repo.ts";
import { internalDestination } from "../webhooks/destination.ts";
import { assertCanRunAction, canRunAction } from "./actions.policy.ts";
import {
  type ActionRow,
  deleteAction,
  findAction,
  insertAction,
  listActionRows,
  updateAction,
} from "./actions.repo.ts";
import { formFields } from "./input.ts";
import { ACTION_SECRET_PURPOSE } from "./send.ts";

/** Action definitions (admins, `actions.manage`) and the form an agent fills on a case. */
type Ctx = Pick<AppContext, "db" | "secret" | "config">;

export const actionNotFound = () => new AppError("not_found", "Action was not found");

export function presentAction(a: ActionRow, actor: Actor) {
  return {
    id: a.id,
    name: a.name,
    icon: a.icon,
    url: a.url,
    fields: a.fields as Array<Record<string, unknown>>,
    roles: a.roles,
    approvalAbove:
      a.approval_field === null ? null : { field: a.approval_field, amount: Number(a.approval_amount) },
    secretPreview: a.secret_preview,
    canRun: canRunAction(actor, a.roles),
    createdAt: iso(a.created_at),
  };
}

/** https only, and never into Rapport's own network, unless the operator allows it. */
async function checkTarget(ctx: Ctx, url: string) {
  if (ctx.config.webhookAllowPrivate) return;
  if (new URL(url).protocol !== "https:")
    throw new AppError("validation_failed", "The target must be an https:// URL", "url");
  const reason = await internalDestination(url);
  if (reason)
    throw new AppError(
      "validation_failed",
      `Actions may not point into Rapport's own network (${reason}); set WEBHOOK_ALLOW_PRIVATE=true to allow it`,
      "url",
    );
}

/** `approvalAbove` as stored: a bare number means the first number field. */
function approvalColumns(fields: ActionField[], above: ActionInput["approvalAbove"]) {
  if (above === undefined || above === null) return { approval_field: null, approval_amount: null };
  const field = typeof above === "number" ? fields.find((f) => f.type === "number")?.key : above.field;
  const amount = typeof above === "number" ? above : above.amount;
  const target = fields.find((f) => f.key === field);
  if (!field || target?.type !== "number")
    throw new AppError(
      "validation_failed",
      "The approval limit needs a number field to compare",
      "approvalAbove",
    );
  return { approval_field: field, approval_amount: amount };
}

export async function createAction(ctx: Ctx, actor: Actor, input: ActionInput) {
  await checkTarget(ctx, input.url);
  const secret = `acsec_${randomBytes(24).toString("base64url")}`;
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const row = await insertAction(scope, {
      name: input.name,
      icon: input.icon ?? null,
      url: input.url,
      fields: JSON.stringify(input.fields),
      roles: input.roles ?? ["agent"],
      ...approvalColumns(input.fields, input.approvalAbove),
      secret_sealed: seal(ctx.secret, ACTION_SECRET_PURPOSE, secret),
      secret_preview: `…${secret.slice(-4)}`,
      created_by: actor.userId,
    });
    await audit(scope, {
      actorUserId: actor.userId,
      action: "action.created",
      subjectType: "action",
      subjectId: row.id,
      data: { name: row.name, url: row.url },
    });
    return { ...presentAction(row, actor), secret };
  });
}

export async function patchAction(ctx: Ctx, actor: Actor, id: string, patch: ActionPatch) {
  if (patch.url !== undefined) await checkTarget(ctx, patch.url);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const current = await findAction(scope, id);
    if (!current) throw actionNotFound();
    const fields = patch.fields ?? (current.fields as ActionField[]);
    const above =
      patch.approvalAbove !== undefined
        ? patch.approvalAbove
        : current.approval_field === null
          ? null
          : { field: current.approval_field, amount: Number(current.approval_amount) };
    const row = await updateAction(scope, id, {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.icon !== undefined && { icon: patch.icon }),
      ...(patch.url !== undefined && { url: patch.url }),
      ...(patch.fields !== undefined && { fields: JSON.stringify(patch.fields) }),
      ...(patch.roles !== undefined && { roles: patch.roles }),
      ...approvalColumns(fields, above),
    });
    if (!row) throw actionNotFound();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "action.updated",
      subjectType: "action",
      subjectId: id,
      data: { changed: Object.keys(patch) },
    });
    return presentAction(row, actor);
  });
}

export async function removeAction(ctx: Ctx, actor: Actor, id: string) {
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    if (!(await deleteAction(scope, id))) throw actionNotFound();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "action.deleted",
      subjectType: "action",
      subjectId: id,
    });
  });
}

/** Staff see the actions they may run; admins (who manage them) see all. */
export async function listActions(ctx: Ctx, actor: Actor) {
  const rows = await listActionRows(new TenantScope(ctx.db, actor.workspaceId));
  const manage = actor.permissions.includes("actions.manage");
  return {
    items: rows.filter((a) => manage || canRunAction(actor, a.roles)).map((a) => presentAction(a, actor)),
  };
}

/** The action's fields with defaults filled from this case and its customer's facts. */
export async function actionForm(ctx: Ctx, actor: Actor, caseId: string, actionId: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const c = await findCase(scope, caseId);
  await assertCanSeeCase(scope, actor, c?.customerId);
  const action = await findAction(scope, actionId);
  if (!action) throw actionNotFound();
  assertCanRunAction(actor, action.roles);
  const values = await placeholderValues(scope, caseId, { name: actor.name });
  return { action: presentAction(action, actor), fields: formFields(action.fields as ActionField[], values) };
}
