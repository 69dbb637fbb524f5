import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { AuditStreamInput, AuditStreamView } from "../../../../contracts/audit.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { forWorkspace } from "../../platform/jobs/fenced-jobs.ts";
import { pinnedFetch, RefusedDestination } from "../../platform/outbound/pinned-fetch.ts";
import { seal, unseal } from "../../platform/sealed.ts";
import { internalDestination } from "../webhooks/destination.ts";
import { signWebhook } from "../webhooks/sign.ts";
import { audit } from "./audit.ts";

/**
 * The audit log streamed to the company's SIEM or log collector (issue #23): every record, in
 * chain order, as JSON Lines in signed HTTPS POSTs (the webhook signature, so one verifier
 * serves both). Each line carries the record's chain number and hashes, so the receiver can
 * check the chain itself: a copy held elsewhere is what catches someone who rewrites the whole
 * tail of the log and its chain head in this database.
 *
 * A cursor per workspace (`delivered_seq`) moves only when the endpoint answered 2xx, so a
 * failing endpoint gets the same records again at the next minute's sweep, and nothing is
 * skipped. Delivery is at least once: a receiver de-duplicates by `seq`.
 */
type Ctx = Pick<AppContext, "db" | "secret" | "config" | "log">;

const PURPOSE = "audit-stream";
const BATCH = 500;
/** Per sweep and workspace: a long backlog drains over several minutes, never in one go. */
const MAX_BATCHES = 20;
const TIMEOUT_MS = 10_000;

type StreamRow = {
  url: string;
  secret_sealed: string;
  enabled: boolean;
  delivered_seq: number | string;
  last_attempt_at: Date | null;
  last_error: string | null;
};

async function headSeq(scope: TenantScope): Promise<number> {
  const head = await scope.selectFrom("audit_chain_heads").select("last_seq").executeTakeFirst();
  return Number(head?.last_seq ?? 0);
}

async function present(scope: TenantScope, row: StreamRow, secret?: string): Promise<AuditStreamView> {
  return {
    url: row.url,
    enabled: row.enabled,
    deliveredSeq: Number(row.delivered_seq),
    headSeq: await headSeq(scope),
    lastAttemptAt: row.last_attempt_at ? new Date(row.last_attempt_at).toISOString() : null,
    lastError: row.last_error,
    ...(secret ? { secret } : {}),
  };
}

const findStream = (scope: TenantScope) =>
  scope
    .selectFrom("audit_streams")
    .select(["url", "secret_sealed", "enabled", "delivered_seq", "last_attempt_at", "last_error"])
    .executeTakeFirst();

export async function getAuditStream(ctx: Ctx, actor: Actor): Promise<AuditStreamView> {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const row = await findStream(scope);
  if (!row) throw new AppError("not_found", "No audit stream is set up");
  return present(scope, row);
}

export async function saveAuditStream(
  ctx: Ctx,
  actor: Actor,
  input: AuditStreamInput,
  requestId?: string,
): Promise<AuditStreamView> {
  if (!ctx.config.webhookAllowPrivate) {
    const reason = await internalDestination(input.url);
    if (reason)
      throw new AppError(
        "validation_failed",
        `The audit stream may not point into Rapport's own network (${reason}); set WEBHOOK_ALLOW_PRIVATE=true to allow it`,
        "url",
      );
  }
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const existing = await findStream(scope);
    const secret =
      !existing || input.newSecret ? `audsec_${randomBytes(24).toString("base64url")}` : undefined;
    const sealed = secret ? seal(ctx.secret, PURPOSE, secret) : undefined;
    if (!existing) {
      // Without history the stream starts after the newest record (its own creation comes next).
      const from = input.includeHistory ? 0 : await headSeq(scope);
      await scope
        .insertInto("audit_streams", {
          url: input.url,
          secret_sealed: sealed as string,
          enabled: input.enabled,
          delivered_seq: from,
        })
        .execute();
    } else {
      await scope
        .updateTable("audit_streams")
        .set({
          url: input.url,
          enabled: input.enabled,
          ...(sealed ? { secret_sealed: sealed } : {}),
          last_error: null,
          updated_at: sql`now()`,
        })
        .execute();
    }
    await audit(scope, {
      actorUserId: actor.userId,
      action: existing ? "audit_stream.updated" : "audit_stream.created",
      subjectType: "audit_stream",
      data: { url: input.url, enabled: input.enabled, newSecret: Boolean(secret) },
      ...(requestId ? { requestId } : {}),
    });
    return present(scope, (await findStream(scope)) as StreamRow, secret);
  });
}

