import { randomBytes } from "node:crypto";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { appendEvent } from "../../timeline/timeline.ts";
import { emitWebhookEvent } from "../../webhooks/webhooks.service.ts";
import type { Boss } from "../progress/completion.ts";

/** No 0/O or 1/I: the code is read off paper and typed in. */
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A random verification code, four groups of four (80 bits): looked up, never derived. */
export function newCertificateCode(): string {
  const bytes = randomBytes(16);
  let code = "";
  for (let i = 0; i < 16; i++) {
    if (i > 0 && i % 4 === 0) code += "-";
    code += ALPHABET[(bytes[i] as number) % ALPHABET.length];
  }
  return code;
}

export interface IssueInput {
  boss?: Boss;
  customerId: string;
  courseId?: string;
  pathId?: string;
  /** What the certificate says was completed (the course's or path's title today). */
  title: string;
}

export interface IssuedCertificate {
  id: string;
  code: string;
  /** False when the learner already held a valid certificate for it. */
  created: boolean;
}

/**
 * Issues the certificate for a completed course or path, once: a valid one already held is
 * returned as it is. Call inside the completing transaction. The learner's name is copied so
 * the certificate keeps saying what it said on the day it was issued.
 */
export async function issueCertificate(scope: TenantScope, input: IssueInput): Promise<IssuedCertificate> {
  let held = scope
    .selectFrom("academy_certificates")
    .select(["id", "code"])
    .where("customer_id", "=", input.customerId)
    .where("revoked_at", "is", null);
  held = input.courseId
    ? held.where("course_id", "=", input.courseId)
    : held.where("path_id", "=", input.pathId ?? "");
  const existing = await held.executeTakeFirst();
  if (existing) return { ...existing, created: false };

  const customer = await scope
    .selectFrom("customers")
    .select("name")
    .where("id", "=", input.customerId)
    .executeTakeFirstOrThrow();
  const code = newCertificateCode();
  const row = await scope
    .insertInto("academy_certificates", {
      customer_id: input.customerId,
      course_id: input.courseId ?? null,
      path_id: input.pathId ?? null,
      code,
      learner_name: customer.name,
      title: input.title,
    })
    .returning(["id", "code"])
    .executeTakeFirstOrThrow();
  await appendEvent(scope, {
    customerId: input.customerId,
    kind: "academy.certificate_issued",
    data: { certificateId: row.id, title: input.title, code: row.code },
  });
  await emitWebhookEvent(scope, input.boss, "academy.certificate_issued", {
    certificateId: row.id,
    code: row.code,
    title: input.title,
    customerId: input.customerId,
    courseId: input.courseId ?? null,
    pathId: input.pathId ?? null,
  });
  return { ...row, created: true };
}
