import type { TestServer } from "../../../../test/harness.ts";
import { permissionsOf } from "../../../platform/auth/permissions.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { findActorForUser } from "../../accounts/memberships.repo.ts";
import { findUserByEmail } from "../../accounts/users.repo.ts";
import { emitCommunityEvent } from "../events.ts";
import { ensureMemberForActor, type Member } from "../members.ts";
import { assertCanPost } from "./rate-limit.ts";
import { checkNewPost } from "./spam-check.ts";

/**
 * Test data for the moderation tests. The core part's topic and post API was not on this
 * branch, so categories, topics and posts are written here with SQL, and `postAsCore` does
 * what the core part does when a member posts: rate limit, spam check, insert (held posts
 * hidden with reason spam), then the community event.
 */
const DAY = 86_400_000;

export function scopeOf(server: TestServer, workspaceId: string) {
  return new TenantScope(server.runtime.ctx.db, workspaceId);
}

/** The community member of a signed-in person, with a trust level and a join date if given. */
export async function memberFor(
  server: TestServer,
  workspaceId: string,
  email: string,
  opts: { trust?: number; joinedDaysAgo?: number } = {},
): Promise<Member> {
  const { db } = server.runtime.ctx;
  const user = await findUserByEmail(db, email);
  const actor = user && (await findActorForUser(db, user.id, undefined));
  if (!actor) throw new Error(`no actor for ${email}`);
  const scope = scopeOf(server, workspaceId);
  const member = await ensureMemberForActor(scope, {
    ...actor,
    via: "token",
    permissions: permissionsOf(actor.role),
  });
  await scope
    .updateTable("community_members")
    .set({
      updated_at: new Date(),
      ...(opts.trust !== undefined ? { trust_level: opts.trust } : {}),
      ...(opts.joinedDaysAgo !== undefined
        ? { created_at: new Date(Date.now() - opts.joinedDaysAgo * DAY) }
        : {}),
    })
    .where("id", "=", member.id)
    .execute();
  return { ...member, trustLevel: opts.trust ?? member.trustLevel };
}

let seq = 0;
export async function category(server: TestServer, workspaceId: string, visibility = "public" as const) {
  seq++;
  const row = await scopeOf(server, workspaceId)
    .insertInto("community_categories", { name: `Speakers ${seq}`, slug: `speakers-${seq}`, visibility })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function topic(
  server: TestServer,
  workspaceId: string,
  authorId: string,
  opts: { categoryId: string; title?: string; body?: string; kind?: "question" | "discussion" },
) {
  const scope = scopeOf(server, workspaceId);
  const title = opts.title ?? `Error 1013 on my Play:5 (${++seq})`;
  const t = await scope
    .insertInto("community_topics", {
      category_id: opts.categoryId,
      kind: opts.kind ?? "question",
      title,
      slug: title.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
      author_member_id: authorId,
    })
    .returning(["id", "number"])
    .executeTakeFirstOrThrow();
  const p = await scope
    .insertInto("community_posts", {
      topic_id: t.id,
      kind: "opening",
      author_member_id: authorId,
      body: opts.body ?? "It stopped playing after the update. What can I do?",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { topicId: t.id, number: Number(t.number), openingPostId: p.id };
}

export async function answer(
  server: TestServer,
  workspaceId: string,
  topicId: string,
  authorId: string,
  opts: {
    body?: string;
    accepted?: boolean;
    parentPostId?: string;
    minutesAgo?: number;
    score?: number;
  } = {},
) {
  const p = await scopeOf(server, workspaceId)
    .insertInto("community_posts", {
      topic_id: topicId,
      kind: opts.parentPostId ? "comment" : "answer",
      parent_post_id: opts.parentPostId ?? null,
      author_member_id: authorId,
      body: opts.body ?? `Try restarting the router (${++seq}).`,
      accepted: opts.accepted ?? false,
      score: opts.score ?? 0,
      created_at: new Date(Date.now() - (opts.minutesAgo ?? 0) * 60_000),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  // The core counts the answers readers see.
  if (!opts.parentPostId)
    await scopeOf(server, workspaceId)
      .updateTable("community_topics")
      .set((eb) => ({ answer_count: eb("answer_count", "+", 1) }))
      .where("id", "=", topicId)
      .execute();
  return p.id;
}

/** What the core part does when a member answers a topic (see register.ts). */
export async function postAsCore(
  server: TestServer,
  workspaceId: string,
  member: Member,
  topicId: string,
  body: string,
) {
  const { db, boss } = server.runtime.ctx;
  return inTransaction(db, async (tx) => {
    const scope = new TenantScope(tx, workspaceId);
    await assertCanPost(scope, member);
    const verdict = await checkNewPost(scope, member, body);
    const p = await scope
      .insertInto("community_posts", {
        topic_id: topicId,
        kind: "answer",
        author_member_id: member.id,
        body,
        hidden: verdict.hold,
        hidden_reason: verdict.hold ? "spam" : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await emitCommunityEvent(
      { scope, boss },
      { type: "post.created", topicId, postId: p.id, memberId: member.id, kind: "answer" },
    );
    return { postId: p.id, ...verdict };
  });
}
