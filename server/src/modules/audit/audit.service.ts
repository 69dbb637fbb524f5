import { Readable } from "node:stream";
import type { AuditEntryView, AuditExportQuery, AuditQuery } from "../../../../contracts/audit.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { readDb } from "../../platform/db/replica.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";
import { csvCell } from "../reports/csv.ts";
import { type AuditRow, listAuditEntries, streamAuditEntries } from "./audit.repo.ts";
import { audit } from "./audit.ts";
import { type ChainReport, verifyChain } from "./verify.ts";

type Ctx = Pick<AppContext, "db">;

export function presentEntry(r: AuditRow): AuditEntryView {
  return {
    id: r.id,
    seq: r.seq,
    at: r.at,
    actor: r.actor_user_id ? { id: r.actor_user_id, name: r.actor_name, email: r.actor_email } : null,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    subjectEmail: r.subject_email,
    data: r.data,
    requestId: r.request_id,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** The cursor is the last entry's chain number: entries are listed by it, newest first. */
function decodeSeqCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  if (!/^s\d{1,15}$/.test(cursor))
    throw new AppError("validation_failed", "cursor is not a cursor this API returned", "cursor");
  return Number(cursor.slice(1));
}

export async function searchAuditLog(ctx: Ctx, actor: Actor, query: AuditQuery) {
  const { cursor, limit, ...filters } = query;
  const rows = await listAuditEntries(new TenantScope(ctx.db, actor.workspaceId), filters, {
    beforeSeq: decodeSeqCursor(cursor),
    take: limit + 1,
  });
  const items = rows.slice(0, limit).map(presentEntry);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? `s${last.seq}` : null };
}

const CSV_HEADER = [
  "seq",
  "at",
  "actor_id",
  "actor_email",
  "action",
  "subject_type",
  "subject_id",
  "subject_email",
  "data",
  "request_id",
  "hash",
];

function csvLine(e: AuditEntryView): string {
  const cells = [
    e.seq,
    e.at,
    e.actor?.id ?? null,
    e.actor?.email ?? null,
    e.action,
    e.subjectType,
    e.subjectId,
    e.subjectEmail,
    JSON.stringify(e.data),
    e.requestId,
    e.hash,
  ];
  return `${cells.map((c) => csvCell(c)).join(",")}\r\n`;
}

/**
 * The export, streamed as it is read. Exporting the log is itself recorded (with the filters),
 * before the first line leaves: someone taking a copy of who-did-what is an act worth knowing.
 */
export async function exportAuditLog(
  ctx: Ctx,
  actor: Actor,
  query: AuditExportQuery,
  requestId: string,
): Promise<Readable> {
  const { format, ...filters } = query;
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  await audit(scope, {
    actorUserId: actor.userId,
    action: "audit.exported",
    data: { format, filters },
    requestId,
  });
  async function* lines() {
    if (format === "csv") yield `${CSV_HEADER.join(",")}\r\n`;
    // The entries themselves are lag-tolerant: read from the replica while it keeps up.
    const reader = new TenantScope(readDb(ctx), actor.workspaceId);
    for await (const row of streamAuditEntries(reader, filters)) {
      const e = presentEntry(row);
      yield format === "csv" ? csvLine(e) : `${JSON.stringify(e)}\n`;
    }
  }
  return Readable.from(lines());
}

export async function verifyAuditLog(ctx: Ctx, actor: Actor): Promise<ChainReport> {
  return verifyChain(ctx.db, actor.workspaceId);
}
