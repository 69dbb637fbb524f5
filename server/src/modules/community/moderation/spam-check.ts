import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import type { CommunityEvent, EventContext } from "../events.ts";
import type { Member } from "../members.ts";
import {
  assessSpam,
  type Fingerprint,
  fingerprint,
  matchDuplicate,
  type SpamFacts,
  type SpamVerdict,
} from "./spam-signals.ts";
import { isTrusted, type Standing, standingOf } from "./standing.ts";

/**
 * The spam check as the core part calls it before inserting a post (`checkNewPost`), and the
 * listener that, once a held post exists, files the `spam_check` flag that puts it in the
 * review queue and remembers every new post's fingerprint for the duplicate signal.
 */

const DAY = 24 * 60 * 60 * 1000;
const EXACT_WINDOW_DAYS = 30;
const NEAR_WINDOW_DAYS = 2;
const NEAR_SCAN_LIMIT = 1000;

async function factsOf(
  scope: TenantScope,
  s: Standing,
  fp: Fingerprint,
  excludePostId?: string,
): Promise<SpamFacts> {
  const now = Date.now();
  const counts = await scope
    .selectFrom("community_posts")
    .select([
      sql<number>`count(*) filter (where created_at > ${new Date(now - 60 * 60 * 1000)})::int`.as("hour"),
      sql<number>`count(*) filter (where created_at > ${new Date(now - DAY)})::int`.as("day"),
      sql<number>`count(*)::int`.as("ever"),
    ])
    .where("author_member_id", "=", s.memberId)
    .$if(excludePostId !== undefined, (q) => q.where("id", "!=", excludePostId as string))
    .executeTakeFirstOrThrow();
  const recent = await scope
    .selectFrom("community_post_fingerprints")
    .select(["member_id", "text_hash", "simhash", "word_count"])
    .where((eb) =>
      eb.or([
        eb.and([
          eb("text_hash", "=", fp.textHash),
          eb("created_at", ">", new Date(now - EXACT_WINDOW_DAYS * DAY)),
        ]),
        eb.and([eb("created_at", ">", new Date(now - NEAR_WINDOW_DAYS * DAY)), eb("word_count", ">=", 15)]),
      ]),
    )
    .$if(excludePostId !== undefined, (q) => q.where("post_id", "!=", excludePostId as string))
    .orderBy("created_at", "desc")
    .limit(NEAR_SCAN_LIMIT)
    .execute();
  return {
    trust: s.effectiveTrust,
    isStaff: s.isStaff,
    accountAgeDays: Math.floor((now - s.joinedAt.getTime()) / DAY),
    postsLastHour: counts.hour,
    postsLastDay: counts.day,
    priorPosts: counts.ever,
    duplicate: matchDuplicate(
      fp,
      recent.map((r) => ({
        memberId: r.member_id,
        textHash: r.text_hash,
        simhash: BigInt(r.simhash),
        wordCount: r.word_count,
      })),
      s.memberId,
    ),
  };
}

// What checkNewPost decided, kept briefly so the flag filed once the post exists carries the
// same reasons (the velocity counts would include the post itself if computed again).
const recentVerdicts = new Map<string, { verdict: SpamVerdict; at: number }>();
const verdictKey = (workspaceId: string, memberId: string, body: string) =>
  `${workspaceId}:${memberId}:${createHash("sha256").update(body).digest("hex")}`;

function remember(key: string, verdict: SpamVerdict) {
  const now = Date.now();
  if (recentVerdicts.size > 1000) {
    for (const [k, v] of recentVerdicts)
      if (now - v.at > 120_000 || recentVerdicts.size > 1000) recentVerdicts.delete(k);
  }
  recentVerdicts.set(key, { verdict, at: now });
}

/** Should this new post be held for review? Trusted members and staff: never. */
export async function checkNewPost(
  scope: TenantScope,
  member: Member,
  body: string,
  opts?: { title?: string },
): Promise<{ hold: boolean; reasons: string[] }> {
  const s = await standingOf(scope, member.id);
  if (isTrusted(s)) return { hold: false, reasons: [] };
  const facts = await factsOf(scope, s, fingerprint(body));
  const verdict = assessSpam(opts?.title ? `${opts.title}\n\n${body}` : body, facts);
  if (verdict.hold) remember(verdictKey(scope.workspaceId, member.id, body), verdict);
  return verdict;
}

async function loadPost(scope: TenantScope, postId: string) {
  return scope
    .selectFrom("community_posts")
    .innerJoin("community_topics as t", "t.id", "community_posts.topic_id")
    .select([
      "community_posts.id",
      "community_posts.kind",
      "community_posts.body",
      "community_posts.hidden",
      "community_posts.hidden_reason",
      "community_posts.author_member_id",
      "community_posts.created_at",
      "t.title",
    ])
    .where("community_posts.id", "=", postId)
    .executeTakeFirst();
}

/** Files the spam_check flag for a held post, once, with the reasons the check gave. */
export async function fileSpamFlag(scope: TenantScope, postId: string): Promise<void> {
  const post = await loadPost(scope, postId);
  if (!post?.hidden || post.hidden_reason !== "spam") return;
  const existing = await scope
    .selectFrom("community_flags")
    .select("id")
    .where("post_id", "=", postId)
    .where("source", "=", "spam_check")
    .executeTakeFirst();
  if (existing) return;
  const key = verdictKey(scope.workspaceId, post.author_member_id, post.body);
  let reasons = recentVerdicts.get(key)?.verdict.reasons;
  recentVerdicts.delete(key);
  if (!reasons) {
    const s = await standingOf(scope, post.author_member_id);
    const facts = await factsOf(scope, s, fingerprint(post.body), post.id);
    const text = post.kind === "opening" ? `${post.title}\n\n${post.body}` : post.body;
    reasons = assessSpam(text, { ...facts, isStaff: false, trust: Math.min(facts.trust, 1) }).reasons;
  }
  await scope
    .insertInto("community_flags", {
      post_id: postId,
      flagger_member_id: null,
      source: "spam_check",
      reason: "spam",
      note: (reasons.length > 0 ? reasons.join("; ") : "held by the spam check").slice(0, 1000),
      // The post is already hidden; the weight of an automatic flag says nothing about people.
      weight: 0,
    })
    .execute();
}

export async function recordFingerprint(scope: TenantScope, postId: string): Promise<void> {
  const post = await loadPost(scope, postId);
  if (!post) return;
  const fp = fingerprint(post.body);
  await scope
    .insertInto("community_post_fingerprints", {
      post_id: post.id,
      member_id: post.author_member_id,
      text_hash: fp.textHash,
      simhash: fp.simhash.toString(),
      word_count: fp.wordCount,
      created_at: post.created_at,
    })
    .onConflict((oc) => oc.columns(["post_id", "workspace_id"]).doNothing())
    .execute();
}

/** The community event listener: new posts are fingerprinted, held ones get their queue flag. */
export async function spamListener(ctx: EventContext, event: CommunityEvent) {
  if (event.type === "topic.created" || event.type === "post.created") {
    await recordFingerprint(ctx.scope, event.postId);
    await fileSpamFlag(ctx.scope, event.postId);
  } else if (event.type === "post.hidden" && event.reason === "spam") {
    await fileSpamFlag(ctx.scope, event.postId);
  }
}
