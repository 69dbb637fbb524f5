import { createHash } from "node:crypto";
import type { Actor } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";
import { type CreateCase, createCase, getCaseFor } from "./cases.service.ts";
import { claimKey, keyCreated, pruneKeys, readKey, releaseKey } from "./create-keys.repo.ts";

type Ctx = Parameters<typeof createCase>[0];

/** How long a retry waits for a simultaneous first request with its key to finish. */
const WAIT_MS = 15_000;

/**
 * POST /api/v1/cases with an Idempotency-Key: the first request with a key creates the case; a
 * repeat from the same actor within 24 hours (a client retrying after a lost answer) gets that
 * case instead of a second one. Why a claimed row, not one transaction around the creation: the
 * creation is one statement followed by work outside any transaction (conduct routing, realtime,
 * jobs), and a transaction held open across it would keep a pooled connection per waiting retry.
 * So the key is claimed first (the unique key lets one of two simultaneous requests win), the
 * winner creates and records its case, and the other waits for that record.
 */
export async function createCaseOnce(ctx: Ctx, actor: Actor, input: CreateCase, key: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const hash = bodyHash(input);
  const until = Date.now() + WAIT_MS;
  for (;;) {
    if (await claimKey(scope, actor.membershipId, key, hash)) {
      await pruneKeys(scope);
      let created: Awaited<ReturnType<typeof createCase>>;
      try {
        created = await createCase(ctx, actor, input);
      } catch (error) {
        await releaseKey(scope, actor.membershipId, key);
        throw error;
      }
      await keyCreated(scope, actor.membershipId, key, created.id);
      return created;
    }
    const prior = await readKey(scope, actor.membershipId, key);
    // Gone meanwhile: the first request failed and freed the key; this one may create.
    if (!prior) continue;
    if (prior.requestHash !== hash)
      throw new AppError(
        "unprocessable",
        "This Idempotency-Key was used for a different request; use a new key for a new case",
        "Idempotency-Key",
      );
    if (prior.caseId) {
      // The case as it is now, shaped like the creation's answer: that one never carries the
      // import fields (a case made here is never imported; they are null).
      const { importSource: _s, importNumber: _n, ...now } = await getCaseFor(ctx, actor, prior.caseId);
      return now;
    }
    if (Date.now() > until)
      throw new AppError(
        "conflict",
        "A request with this Idempotency-Key is still being processed; retry later",
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The request's body, keys sorted, hashed: the same case asked for twice hashes the same. */
function bodyHash(input: CreateCase): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>)
              .filter(([, x]) => x !== undefined)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, x]) => [k, sorted(x)]),
          )
        : v;
  return createHash("sha256")
    .update(JSON.stringify(sorted(input)))
    .digest("hex");
}
