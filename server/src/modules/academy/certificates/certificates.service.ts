import type { Certificate, Verification } from "../../../../../contracts/academy-learning.ts";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { iso } from "../../../platform/http/route-kit.ts";
import { audit } from "../../audit/audit.ts";
import { urlForHost } from "../../workspaces/workspace-url.ts";
import { findWorkspaceForHost } from "../../workspaces/workspaces.repo.ts";
import { isStaffReader, ownLearnerId, readableLearnerId } from "../learning/learner.policy.ts";
import { certificatePdf } from "./certificate-pdf.ts";
import {
  certificatesOf,
  findByCode,
  findCertificate,
  lockCertificate,
  markRevoked,
} from "./certificates.repo.ts";

/**
 * Certificates as their holder and staff see them, the PDF, revoking, and the public lookup
 * by code. Issuing is issue.ts's, called when a course completes (on-course-completed.ts).
 */

type Row = NonNullable<Awaited<ReturnType<typeof findCertificate>>>;

/** Codes are printed in capitals in groups; people type them any old way. */
export function normaliseCode(code: string): string {
  return code.trim().toUpperCase().replace(/\s+/g, "");
}

async function baseUrl(ctx: AppContext, workspaceId: string): Promise<string> {
  const ws = await ctx.db
    .selectFrom("workspaces")
    .select(["host"])
    .where("id", "=", workspaceId)
    .executeTakeFirst();
  return urlForHost(ctx.config.publicUrl, ws?.host);
}

export const verifyPath = (code: string) => `/academy/verify/${encodeURIComponent(code)}`;

function present(row: Row, base: string): Certificate {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    learnerName: row.learner_name,
    courseId: row.course_id,
    pathId: row.path_id,
    issuedAt: iso(row.issued_at),
    revokedAt: iso(row.revoked_at),
    revokedReason: row.revoked_reason,
    verifyUrl: `${base}${verifyPath(row.code)}`,
    pdfUrl: `/api/v1/academy/certificates/${row.id}/pdf`,
  };
}

export async function listCertificates(ctx: AppContext, actor: Actor, customerId: string | undefined) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const learnerId = await readableLearnerId(scope, actor, customerId);
  const base = await baseUrl(ctx, actor.workspaceId);
  return (await certificatesOf(scope, learnerId)).map((r) => present(r, base));
}

/** The holder or staff; for anyone else the certificate does not exist. */
async function readableCertificate(scope: TenantScope, actor: Actor, id: string): Promise<Row> {
  const row = await findCertificate(scope, id);
  if (!row) throw new AppError("not_found", "Certificate was not found");
  if (isStaffReader(actor)) return row;
  const own = await ownLearnerId(scope, actor).catch(() => null);
  if (own !== row.customer_id) throw new AppError("not_found", "Certificate was not found");
  return row;
}

export async function certificateFile(ctx: AppContext, actor: Actor, id: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const row = await readableCertificate(scope, actor, id);
  const ws = await ctx.db
    .selectFrom("workspaces")
    .select(["name", "host"])
    .where("id", "=", actor.workspaceId)
    .executeTakeFirstOrThrow();
  const bytes = await certificatePdf({
    learnerName: row.learner_name,
    title: row.title,
    issuedAt: row.issued_at,
    code: row.code,
    verifyUrl: `${urlForHost(ctx.config.publicUrl, ws.host)}${verifyPath(row.code)}`,
    workspaceName: ws.name,
    revoked: row.revoked_at !== null,
  });
  return { bytes, fileName: `certificate-${row.code}.pdf` };
}

/** Revokes a certificate with a reason the verify page will show. Audited. */
export async function revokeCertificate(
  ctx: AppContext,
  actor: Actor,
  id: string,
  reasonInput: string | undefined,
  requestId: string,
): Promise<Certificate> {
  const reason = reasonInput?.trim() ?? "";
  if (reason === "") throw new AppError("unprocessable", "Say why the certificate is revoked", "reason");
  return ctx.db.transaction().execute(async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const row = await lockCertificate(scope, id);
    if (!row) throw new AppError("not_found", "Certificate was not found");
    if (row.revoked_at !== null) throw new AppError("conflict", "This certificate is already revoked", "id");
    await markRevoked(scope, id, reason, actor.membershipId);
    await audit(scope, {
      actorUserId: actor.userId,
      action: "academy.certificate_revoked",
      subjectType: "academy_certificate",
      subjectId: id,
      data: { code: row.code, reason, customerId: row.customer_id },
      requestId,
    });
    const after = (await findCertificate(scope, id)) as Row;
    return present(after, await baseUrl(ctx, actor.workspaceId));
  });
}

/**
 * Anyone may check a code, within the workspace whose host was asked: they learn the name and
 * title printed on the certificate and whether it still holds, nothing else about the customer.
 */
export async function verifyCode(
  ctx: AppContext,
  host: string | undefined,
  code: string,
): Promise<Verification> {
  const workspace = await findWorkspaceForHost(ctx.db, host);
  const normal = normaliseCode(code);
  const row =
    workspace && /^[A-Z0-9-]{12,40}$/.test(normal)
      ? await findByCode(new TenantScope(ctx.db, workspace.id), normal)
      : undefined;
  if (!workspace || !row) throw new AppError("not_found", "No certificate has this code", "code");
  return {
    status: row.revoked_at ? "revoked" : "valid",
    code: row.code,
    learnerName: row.learner_name,
    title: row.title,
    issuedAt: iso(row.issued_at),
    revokedAt: iso(row.revoked_at),
    revokedReason: row.revoked_reason,
    workspaceName: workspace.name,
  };
}
