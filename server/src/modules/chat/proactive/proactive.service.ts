import type { z } from "zod";
import type { proactiveInputSchema, proactivePatchSchema } from "../../../../../contracts/widget.ts";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { AppError, notFound } from "../../../platform/http/errors.ts";
import { audit } from "../../audit/audit.ts";
import { findIdentityOwner } from "../../customers/customers.repo.ts";
import type { VisitorRow } from "../visitors.repo.ts";
import { customerAffectedBy } from "./affected.ts";
import {
  deleteProactive,
  findProactive,
  insertProactive,
  listProactive,
  type ProactiveRow,
  present,
  updateProactive,
} from "./proactive.repo.ts";
import { matchesUrl, patternProblem } from "./url-pattern.ts";

type Ctx = Pick<AppContext, "db">;
type Input = z.infer<typeof proactiveInputSchema>;
type Patch = z.infer<typeof proactivePatchSchema>;

type Targeting = {
  trigger: "page" | "event";
  urlPattern: string | null;
  eventName: string | null;
  audience: "everyone" | "verified" | "affected";
  problemId: string | null;
};

/**
 * The rules across fields, on the message as it will be stored (a patch merged onto the row):
 * a page message needs a valid pattern, an event message an event name, an 'affected' audience
 * a problem of this workspace. The field a trigger does not use is cleared, so a message never
 * carries a stale pattern that looks active.
 */
async function settle(scope: TenantScope, t: Targeting) {
  const unprocessable = (field: string, message: string) => new AppError("unprocessable", message, field);
  if (t.trigger === "page") {
    if (!t.urlPattern) throw unprocessable("urlPattern", "urlPattern is needed for a message shown on pages");
    const problem = patternProblem(t.urlPattern);
    if (problem) throw unprocessable("urlPattern", `urlPattern ${problem}`);
  } else if (!t.eventName) {
    throw unprocessable("eventName", "eventName is needed for a message shown on an event");
  }
  if (t.audience === "affected") {
    if (!t.problemId) throw unprocessable("problemId", "problemId is needed to reach affected customers");
    const problem = await scope
      .selectFrom("problems")
      .select("id")
      .where("id", "=", t.problemId)
      .executeTakeFirst();
    if (!problem) throw unprocessable("problemId", "problemId is not a problem of this workspace");
  }
  return {
    trigger: t.trigger,
    url_pattern: t.trigger === "page" ? t.urlPattern : null,
    event_name: t.trigger === "event" ? t.eventName : null,
    audience: t.audience,
    problem_id: t.audience === "affected" ? t.problemId : null,
  };
}

export async function listProactiveMessages(ctx: Ctx, actor: Actor) {
  const rows = await listProactive(new TenantScope(ctx.db, actor.workspaceId));
  return { items: rows.map(present) };
}

export async function createProactiveMessage(ctx: Ctx, actor: Actor, input: Input) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const targeting = await settle(scope, {
      trigger: input.trigger,
      urlPattern: input.urlPattern ?? null,
      eventName: input.eventName ?? null,
      audience: input.audience,
      problemId: input.problemId ?? null,
    });
    const row = await insertProactive(scope, {
      name: input.name,
      body: input.body,
      delay_seconds: input.delaySeconds,
      enabled: input.enabled,
      ...targeting,
    });
    await audit(scope, {
      actorUserId: actor.userId,
      action: "chat_proactive.created",
      subjectType: "chat_proactive_message",
      subjectId: row.id,
      data: { name: row.name },
    });
    return present(row);
  });
}

export async function patchProactiveMessage(ctx: Ctx, actor: Actor, id: string, patch: Patch) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const current = await findProactive(scope, id);
    if (!current) throw notFound("Proactive message");
    const targeting = await settle(scope, {
      trigger: patch.trigger ?? current.trigger,
      urlPattern: patch.urlPattern !== undefined ? patch.urlPattern : current.url_pattern,
      eventName: patch.eventName !== undefined ? patch.eventName : current.event_name,
      audience: patch.audience ?? current.audience,
      problemId: patch.problemId !== undefined ? patch.problemId : current.problem_id,
    });
    const row = (await updateProactive(scope, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.body !== undefined ? { body: patch.body } : {}),
      ...(patch.delaySeconds !== undefined ? { delay_seconds: patch.delaySeconds } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
      ...targeting,
    })) as ProactiveRow;
    await audit(scope, {
      actorUserId: actor.userId,
      action: "chat_proactive.updated",
      subjectType: "chat_proactive_message",
      subjectId: id,
      data: { changed: Object.keys(patch) },
    });
    return present(row);
  });
}

export async function removeProactiveMessage(ctx: Ctx, actor: Actor, id: string) {
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const current = await findProactive(scope, id);
    if (!current || !(await deleteProactive(scope, id))) throw notFound("Proactive message");
    await audit(scope, {
      actorUserId: actor.userId,
      action: "chat_proactive.deleted",
      subjectType: "chat_proactive_message",
      subjectId: id,
      data: { name: current.name },
    });
  });
}

/**
 * The customer a visitor is known to be, read only: the one their chat belongs to, else, for a
 * verified identity, the owner of the host's user id or of the signed email (the way a chat
 * would find them, chat/customer-match.ts, without creating anyone). Unverified: nobody.
 */
async function knownCustomerOf(scope: TenantScope, visitor: VisitorRow): Promise<string | null> {
  if (!visitor.verified_user_id) return null;
  if (visitor.customer_id) return visitor.customer_id;
  const byUser = await findIdentityOwner(scope, "external", visitor.verified_user_id);
  if (byUser) return byUser.customerId;
  if (!visitor.email_verified || !visitor.email) return null;
  return (await findIdentityOwner(scope, "email", visitor.email.toLowerCase()))?.customerId ?? null;
}

/**
 * The enabled messages this visitor may be shown: 'verified' ones only to a verified identity,
 * 'affected' ones only to a verified identity whose customer owns a device the problem affects.
 * With `url`, page messages are those whose pattern matches it (event messages always come).
 */
export async function proactiveForVisitor(ctx: Ctx, visitor: VisitorRow, url?: string) {
  const scope = new TenantScope(ctx.db, visitor.workspace_id);
  const verified = visitor.verified_user_id !== null;
  const rows = await listProactive(scope, true);
  let customerId: string | null | undefined;
  const items = [];
  for (const r of rows) {
    if (r.trigger === "page" && url !== undefined && !matchesUrl(r.url_pattern ?? "", url)) continue;
    if (r.audience !== "everyone" && !verified) continue;
    if (r.audience === "affected") {
      customerId ??= await knownCustomerOf(scope, visitor);
      if (!customerId || !r.problem_id) continue;
      if (!(await customerAffectedBy(scope, customerId, r.problem_id))) continue;
    }
    items.push({
      id: r.id,
      body: r.body,
      trigger: r.trigger,
      urlPattern: r.url_pattern,
      delaySeconds: r.delay_seconds,
      eventName: r.event_name,
    });
  }
  return { items };
}
