import type { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";

type CopiesInput = { cc?: string[] | undefined; bcc?: string[] | undefined };

/**
 * The CC and BCC of an email reply. A list given is used and remembered on the case, so the
 * next reply offers it again; a list left out means "as last time" (the case's remembered one).
 */
export async function replyCopies(scope: TenantScope, caseId: string, input: CopiesInput) {
  const remembered = await scope
    .selectFrom("cases")
    .select(["reply_cc as cc", "reply_bcc as bcc"])
    .where("id", "=", caseId)
    .executeTakeFirstOrThrow();
  const cc = unique(input.cc ?? remembered.cc);
  const bcc = unique(input.bcc ?? remembered.bcc).filter((a) => !cc.includes(a));
  if (input.cc || input.bcc)
    await scope.updateTable("cases").set({ reply_cc: cc, reply_bcc: bcc }).where("id", "=", caseId).execute();
  return { cc, bcc };
}

/** Copies only make sense on a reply that goes out as email; elsewhere they would be silently lost. */
export function refuseCopies(input: CopiesInput, kind: string) {
  const field = input.cc?.length ? "cc" : input.bcc?.length ? "bcc" : undefined;
  if (!field) return;
  const why =
    kind === "reply" ? "this customer has no email address to reply to" : "internal notes are not emailed";
  throw new AppError("validation_failed", `${field} is for email replies only: ${why}`, field);
}

export async function replyDefaults(scope: TenantScope, caseId: string) {
  return scope
    .selectFrom("cases")
    .select(["reply_cc as cc", "reply_bcc as bcc"])
    .where("id", "=", caseId)
    .executeTakeFirstOrThrow();
}

const unique = (list: string[]) => [...new Set(list)];
