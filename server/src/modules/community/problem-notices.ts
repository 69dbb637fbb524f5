import { sql } from "kysely";
import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { UNTITLED_PUBLIC } from "../problems/case-problems.service.ts";
import { registerWorkaroundPublisher } from "../problems/workaround.ts";
import { emitCommunityEvent } from "./events.ts";
import type { Member } from "./members.ts";
import { type CoreCtx, writePost } from "./post-write.ts";

/**
 * When a problem linked to topics gets a public workaround or is marked fixed, each topic
 * gets an official post saying so. Problems announce through their workaround publisher
 * (problems/workaround.ts, called after the change committed, for workaround and status
 * changes alike); we read the problem as it is now, and community_problem_notices keeps one
 * post per topic, problem and kind, so repeated announcements post nothing twice.
 */

const SYSTEM_NAME = "Support team";

/** The workspace's own voice for notices nobody typed: a staff member without a login. */
async function systemMember(scope: TenantScope): Promise<Member> {
  await sql`select pg_advisory_xact_lock(hashtext(${`community-system:${scope.workspaceId}`}))`.execute(
    scope.db,
  );
  const columns = [
    "id",
    "user_id as userId",
    "customer_id as customerId",
    "is_staff as isStaff",
    "display_name as displayName",
    "reputation",
    "trust_level as trustLevel",
    "penalty_until as penaltyUntil",
  ] as const;
  const found = await scope
    .selectFrom("community_members")
    .select(columns)
    .where("is_staff", "=", true)
    .where("user_id", "is", null)
    .where("customer_id", "is", null)
    .orderBy("created_at")
    .executeTakeFirst();
  if (found) return found;
  return scope
    .insertInto("community_members", {
      display_name: SYSTEM_NAME,
      is_staff: true,
      user_id: null,
      customer_id: null,
    })
    .returning(columns)
    .executeTakeFirstOrThrow();
}

/** Posts what the problem's current state calls for on its topics (all of them, or those given). */
export async function postProblemNotices(
  ctx: CoreCtx,
  scope: TenantScope,
  problemId: string,
  topicIds?: string[],
): Promise<number> {
  const p = await scope
    .selectFrom("problems")
    .select(["public_title", "public_workaround", "status"])
    .where("id", "=", problemId)
    .executeTakeFirst();
  if (!p) return 0;
  const title = p.public_title ?? UNTITLED_PUBLIC;
  const due: Array<{ kind: "workaround" | "fixed"; body: string }> = [];
  if (p.public_workaround)
    due.push({
      kind: "workaround",
      body: `**A workaround is available** for "${title}":\n\n${p.public_workaround}`,
    });
  if (p.status === "fixed")
    due.push({ kind: "fixed", body: `**Fixed:** "${title}" is marked fixed. Thank you for your patience.` });
  if (due.length === 0) return 0;
  let q = scope.selectFrom("community_topics").select("id").where("problem_id", "=", problemId);
  if (topicIds)
    q = q.where("id", "in", topicIds.length > 0 ? topicIds : ["00000000-0000-0000-0000-000000000000"]);
  const topics = await q.execute();
  let posted = 0;
  for (const t of topics) {
    for (const d of due) {
      const claimed = await scope
        .insertInto("community_problem_notices", { topic_id: t.id, problem_id: problemId, kind: d.kind })
        .onConflict((oc) => oc.doNothing())
        .returning("kind")
        .executeTakeFirst();
      if (!claimed) continue;
      const member = await systemMember(scope);
      const post = await writePost(ctx, scope, {
        topicId: t.id,
        kind: "answer",
        parentPostId: null,
        member,
        postedByUserId: null,
        official: true,
        body: d.body,
        system: true,
      });
      await scope
        .updateTable("community_problem_notices")
        .set({ post_id: post.id })
        .where("topic_id", "=", t.id)
        .where("problem_id", "=", problemId)
        .where("kind", "=", d.kind)
        .execute();
      await scope
        .updateTable("community_topics")
        .set((eb) => ({ answer_count: eb("answer_count", "+", 1), last_activity_at: new Date() }))
        .where("id", "=", t.id)
        .execute();
      await emitCommunityEvent(
        { scope, boss: ctx.boss },
        { type: "topic.official_post", topicId: t.id, postId: post.id },
      );
      posted++;
    }
  }
  return posted;
}

/** Listens to problems (once, when the routes are registered); returns the way to stop. */
export function registerProblemNotices(ctx: Pick<AppContext, "db" | "boss" | "log">): () => void {
  const sync = (workspaceId: string, problemId: string) =>
    inTransaction(ctx.db, async (tx) => {
      await postProblemNotices(ctx, new TenantScope(tx, workspaceId), problemId);
    });
  return registerWorkaroundPublisher({
    publish: (w) => sync(w.workspaceId, w.problemId),
    withdraw: (workspaceId, problemId) => sync(workspaceId, problemId),
  });
}
