import { sql } from "kysely";
import type { TenantScope } from "../../../platform/db/tenant.ts";

/** MVP nominations and terms, and the record staff weigh, in one workspace. */

/** True when a term of the member covers now. */
export async function isMvp(scope: TenantScope, memberId: string): Promise<boolean> {
  const row = await scope
    .selectFrom("community_mvp_terms")
    .select("id")
    .where("member_id", "=", memberId)
    .where("starts_at", "<=", sql<Date>`now()`)
    .where("ends_at", ">", sql<Date>`now()`)
    .executeTakeFirst();
  return row !== undefined;
}

/** The end of the member's latest term that has not ended yet (a renewal starts there). */
export async function currentTermEnd(scope: TenantScope, memberId: string): Promise<Date | null> {
  const row = await scope
    .selectFrom("community_mvp_terms")
    .select(sql<Date | null>`max(ends_at)`.as("end"))
    .where("member_id", "=", memberId)
    .where("ends_at", ">", sql<Date>`now()`)
    .executeTakeFirst();
  return row?.end ?? null;
}

export async function insertTerm(
  scope: TenantScope,
  t: { memberId: string; startsAt: Date; months: number; nominationId: string | null; userId: string },
) {
  return scope
    .insertInto("community_mvp_terms", {
      member_id: t.memberId,
      nomination_id: t.nominationId,
      starts_at: t.startsAt,
      ends_at: addMonths(t.startsAt, t.months),
      awarded_by_user_id: t.userId,
    })
    .returning(["id", "starts_at", "ends_at"])
    .executeTakeFirstOrThrow() as Promise<{ id: string; starts_at: Date; ends_at: Date }>;
}

const nominationColumns = [
  "id",
  "status",
  "reason",
  "nominee_member_id",
  "nominated_by_member_id",
  "decision_note",
  "decided_at",
  "created_at",
] as const;

/** A new pending nomination, or undefined when the nominator already has one pending for the nominee. */
export function insertNomination(
  scope: TenantScope,
  n: { nomineeId: string; nominatorId: string; reason: string },
) {
  return scope
    .insertInto("community_mvp_nominations", {
      nominee_member_id: n.nomineeId,
      nominated_by_member_id: n.nominatorId,
      reason: n.reason,
    })
    .onConflict((oc) =>
      oc
        .columns(["nominee_member_id", "nominated_by_member_id", "workspace_id"])
        .where("status", "=", "pending")
        .doNothing(),
    )
    .returning(nominationColumns)
    .executeTakeFirst();
}

export function listNominations(scope: TenantScope, status: "pending" | "accepted" | "declined") {
  return scope
    .selectFrom("community_mvp_nominations")
    .select(nominationColumns)
    .where("status", "=", status)
    .orderBy("created_at", "desc")
    .limit(200)
    .execute();
}

export function lockNomination(scope: TenantScope, id: string) {
  return scope
    .selectFrom("community_mvp_nominations")
    .select(nominationColumns)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

export function decideNomination(
  scope: TenantScope,
  id: string,
  d: { status: "accepted" | "declined"; note: string | null; userId: string },
) {
  return scope
    .updateTable("community_mvp_nominations")
    .set({ status: d.status, decision_note: d.note, decided_by_user_id: d.userId, decided_at: new Date() })
    .where("id", "=", id)
    .returning(nominationColumns)
    .executeTakeFirstOrThrow();
}

/** What staff weigh when reviewing a nominee: contribution, helpfulness, deflection and penalties. */
export async function nomineeRecord(scope: TenantScope, memberId: string) {
  const ws = scope.workspaceId;
  const { rows } = await sql<{
    reputation: number;
    trust_level: number;
    penalty_until: Date | null;
    created_at: Date;
    answers: number;
    accepted: number;
    upvotes: number;
    deflected: number;
    flags: number;
    spam: number;
    mvp_until: Date | null;
  }>`
    select m.reputation, m.trust_level, m.penalty_until, m.created_at,
      (select count(*)::int from community_posts p where p.workspace_id = ${ws} and p.author_member_id = m.id
        and p.kind = 'answer' and p.deleted_at is null) as answers,
      (select count(*)::int from community_posts p where p.workspace_id = ${ws} and p.author_member_id = m.id
        and p.kind = 'answer' and p.accepted and p.deleted_at is null) as accepted,
      (select count(*)::int from community_votes v join community_posts p on p.id = v.post_id
        where v.workspace_id = ${ws} and p.author_member_id = m.id and v.value = 1) as upvotes,
      (select count(distinct tc.case_id)::int from community_topic_cases tc
        where tc.workspace_id = ${ws} and tc.topic_id in (select p.topic_id from community_posts p
          where p.workspace_id = ${ws} and p.author_member_id = m.id and p.kind = 'answer' and p.accepted
            and p.deleted_at is null)) as deflected,
      (select count(*)::int from community_flags f join community_posts p on p.id = f.post_id
        where f.workspace_id = ${ws} and p.author_member_id = m.id and f.status = 'agreed') as flags,
      (select count(*)::int from community_reputation_events e
        where e.workspace_id = ${ws} and e.member_id = m.id and e.kind = 'spamConfirmed') as spam,
      (select max(t.ends_at) from community_mvp_terms t where t.workspace_id = ${ws} and t.member_id = m.id
        and t.ends_at > now()) as mvp_until
    from community_members m where m.workspace_id = ${ws} and m.id = ${memberId}
  `.execute(scope.db);
  return rows[0];
}

/** Members with a term covering now, best contributors first. */
export async function currentMvps(scope: TenantScope) {
  const ws = scope.workspaceId;
  const { rows } = await sql<{ id: string; bio: string; since: Date; until: Date; accepted: number }>`
    select m.id, m.bio, t.since, t.until,
      (select count(*)::int from community_posts p where p.workspace_id = ${ws} and p.author_member_id = m.id
        and p.kind = 'answer' and p.accepted and p.deleted_at is null and not p.hidden) as accepted
    from (select member_id, min(starts_at) as since, max(ends_at) as until from community_mvp_terms
          where workspace_id = ${ws} group by member_id
          having bool_or(starts_at <= now() and ends_at > now())) t
    join community_members m on m.id = t.member_id
    order by m.reputation desc, m.id
    limit 500
  `.execute(scope.db);
  return rows;
}

export function addMonths(d: Date, months: number): Date {
  const out = new Date(d);
  out.setUTCMonth(out.getUTCMonth() + months);
  return out;
}

export async function transactionNow(scope: TenantScope): Promise<Date> {
  const { rows } = await sql<{ now: Date }>`select now() as now`.execute(scope.db);
  return (rows[0] as { now: Date }).now;
}
