import { sql } from "kysely";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { findCustomer } from "../customers/customers.repo.ts";
import { assertCanParticipate, memberNotFound, type Reader } from "./community.policy.ts";
import { avatarUrlOf, memberRefs, summarize, topicQuery } from "./community.repo.ts";
import { mvpUntilOf } from "./hooks.ts";
import { ensureMemberForActor } from "./members.ts";
import type { DigestRate } from "./schema-community.ts";

type Ctx = Pick<AppContext, "db">;

/**
 * Community profiles: the display name, picture and bio are the member's own and separate
 * from the customer record agents see. The counts only include posts others can see.
 */

async function counts(scope: TenantScope, memberId: string) {
  const row = await scope
    .selectFrom("community_posts")
    .select([
      sql<number>`count(*) filter (where kind = 'answer')::int`.as("answers"),
      sql<number>`count(*) filter (where kind = 'answer' and accepted)::int`.as("accepted"),
      sql<number>`count(*) filter (where kind = 'opening')::int`.as("questions"),
    ])
    .where("author_member_id", "=", memberId)
    .where("deleted_at", "is", null)
    .where("hidden", "=", false)
    .executeTakeFirstOrThrow();
  return row;
}

async function badgesOf(scope: TenantScope, memberId: string) {
  const rows = await scope
    .selectFrom("community_badge_awards")
    .innerJoin("community_badges as b", "b.id", "community_badge_awards.badge_id")
    .select(["b.slug", "b.name", "b.tier", "community_badge_awards.awarded_at"])
    .where("community_badge_awards.member_id", "=", memberId)
    .orderBy("community_badge_awards.awarded_at", "desc")
    .execute();
  return rows.map((r) => ({
    slug: r.slug,
    name: r.name,
    tier: r.tier,
    awardedAt: new Date(r.awarded_at).toISOString(),
  }));
}

export async function getProfile(ctx: Ctx, reader: Reader, memberId: string) {
  const scope = new TenantScope(ctx.db, reader.workspaceId);
  const m = await scope
    .selectFrom("community_members")
    .select([
      "id",
      "display_name",
      "bio",
      "avatar_key",
      "is_staff",
      "reputation",
      "trust_level",
      "created_at",
    ])
    .where("id", "=", memberId)
    .executeTakeFirst();
  if (!m) throw memberNotFound();
  const [c, badges, mvp] = await Promise.all([
    counts(scope, m.id),
    badgesOf(scope, m.id),
    mvpUntilOf(scope, [m.id]),
  ]);
  const until = mvp.get(m.id);
  return {
    id: m.id,
    displayName: m.display_name,
    bio: m.bio,
    avatarUrl: avatarUrlOf(m.id, m.avatar_key),
    isStaff: m.is_staff,
    isMvp: until !== undefined,
    mvpUntil: until ? until.toISOString() : null,
    reputation: m.reputation,
    trustLevel: m.trust_level,
    badges,
    acceptedAnswers: c.accepted,
    answers: c.answers,
    questions: c.questions,
    joinedAt: new Date(m.created_at).toISOString(),
  };
}

/** A display name is unique in the workspace (case-insensitive), so @mentions and faces match. */
export async function updateMyProfile(
  ctx: Ctx,
  actor: Actor,
  reader: Reader,
  input: { displayName?: string | undefined; bio?: string | undefined; digestRate?: DigestRate | undefined },
) {
  assertCanParticipate(actor);
  const id = await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const me = await ensureMemberForActor(scope, actor);
    if (input.displayName !== undefined) {
      await sql`select pg_advisory_xact_lock(hashtext(${`community-names:${actor.workspaceId}`}))`.execute(
        tx,
      );
      const taken = await scope
        .selectFrom("community_members")
        .select("id")
        .where(sql<boolean>`lower(display_name) = lower(${input.displayName})`)
        .where("id", "<>", me.id)
        .executeTakeFirst();
      if (taken) throw new AppError("conflict", "Another member already uses this name", "displayName");
    }
    await scope
      .updateTable("community_members")
      .set({
        ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
        ...(input.bio !== undefined ? { bio: input.bio } : {}),
        ...(input.digestRate !== undefined ? { digest_rate: input.digestRate } : {}),
        updated_at: new Date(),
      })
      .where("id", "=", me.id)
      .execute();
    return me.id;
  });
  return getProfile(ctx, reader, id);
}

export async function setMyAvatar(ctx: Ctx, actor: Actor, image: { key: string; type: string } | null) {
  assertCanParticipate(actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const me = await ensureMemberForActor(scope, actor);
    await scope
      .updateTable("community_members")
      .set({ avatar_key: image?.key ?? null, avatar_type: image?.type ?? null, updated_at: new Date() })
      .where("id", "=", me.id)
      .execute();
    return me.id;
  });
}

export async function avatarOf(ctx: Ctx, workspaceId: string, memberId: string) {
  const m = await new TenantScope(ctx.db, workspaceId)
    .selectFrom("community_members")
    .select(["avatar_key", "avatar_type"])
    .where("id", "=", memberId)
    .executeTakeFirst();
  if (!m?.avatar_key || !m.avatar_type) throw new AppError("not_found", "Picture was not found");
  return { key: m.avatar_key, type: m.avatar_type };
}

/**
 * What the agent sees in the customer panel: is this customer one of the good ones? Their
 * member (if they ever took part), reputation, accepted answers, MVP term, badges, how many
 * customers their accepted answers helped, and their latest topics.
 */
export async function customerRecord(ctx: Ctx, actor: Actor, reader: Reader, customerId: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  if (!(await findCustomer(scope, customerId)))
    throw new AppError("not_found", "Customer was not found", "customerId");
  const m = await scope
    .selectFrom("community_members")
    .select(["id", "reputation"])
    .where("customer_id", "=", customerId)
    .executeTakeFirst();
  if (!m)
    return {
      member: null,
      reputation: 0,
      acceptedAnswers: 0,
      answers: 0,
      isMvp: false,
      mvpUntil: null,
      badges: [],
      helpedCount: 0,
      recentTopics: [],
    };
  const [refs, c, badges, mvp, helped, recent] = await Promise.all([
    memberRefs(scope, [m.id]),
    counts(scope, m.id),
    badgesOf(scope, m.id),
    mvpUntilOf(scope, [m.id]),
    helpedBy(scope, m.id),
    topicQuery(scope)
      .where("community_topics.author_member_id", "=", m.id)
      .where("c.visibility", "in", reader.visibilities)
      .orderBy("community_topics.created_at", "desc")
      .limit(5)
      .execute(),
  ]);
  const until = mvp.get(m.id);
  return {
    member: refs.get(m.id) ?? null,
    reputation: m.reputation,
    acceptedAnswers: c.accepted,
    answers: c.answers,
    isMvp: until !== undefined,
    mvpUntil: until ? until.toISOString() : null,
    badges,
    helpedCount: helped,
    recentTopics: await summarize(scope, recent),
  };
}

/** Distinct customers of cases linked to a topic after one of this member's answers there was accepted. */
async function helpedBy(scope: TenantScope, memberId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(distinct c.customer_id)::int as n
      from community_posts p
      join community_topic_cases tc on tc.topic_id = p.topic_id and tc.created_at > p.accepted_at
      join cases c on c.id = tc.case_id
     where p.workspace_id = ${scope.workspaceId} and p.author_member_id = ${memberId}
       and p.accepted and p.deleted_at is null`.execute(scope.db);
  return rows[0]?.n ?? 0;
}
