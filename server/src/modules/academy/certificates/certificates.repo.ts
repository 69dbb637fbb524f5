import type { TenantScope } from "../../../platform/db/tenant.ts";

/** SQL of certificates, through the tenant scope (the public lookup's scope is the host's workspace). */

const columns = [
  "id",
  "customer_id",
  "course_id",
  "path_id",
  "code",
  "learner_name",
  "title",
  "issued_at",
  "revoked_at",
  "revoked_reason",
] as const;

export async function certificatesOf(scope: TenantScope, customerId: string) {
  return scope
    .selectFrom("academy_certificates")
    .select(columns)
    .where("customer_id", "=", customerId)
    .orderBy("issued_at", "desc")
    .orderBy("id")
    .execute();
}

export async function findCertificate(scope: TenantScope, id: string) {
  return scope.selectFrom("academy_certificates").select(columns).where("id", "=", id).executeTakeFirst();
}

export async function lockCertificate(scope: TenantScope, id: string) {
  return scope
    .selectFrom("academy_certificates")
    .select(columns)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

export async function markRevoked(scope: TenantScope, id: string, reason: string, by: string | null) {
  await scope
    .updateTable("academy_certificates")
    .set({ revoked_at: new Date(), revoked_reason: reason, revoked_by: by })
    .where("id", "=", id)
    .execute();
}

/** A certificate by its code, in the workspace the page was asked of (another workspace's code is unknown here). */
export async function findByCode(scope: TenantScope, code: string) {
  return scope
    .selectFrom("academy_certificates")
    .select(["code", "learner_name", "title", "issued_at", "revoked_at", "revoked_reason"])
    .where("code", "=", code)
    .executeTakeFirst();
}
