import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { iso } from "../../../platform/http/route-kit.ts";
import { audit } from "../../audit/audit.ts";
import { emitWebhookEvent } from "../../webhooks/webhooks.service.ts";
import { ensureMemberForActor, findMember } from "../members.ts";
import { memberRefs } from "./member-refs.ts";
import {
  currentMvps,
  currentTermEnd,
  decideNomination,
  insertNomination,
  insertTerm,
  listNominations,
  lockNomination,
  nomineeRecord,
  transactionNow,
} from "./mvp.repo.ts";

/**
 * The MVP program: members and staff nominate someone with a reason; staff review the
 * nominee's record and accept (a term) or decline, or award and renew terms directly. A
 * renewal starts when the current term ends, so terms never overlap. Each award announces
 * `community.mvp_awarded` to webhooks and is audited.
 */
type Ctx = Pick<AppContext, "db" | "boss">;
type NominationRow = NonNullable<Awaited<ReturnType<typeof lockNomination>>>;

export async function nominate(ctx: Ctx, actor: Actor, input: { memberId: string; reason: string }) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const nominator = await ensureMemberForActor(scope, actor);
    const nominee = await findMember(scope, input.memberId);
    if (!nominee) throw new AppError("not_found", "Community member was not found", "memberId");
    if (nominee.id === nominator.id) {
      throw new AppError("validation_failed", "You cannot nominate yourself", "memberId");
    }
    if (nominee.isStaff)
      throw new AppError("validation_failed", "Staff cannot be nominated as MVPs", "memberId");
    const row = await insertNomination(scope, {
      nomineeId: nominee.id,
      nominatorId: nominator.id,
      reason: input.reason,
    });
    if (!row) {
      throw new AppError("conflict", "You already have a pending nomination for this member", "memberId");
    }
    return first(await present(scope, [row], false));
  });
}

export async function nominationsFor(ctx: Ctx, actor: Actor, status: "pending" | "accepted" | "declined") {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  return { items: await present(scope, await listNominations(scope, status), true) };
}

export async function decide(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { decision: "accept" | "decline"; note?: string | undefined; months?: number | undefined },
) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const nomination = await lockNomination(scope, id);
    if (!nomination) throw new AppError("not_found", "Nomination was not found");
    if (nomination.status !== "pending") {
      throw new AppError("conflict", `This nomination was already ${nomination.status}`, "decision");
    }
    const status = input.decision === "accept" ? "accepted" : "declined";
    const decided = await decideNomination(scope, id, {
      status,
      note: input.note ?? null,
      userId: actor.userId,
    });
    if (status === "accepted") {
      await awardTerm(ctx, scope, actor, {
        memberId: nomination.nominee_member_id,
        months: input.months ?? 12,
        nominationId: id,
      });
    }
    await audit(scope, {
      actorUserId: actor.userId,
      action: `community.mvp_nomination_${status}`,
      subjectType: "community_member",
      subjectId: nomination.nominee_member_id,
      data: { nominationId: id, note: input.note ?? null },
    });
    return first(await present(scope, [decided], true));
  });
}

/** `POST /mvp/terms`: award or renew directly, without a nomination. */
export async function awardDirectly(ctx: Ctx, actor: Actor, input: { memberId: string; months: number }) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const member = await findMember(scope, input.memberId);
    if (!member) throw new AppError("not_found", "Community member was not found", "memberId");
    if (member.isStaff) throw new AppError("validation_failed", "Staff cannot be MVPs", "memberId");
    return awardTerm(ctx, scope, actor, { ...input, nominationId: null });
  });
}

async function awardTerm(
  ctx: Ctx,
  scope: TenantScope,
  actor: Actor,
  t: { memberId: string; months: number; nominationId: string | null },
) {
  const currentEnd = await currentTermEnd(scope, t.memberId);
  const term = await insertTerm(scope, {
    ...t,
    // The transaction's clock, so the new term already covers "now" for the rest of it.
    startsAt: currentEnd ?? (await transactionNow(scope)),
    userId: actor.userId,
  });
  const member = await findMember(scope, t.memberId);
  const out = {
    id: term.id,
    memberId: t.memberId,
    startsAt: iso(term.starts_at),
    endsAt: iso(term.ends_at),
    renewal: currentEnd !== null,
  };
  await audit(scope, {
    actorUserId: actor.userId,
    action: "community.mvp_awarded",
    subjectType: "community_member",
    subjectId: t.memberId,
    data: { termId: term.id, months: t.months, renewal: out.renewal },
  });
  await emitWebhookEvent(scope, ctx.boss, "community.mvp_awarded", {
    member: { id: t.memberId, displayName: member?.displayName ?? "" },
    term: { id: out.id, startsAt: out.startsAt, endsAt: out.endsAt },
    renewal: out.renewal,
  });
  return out;
}

/** The public directory: current MVPs with their profile and accepted answers. */
export async function mvpDirectory(scope: TenantScope) {
  const rows = await currentMvps(scope);
  const refs = await memberRefs(
    scope,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => ({
      // biome-ignore lint/style/noNonNullAssertion: the member was just read
      member: refs.get(r.id)!,
      bio: r.bio,
      acceptedAnswers: r.accepted,
      mvpSince: iso(r.since),
      mvpUntil: iso(r.until),
    })),
  };
}

async function present(scope: TenantScope, rows: NominationRow[], withRecord: boolean) {
  const refs = await memberRefs(
    scope,
    rows.flatMap((r) => [r.nominee_member_id, r.nominated_by_member_id]),
  );
  const out = [];
  for (const r of rows) {
    const record = withRecord ? await nomineeRecord(scope, r.nominee_member_id) : undefined;
    out.push({
      id: r.id,
      status: r.status,
      reason: r.reason,
      // biome-ignore lint/style/noNonNullAssertion: both members were just read
      nominee: refs.get(r.nominee_member_id)!,
      // biome-ignore lint/style/noNonNullAssertion: both members were just read
      nominatedBy: refs.get(r.nominated_by_member_id)!,
      ...(record
        ? {
            record: {
              reputation: record.reputation,
              trustLevel: record.trust_level,
              answers: record.answers,
              acceptedAnswers: record.accepted,
              upvotesReceived: record.upvotes,
              helpfulness: record.answers > 0 ? record.accepted / record.answers : null,
              deflectedCases: record.deflected,
              flagsAgainst: record.flags,
              spamConfirmed: record.spam,
              penaltyUntil: record.penalty_until ? iso(record.penalty_until) : null,
              mvpUntil: record.mvp_until ? iso(record.mvp_until) : null,
              joinedAt: iso(record.created_at),
            },
          }
        : {}),
      decisionNote: r.decision_note,
      decidedAt: r.decided_at ? iso(r.decided_at) : null,
      createdAt: iso(r.created_at),
    });
  }
  return out;
}

function first<T>(items: T[]): T {
  return items[0] as T;
}