export async function removeAuditStream(ctx: Ctx, actor: Actor, requestId?: string): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const gone = await scope.deleteFrom("audit_streams").returning("url").executeTakeFirst();
    if (!gone) throw new AppError("not_found", "No audit stream is set up");
    await audit(scope, {
      actorUserId: actor.userId,
      action: "audit_stream.removed",
      subjectType: "audit_stream",
      data: { url: gone.url },
      ...(requestId ? { requestId } : {}),
    });
  });
}

type Line = {
  workspaceId: string;
  id: number;
  seq: number;
  at: string;
  actorUserId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  data: unknown;
  requestId: string | null;
  prevHash: string;
  hash: string;
};

async function recordsAfter(scope: TenantScope, seq: number): Promise<Line[]> {
  const { rows } = await sql<Line>`
    select workspace_id as "workspaceId", id, seq,
           to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at,
           actor_user_id as "actorUserId", action, subject_type as "subjectType", subject_id as "subjectId",
           data, request_id as "requestId", prev_hash as "prevHash", hash
      from audit_log
     where workspace_id = ${scope.workspaceId} and seq > ${seq}
     order by seq limit ${BATCH}`.execute(scope.db);
  // bigint columns arrive as strings; chain numbers stay far below 2^53.
  return rows.map((r) => ({ ...r, id: Number(r.id), seq: Number(r.seq) }));
}

/** Sends what the workspace's endpoint has not accepted yet; returns how many records it took. */
export async function deliverAuditStream(ctx: Ctx, workspaceId: string): Promise<number> {
  const scope = new TenantScope(ctx.db, workspaceId);
  let delivered = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const stream = await findStream(scope);
    if (!stream?.enabled) break;
    const from = Number(stream.delivered_seq);
    const lines = await recordsAfter(scope, from);
    if (lines.length === 0) break;
    const last = (lines.at(-1) as Line).seq;
    const body = `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`;
    const timestamp = String(Math.floor(Date.now() / 1000));
    let error: string | null = null;
    try {
      const res = await pinnedFetch(
        stream.url,
        {
          method: "POST",
          signal: AbortSignal.timeout(TIMEOUT_MS),
          headers: {
            "content-type": "application/x-ndjson",
            "user-agent": "Rapport-Audit-Stream/1",
            "x-rapport-event": "audit.records",
            "x-rapport-first-seq": String(lines[0]?.seq),
            "x-rapport-last-seq": String(last),
            "x-rapport-timestamp": timestamp,
            "x-rapport-signature": signWebhook(
              unseal(ctx.secret, PURPOSE, stream.secret_sealed),
              timestamp,
              body,
            ),
          },
          body,
        },
        { allowPrivate: ctx.config.webhookAllowPrivate },
      );
      await res.body?.cancel();
      if (!res.ok) error = `HTTP ${res.status}`;
    } catch (err) {
      error =
        err instanceof RefusedDestination
          ? `refused: ${err.message}`
          : err instanceof Error
            ? `${err.message}${(err.cause as { code?: string } | undefined)?.code ? ` (${(err.cause as { code: string }).code})` : ""}`
            : "request failed";
    }
    // The cursor moves only from where this attempt started, so a second sender that got there
    // first is never moved backwards.
    const moved = await scope
      .updateTable("audit_streams")
      .set({
        last_attempt_at: sql`now()`,
        last_error: error?.slice(0, 500) ?? null,
        ...(error ? {} : { delivered_seq: last }),
      })
      .where("delivered_seq", "=", from)
      .executeTakeFirst();
    if (error) {
      ctx.log.warn({ workspaceId, error }, "audit stream delivery failed; retried at the next sweep");
      break;
    }
    if (Number(moved.numUpdatedRows) === 0) break;
    delivered += lines.length;
  }
  return delivered;
}

/** The minute's sweep: every workspace with an enabled stream (one read across workspaces). */
export async function deliverAuditStreams(ctx: Ctx): Promise<void> {
  const { rows } = await sql<{ workspace_id: string }>`
    select workspace_id from audit_streams where enabled`.execute(ctx.db);
  for (const r of rows) await forWorkspace(r.workspace_id, () => deliverAuditStream(ctx, r.workspace_id));
}
