import { sql } from "kysely";
import type { NotificationPrefs, StaffNotification } from "../../../../contracts/notifications.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { decodeCursor, exactTime, toPage } from "../../platform/db/cursor.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { iso } from "../../platform/http/route-kit.ts";
import { publish } from "../../platform/realtime/publish.ts";

/**
 * Reading and clearing one's own notices. Every query is scoped to the workspace (TenantScope)
 * and to the signed-in user: nobody reads or marks another person's notices, and a foreign id
 * is simply "not found".
 */
type Ctx = Pick<AppContext, "db">;

export async function listNotifications(
  ctx: Ctx,
  actor: Actor,
  query: { cursor?: string | undefined; limit: number; unread?: "true" | "false" | undefined },
) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const after = decodeCursor(query.cursor);
  const n = "staff_notifications" as const;
  let q = scope
    .selectFrom(n)
    .leftJoin("cases", "cases.id", `${n}.case_id`)
    .select([
      `${n}.id`,
      `${n}.kind`,
      `${n}.title`,
      `${n}.summary`,
      `${n}.case_id`,
      "cases.number",
      `${n}.link`,
      `${n}.subject_type`,
      `${n}.subject_id`,
      `${n}.created_at`,
      `${n}.read_at`,
      exactTime(`${n}.created_at`).as("at"),
    ])
    .where(`${n}.recipient_user_id`, "=", actor.userId);
  if (query.unread === "true") q = q.where(`${n}.read_at`, "is", null);
  if (after)
    q = q.where(
      sql<boolean>`(staff_notifications.created_at, staff_notifications.id) < (${after.at}::timestamptz, ${after.id}::uuid)`,
    );
  const rows = await q
    .orderBy(`${n}.created_at`, "desc")
    .orderBy(`${n}.id`, "desc")
    .limit(query.limit + 1)
    .execute();
  const page = toPage(rows, query.limit, (r) => [r.at, r.id]);
  return {
    items: page.items.map(
      (r): StaffNotification => ({
        id: r.id,
        kind: r.kind,
        title: r.title,
        summary: r.summary,
        caseId: r.case_id,
        caseNumber: r.number === null || r.number === undefined ? null : Number(r.number),
        link: r.link ?? (r.case_id ? `/app/cases/${r.case_id}` : null),
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        createdAt: iso(r.created_at),
        readAt: iso(r.read_at),
      }),
    ),
    nextCursor: page.nextCursor,
    unreadCount: await unreadCount(scope, actor.userId),
  };
}

async function unreadCount(scope: TenantScope, userId: string): Promise<number> {
  const row = await scope
    .selectFrom("staff_notifications")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("recipient_user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one of my notices read (again is fine: the first read time stays). */
export async function markRead(ctx: Ctx, actor: Actor, id: string) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const row = await scope
      .updateTable("staff_notifications")
      .set({ read_at: sql`coalesce(read_at, now())` })
      .where("id", "=", id)
      .where("recipient_user_id", "=", actor.userId)
      .returning(["id"])
      .executeTakeFirst();
    if (!row) throw new AppError("not_found", "Notification was not found");
    await tellMyTabs(scope, actor.userId);
    return { id, unreadCount: await unreadCount(scope, actor.userId) };
  });
}

export async function markAllRead(ctx: Ctx, actor: Actor) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const res = await scope
      .updateTable("staff_notifications")
      .set({ read_at: sql`now()` })
      .where("recipient_user_id", "=", actor.userId)
      .where("read_at", "is", null)
      .executeTakeFirst();
    const marked = Number(res.numUpdatedRows);
    if (marked > 0) await tellMyTabs(scope, actor.userId);
    return { marked, unreadCount: await unreadCount(scope, actor.userId) };
  });
}

/** My other open tabs update their count too. */
async function tellMyTabs(scope: TenantScope, userId: string) {
  await publish(scope.db, {
    workspaceId: scope.workspaceId,
    audience: { kind: "user", userId },
    event: { type: "notifications.changed", change: "read" },
  });
}

export async function readPrefs(ctx: Ctx, actor: Actor): Promise<NotificationPrefs> {
  const rows = await new TenantScope(ctx.db, actor.workspaceId)
    .selectFrom("staff_notification_mutes")
    .select("kind")
    .where("user_id", "=", actor.userId)
    .orderBy("kind")
    .execute();
  return { muted: rows.map((r) => r.kind) };
}

/** Replaces my muted kinds as a whole. */
export async function writePrefs(ctx: Ctx, actor: Actor, prefs: NotificationPrefs) {
  const muted = [...new Set(prefs.muted)];
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    await scope.deleteFrom("staff_notification_mutes").where("user_id", "=", actor.userId).execute();
    for (const kind of muted)
      await scope.insertInto("staff_notification_mutes", { user_id: actor.userId, kind }).execute();
  });
  return readPrefs(ctx, actor);
}
