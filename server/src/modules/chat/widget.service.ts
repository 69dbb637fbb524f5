import { randomBytes } from "node:crypto";
import type { ChatWidgetSettings, WidgetConfig } from "../../../../contracts/widget.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { type Executor, TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { seal, unseal } from "../../platform/sealed.ts";
import { audit } from "../audit/audit.ts";
import { checkTeam } from "../cases/assignment.ts";
import { workspaceUrl } from "../workspaces/workspace-url.ts";
import {
  findWidget,
  findWidgetByKey,
  insertWidgetIfMissing,
  updateWidget,
  type WidgetRow,
} from "./widget.repo.ts";

type Ctx = Pick<AppContext, "db" | "secret" | "config">;
export const IDENTITY_PURPOSE = "chat-identity";

const newPublicKey = () => `pk_${randomBytes(18).toString("base64url")}`;
const newIdentitySecret = () => `whsec_${randomBytes(32).toString("base64url")}`;

/**
 * The workspace's widget row, created on first use with a random public key and a sealed
 * identity secret: a workspace that never opens the chat settings has no widget to leak.
 */
export async function ensureWidget(db: Executor, secret: string, workspaceId: string): Promise<WidgetRow> {
  const scope = new TenantScope(db, workspaceId);
  const found = await findWidget(scope);
  if (found) return found;
  await insertWidgetIfMissing(scope, {
    publicKey: newPublicKey(),
    sealedSecret: seal(secret, IDENTITY_PURPOSE, newIdentitySecret()),
  });
  return (await findWidget(scope)) as WidgetRow;
}

/** The plain identity secret host servers sign with (see identity.ts). */
export function identitySecretOf(ctx: Pick<AppContext, "secret">, widget: WidgetRow): string {
  return unseal(ctx.secret, IDENTITY_PURPOSE, widget.identity_secret);
}

async function presentSettings(ctx: Ctx, w: WidgetRow): Promise<ChatWidgetSettings> {
  const base = await workspaceUrl(ctx, w.workspace_id);
  return {
    publicKey: w.public_key,
    enabled: w.enabled,
    allowedOrigins: w.allowed_origins,
    prechatForm: w.prechat_form,
    greeting: w.greeting,
    accentColor: w.accent_color,
    teamId: w.team_id,
    businessCalendarId: w.business_calendar_id,
    missedAfterSeconds: w.missed_after_seconds,
    defaultChatCapacity: w.default_chat_capacity,
    embedSnippet: `<script src="${base}/widget.js" data-key="${w.public_key}" async></script>`,
  };
}

export async function getWidgetSettings(ctx: Ctx, actor: Actor) {
  return presentSettings(ctx, await ensureWidget(ctx.db, ctx.secret, actor.workspaceId));
}

export type WidgetPatch = Partial<{
  enabled: boolean;
  allowedOrigins: string[];
  prechatForm: boolean;
  greeting: string;
  accentColor: string;
  teamId: string | null;
  businessCalendarId: string | null;
  missedAfterSeconds: number;
  defaultChatCapacity: number;
}>;

export async function patchWidgetSettings(ctx: Ctx, actor: Actor, patch: WidgetPatch) {
  await ensureWidget(ctx.db, ctx.secret, actor.workspaceId);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    if (patch.teamId) await checkTeam(scope, patch.teamId);
    if (patch.businessCalendarId) {
      const calendar = await scope
        .selectFrom("business_calendars")
        .select("id")
        .where("id", "=", patch.businessCalendarId)
        .executeTakeFirst();
      if (!calendar) throw new AppError("not_found", "Business calendar was not found", "businessCalendarId");
    }
    await updateWidget(scope, {
      ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
      // Origins compare exactly with the browser's Origin header, which is lower case.
      ...(patch.allowedOrigins
        ? { allowed_origins: [...new Set(patch.allowedOrigins.map((o) => o.toLowerCase()))] }
        : {}),
      ...(patch.prechatForm !== undefined ? { prechat_form: patch.prechatForm } : {}),
      ...(patch.greeting !== undefined ? { greeting: patch.greeting } : {}),
      ...(patch.accentColor !== undefined ? { accent_color: patch.accentColor } : {}),
      ...(patch.teamId !== undefined ? { team_id: patch.teamId } : {}),
      ...(patch.businessCalendarId !== undefined ? { business_calendar_id: patch.businessCalendarId } : {}),
      ...(patch.missedAfterSeconds !== undefined ? { missed_after_seconds: patch.missedAfterSeconds } : {}),
      ...(patch.defaultChatCapacity !== undefined
        ? { default_chat_capacity: patch.defaultChatCapacity }
        : {}),
    });
    await audit(scope, {
      actorUserId: actor.userId,
      action: "chat.widget_updated",
      subjectType: "chat_widget",
      subjectId: actor.workspaceId,
      data: { fields: Object.keys(patch) },
    });
    return presentSettings(ctx, (await findWidget(scope)) as WidgetRow);
  });
}

/** A new identity secret: identities signed with the old one stop verifying at once. */
export async function rotateIdentitySecret(ctx: Ctx, actor: Actor) {
  await ensureWidget(ctx.db, ctx.secret, actor.workspaceId);
  const identitySecret = newIdentitySecret();
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    await updateWidget(scope, { identity_secret: seal(ctx.secret, IDENTITY_PURPOSE, identitySecret) });
    await audit(scope, { actorUserId: actor.userId, action: "chat.identity_secret_rotated" });
  });
  return { identitySecret };
}

/** Shows the current secret; who looked is written to the audit log, as a secret deserves. */
export async function revealIdentitySecret(ctx: Ctx, actor: Actor) {
  const widget = await ensureWidget(ctx.db, ctx.secret, actor.workspaceId);
  await audit(new TenantScope(ctx.db, actor.workspaceId), {
    actorUserId: actor.userId,
    action: "chat.identity_secret_revealed",
  });
  return { identitySecret: identitySecretOf(ctx, widget) };
}

/** The enabled widget a public key names, or 404 (unknown, or switched off by its admin). */
export async function widgetForKey(db: Executor, key: string): Promise<WidgetRow> {
  const widget = await findWidgetByKey(db, key);
  if (!widget?.enabled) throw new AppError("not_found", "No chat widget has this key", "key");
  return widget;
}

export async function publicConfig(db: Executor, widget: WidgetRow): Promise<WidgetConfig> {
  const ws = await db
    .selectFrom("workspaces")
    .select("name")
    .where("id", "=", widget.workspace_id)
    .executeTakeFirstOrThrow();
  return {
    workspaceName: ws.name,
    greeting: widget.greeting,
    accentColor: widget.accent_color,
    prechatForm: widget.prechat_form,
    logoUrl: null,
  };
}
