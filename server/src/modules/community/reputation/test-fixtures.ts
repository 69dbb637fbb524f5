import { sql } from "kysely";
import type { AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { type CommunityEvent, emitCommunityEvent } from "../events.ts";

/**
 * Community content for the reputation tests. The core's topic, vote and accept routes are
 * built in another part, so these write the rows the core would and then emit the same
 * events in one transaction, as the core does; the listeners cannot tell the difference.
 */
export class Community {
  readonly ctx: AppContext;
  readonly workspaceId: string;

  constructor(ctx: AppContext, workspaceId: string) {
    this.ctx = ctx;
    this.workspaceId = workspaceId;
  }

  private scope(db = this.ctx.db) {
    return new TenantScope(db, this.workspaceId);
  }

  async member(name: string, opts: { staff?: boolean; daysOld?: number; userId?: string } = {}) {
    const row = await this.scope()
      .insertInto("community_members", {
        display_name: name,
        is_staff: opts.staff ?? false,
        user_id: opts.userId ?? null,
        created_at: daysAgo(opts.daysOld ?? 0),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async category(name: string, visibility: "public" | "customers" | "mvp" | "staff" = "public") {
    const row = await this.scope()
      .insertInto("community_categories", {
        name,
        slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${Math.random().toString(36).slice(2, 8)}`,
        visibility,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** A question and its opening post. */
  async question(categoryId: string, authorId: string, title = "Why does my speaker drop off Wi-Fi?") {
    const topic = await this.scope()
      .insertInto("community_topics", {
        category_id: categoryId,
        kind: "question",
        title,
        slug: "question",
        author_member_id: authorId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const post = await this.scope()
      .insertInto("community_posts", {
        topic_id: topic.id,
        kind: "opening",
        author_member_id: authorId,
        body: title,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { topicId: topic.id, openingPostId: post.id };
  }

  async answer(topicId: string, authorId: string, opts: { daysAgo?: number } = {}) {
    const row = await this.scope()
      .insertInto("community_posts", {
        topic_id: topicId,
        kind: "answer",
        author_member_id: authorId,
        body: "Reserve an address for it on the router.",
        created_at: daysAgo(opts.daysAgo ?? 0),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async emit(event: CommunityEvent) {
    await inTransaction(this.ctx.db, (tx) =>
      emitCommunityEvent({ scope: this.scope(tx), boss: this.ctx.boss }, event),
    );
  }

  /** A member votes as the core does: one row per member per post, then `post.voted`. */
  async vote(postId: string, voterId: string, value: -1 | 0 | 1) {
    await inTransaction(this.ctx.db, async (tx) => {
      const scope = this.scope(tx);
      const before = await scope
        .selectFrom("community_votes")
        .select("value")
        .where("post_id", "=", postId)
        .where("member_id", "=", voterId)
        .forUpdate()
        .executeTakeFirst();
      const previous = (before?.value ?? 0) as -1 | 0 | 1;
      if (value === 0) {
        await scope
          .deleteFrom("community_votes")
          .where("post_id", "=", postId)
          .where("member_id", "=", voterId)
          .execute();
      } else {
        await scope
          .insertInto("community_votes", { post_id: postId, member_id: voterId, value })
          .onConflict((oc) => oc.columns(["post_id", "member_id", "workspace_id"]).doUpdateSet({ value }))
          .execute();
      }
      await emitCommunityEvent(
        { scope, boss: this.ctx.boss },
        { type: "post.voted", postId, voterMemberId: voterId, previous, value },
      );
    });
  }

  async accept(topicId: string, postId: string, byMemberId: string, opts: { daysAgo?: number } = {}) {
    await inTransaction(this.ctx.db, async (tx) => {
      const scope = this.scope(tx);
      await scope
        .updateTable("community_posts")
        .set({
          accepted: true,
          accepted_by_member_id: byMemberId,
          accepted_at: sql<Date>`now() - make_interval(days => ${opts.daysAgo ?? 0})`,
        })
        .where("id", "=", postId)
        .execute();
      await emitCommunityEvent(
        { scope, boss: this.ctx.boss },
        { type: "answer.accepted", topicId, postId, acceptedByMemberId: byMemberId },
      );
    });
  }

  async unaccept(topicId: string, postId: string) {
    await inTransaction(this.ctx.db, async (tx) => {
      const scope = this.scope(tx);
      await scope
        .updateTable("community_posts")
        .set({ accepted: false, accepted_at: null })
        .where("id", "=", postId)
        .execute();
      await emitCommunityEvent(
        { scope, boss: this.ctx.boss },
        { type: "answer.unaccepted", topicId, postId },
      );
    });
  }

  async reputation(memberId: string) {
    const row = await this.scope()
      .selectFrom("community_members")
      .select(["reputation", "trust_level"])
      .where("id", "=", memberId)
      .executeTakeFirstOrThrow();
    return row.reputation;
  }

  async trustLevel(memberId: string) {
    const row = await this.scope()
      .selectFrom("community_members")
      .select("trust_level")
      .where("id", "=", memberId)
      .executeTakeFirstOrThrow();
    return row.trust_level;
  }

  async ledger(memberId: string) {
    return this.scope()
      .selectFrom("community_reputation_events")
      .select(["kind", "points", "source_key"])
      .where("member_id", "=", memberId)
      .orderBy("created_at")
      .orderBy("source_key")
      .execute();
  }

  /** Sum of the ledger, which must always equal the stored reputation. */
  async ledgerSum(memberId: string) {
    return (await this.ledger(memberId)).reduce((s, r) => s + r.points, 0);
  }

  async awards(memberId: string) {
    return (
      await this.scope()
        .selectFrom("community_badge_awards")
        .innerJoin("community_badges", "community_badges.id", "community_badge_awards.badge_id")
        .select("community_badges.slug as slug")
        .where("community_badge_awards.member_id", "=", memberId)
        .execute()
    )
      .map((r) => r.slug)
      .sort();
  }
}

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
