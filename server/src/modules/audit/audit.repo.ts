import { sql } from "kysely";
import type { AuditExportQuery, AuditQuery } from "../../../../contracts/audit.ts";
import { isoTime } from "../../platform/db/cursor.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";

/** Reading the audit log: the filters of Settings → Audit log, newest first by chain number. */
type Filters = Omit<AuditQuery, "cursor" | "limit"> | Omit<AuditExportQuery, "format">;

export type AuditRow = {
  id: number;
  seq: number;
  at: string;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_email: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  data: Record<string, unknown>;
  request_id: string | null;
  subject_email: string | null;
  prev_hash: string;
  hash: string;
};

function filtered(scope: TenantScope, f: Filters) {
  // A user subject is shown (and found) by the login's address while the login exists: the log
  // itself keeps only the id (sign-ins.ts), so an erased person's address leaves no trace here.
  let q = scope
    .selectFrom("audit_log")
    .leftJoin("auth.user as su", (j) =>
      j.onRef("su.id", "=", "audit_log.subject_id").on("audit_log.subject_type", "=", "user"),
    );
  if (f.action) {
    // "conduct." asks for the family; anything else is the exact action.
    q = f.action.endsWith(".")
      ? q.where(sql<boolean>`starts_with(audit_log.action, ${f.action})`)
      : q.where("audit_log.action", "=", f.action);
  }
  if (f.actor) q = q.where("audit_log.actor_user_id", "=", f.actor);
  if (f.subject) q = q.where("audit_log.subject_id", "=", f.subject);
  if (f.from) q = q.where("audit_log.created_at", ">=", new Date(f.from));
  if (f.to) q = q.where("audit_log.created_at", "<", new Date(f.to));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(
      sql<boolean>`(audit_log.action ilike ${like} or audit_log.subject_id ilike ${like} or audit_log.data::text ilike ${like} or su.email ilike ${like})`,
    );
  }
  return q
    .leftJoin("auth.user as u", "u.id", "audit_log.actor_user_id")
    .select([
      "audit_log.id",
      "audit_log.seq",
      isoTime("audit_log.created_at").as("at"),
      "audit_log.actor_user_id",
      "u.name as actor_name",
      "u.email as actor_email",
      "audit_log.action",
      "audit_log.subject_type",
      "audit_log.subject_id",
      "audit_log.data",
      "audit_log.request_id",
      "su.email as subject_email",
      "audit_log.prev_hash",
      "audit_log.hash",
    ])
    .orderBy("audit_log.seq", "desc");
}

/** Up to `take` entries with a chain number below `beforeSeq`, newest first. */
export async function listAuditEntries(
  scope: TenantScope,
  f: Filters,
  page: { beforeSeq?: number | undefined; take: number },
): Promise<AuditRow[]> {
  let q = filtered(scope, f);
  if (page.beforeSeq !== undefined) q = q.where("audit_log.seq", "<", page.beforeSeq);
  return (await q.limit(page.take).execute()) as AuditRow[];
}

const EXPORT_PAGE = 1000;

/** The export reads in pages of chain numbers, so a long log streams instead of filling memory. */
export async function* streamAuditEntries(scope: TenantScope, f: Filters): AsyncGenerator<AuditRow> {
  let beforeSeq: number | undefined;
  for (;;) {
    const rows = await listAuditEntries(scope, f, { beforeSeq, take: EXPORT_PAGE });
    yield* rows;
    if (rows.length < EXPORT_PAGE) return;
    beforeSeq = rows[rows.length - 1]?.seq;
  }
}
