import type { FastifyBaseLogger } from "fastify";
import type { Db } from "../../../platform/db/pool.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { forgetAvailability } from "../availability/availability-cache.ts";
import { offerWaitingChatsOnConnect } from "./on-connect.ts";

/** How often a live staff socket refreshes its row; online means seen within ONLINE_WINDOW. */
export const HEARTBEAT_MS = 60_000;

/**
 * Staff presence for chat, across processes: a row per open staff socket, written when the
 * socket connects, refreshed once a minute while it lives (one small UPDATE per socket per
 * minute: cheap next to the socket itself), deleted when it closes. Returns the close hook.
 * Connecting also offers chats waiting with nobody on them (on-connect.ts).
 * Failures are logged, never thrown: presence must not break the realtime socket.
 */
export function trackStaffSocket(
  db: Db,
  log: FastifyBaseLogger,
  who: { workspaceId: string; membershipId: string },
): () => void {
  const scope = new TenantScope(db, who.workspaceId);
  const warn = (err: unknown) => log.warn({ err }, "staff presence not recorded");
  const inserted = scope
    .insertInto("staff_presence", { membership_id: who.membershipId })
    .returning("id")
    .executeTakeFirstOrThrow()
    .then(async (r) => {
      forgetAvailability(who.workspaceId);
      await offerWaitingChatsOnConnect(db, who.workspaceId).catch(warn);
      return r.id;
    })
    .catch((err) => {
      warn(err);
      return null;
    });
  const timer = setInterval(() => {
    void inserted
      .then((id) =>
        id
          ? scope
              .updateTable("staff_presence")
              .set({ last_seen_at: new Date() })
              .where("id", "=", id)
              .execute()
          : undefined,
      )
      .catch(warn);
  }, HEARTBEAT_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    void inserted
      .then(async (id) => {
        if (id) await scope.deleteFrom("staff_presence").where("id", "=", id).execute();
        forgetAvailability(who.workspaceId);
      })
      .catch(warn);
  };
}
