import { createHash, randomBytes } from "node:crypto";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { iso } from "../../platform/http/route-kit.ts";
import { seal } from "../../platform/sealed.ts";
import { audit } from "../audit/audit.ts";
import { internalDestination } from "../webhooks/destination.ts";
import { workspaceUrl } from "../workspaces/workspace-url.ts";
import {
  type ChannelRow,
  deleteChannel,
  findChannel,
  insertChannel,
  listChannels,
  updateChannel,
} from "./channels.repo.ts";

type Ctx = Pick<AppContext, "db" | "secret" | "config">;
type Settings = Record<string, string | number | boolean>;

export const SECRET_PURPOSE = "channel-secret";
/** An SMS gateway's API key is a credential: sealed at rest and never returned. */
export const API_KEY_PURPOSE = "channel-api-key";
const TOKEN_PREFIX = "rch_";

export function hashChannelToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A channel's inbound token: 32 random bytes, recognisable by its prefix; only the hash is kept. */
function newCredentials(ctx: Ctx) {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const signingSecret = `chsec_${randomBytes(24).toString("base64url")}`;
  return {
    token,
    signingSecret,
    tokenHash: hashChannelToken(token),
    secretSealed: seal(ctx.secret, SECRET_PURPOSE, signingSecret),
  };
}

/** The URL to give the adapter: the generic endpoint, or the SMS gateway's webhook shape. */
function present(base: string, c: ChannelRow) {
  const { apiKey, ...settings } = c.settings as Settings;
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    outboundUrl: c.outbound_url,
    enabled: c.enabled,
    settings: { ...settings, ...(apiKey ? { apiKeySet: true } : {}) },
    inboundUrl: `${base}/api/v1/channels/${c.id}/${c.kind === "sms" ? "sms" : "messages"}`,
    createdAt: iso(c.created_at),
  };
}

async function checkOutboundUrl(ctx: Ctx, url: string | null | undefined) {
  if (!url || ctx.config.webhookAllowPrivate) return;
  // Replies carry customers' conversations: https only, except where the operator allows
  // private destinations (a test or on-premise adapter on plain http).
  if (new URL(url).protocol !== "https:")
    throw new AppError("validation_failed", "outboundUrl: must be an https URL", "outboundUrl");
  const reason = await internalDestination(url);
  if (reason)
    throw new AppError(
      "validation_failed",
      `Channels may not deliver into Rapport's own network (${reason}); set WEBHOOK_ALLOW_PRIVATE=true to allow it`,
      "outboundUrl",
    );
}

/** Settings as stored: an API key given in plain text is sealed; "" removes it; absent keeps it. */
function storedSettings(ctx: Ctx, given: Settings, previous: Record<string, unknown> = {}) {
  const { apiKey, apiKeySet: _shown, ...rest } = given;
  const out: Record<string, unknown> = { ...rest };
  if (typeof apiKey === "string" && apiKey !== "") out.apiKey = seal(ctx.secret, API_KEY_PURPOSE, apiKey);
  else if (apiKey === undefined && previous.apiKey) out.apiKey = previous.apiKey;
  return out;
}

export async function createChannel(
  ctx: Ctx,
  actor: Actor,
  input: {
    name: string;
    kind: "messaging" | "sms";
    outboundUrl?: string | undefined;
    settings?: Settings | undefined;
  },
) {
  await checkOutboundUrl(ctx, input.outboundUrl);
  const base = await workspaceUrl(ctx, actor.workspaceId);
  const creds = newCredentials(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const row = await insertChannel(scope, {
      name: input.name,
      kind: input.kind,
      tokenHash: creds.tokenHash,
      outboundUrl: input.outboundUrl ?? null,
      secretSealed: creds.secretSealed,
      settings: storedSettings(ctx, input.settings ?? {}),
    });
    await audit(scope, {
      actorUserId: actor.userId,
      action: "channel.created",
      subjectType: "channel",
      subjectId: row.id,
      data: { name: row.name, kind: row.kind, outboundUrl: row.outbound_url },
    });
    return { ...present(base, row), token: creds.token, signingSecret: creds.signingSecret };
  });
}

export async function listChannelsFor(ctx: Ctx, actor: Actor) {
  const base = await workspaceUrl(ctx, actor.workspaceId);
  const rows = await listChannels(new TenantScope(ctx.db, actor.workspaceId));
  return { items: rows.map((r) => present(base, r)) };
}

const notFound = () => new AppError("not_found", "Channel was not found");

export async function getChannel(ctx: Ctx, actor: Actor, id: string) {
  const row = await findChannel(new TenantScope(ctx.db, actor.workspaceId), id);
  if (!row) throw notFound();
  return present(await workspaceUrl(ctx, actor.workspaceId), row);
}

export async function changeChannel(
  ctx: Ctx,
  actor: Actor,
  id: string,
  patch: { name?: string; outboundUrl?: string | null; enabled?: boolean; settings?: Settings },
) {
  await checkOutboundUrl(ctx, patch.outboundUrl);
  const base = await workspaceUrl(ctx, actor.workspaceId);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const current = await findChannel(scope, id, { lock: true });
    if (!current) throw notFound();
    const row = await updateChannel(scope, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.outboundUrl !== undefined ? { outbound_url: patch.outboundUrl } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
      ...(patch.settings !== undefined
        ? { settings: JSON.stringify(storedSettings(ctx, patch.settings, current.settings)) }
        : {}),
    });
    await audit(scope, {
      actorUserId: actor.userId,
      action: "channel.updated",
      subjectType: "channel",
      subjectId: id,
      data: { fields: Object.keys(patch) },
    });
    return present(base, row as ChannelRow);
  });
}

/** New token and signing secret; the old token stops working at once. */
export async function rotateChannel(ctx: Ctx, actor: Actor, id: string) {
  const base = await workspaceUrl(ctx, actor.workspaceId);
  const creds = newCredentials(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const row = await updateChannel(scope, id, {
      token_hash: creds.tokenHash,
      signing_secret: creds.secretSealed,
    });
    if (!row) throw notFound();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "channel.rotated",
      subjectType: "channel",
      subjectId: id,
    });
    return { ...present(base, row), token: creds.token, signingSecret: creds.signingSecret };
  });
}

/** Removes the channel; its cases and their messages stay (threads and deliveries go). */
export async function removeChannel(ctx: Ctx, actor: Actor, id: string) {
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    if (!(await deleteChannel(scope, id))) throw notFound();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "channel.deleted",
      subjectType: "channel",
      subjectId: id,
    });
  });
}
