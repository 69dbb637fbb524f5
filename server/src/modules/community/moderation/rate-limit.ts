import type { TenantScope } from "../../../platform/db/tenant.ts";
import { AppError } from "../../../platform/http/errors.ts";
import type { Member } from "../members.ts";
import { isTrusted, standingOf } from "./standing.ts";

/**
 * How often a member may post, by trust: new accounts (trust 0, or anyone under a penalty)
 * a few times per ten minutes and per day, basic members (trust 1) more, trusted members and
 * staff without limit. Deleted posts still count: deleting does not buy another try.
 */
type Window = { minutes: number; max: number };

export const POST_LIMITS: Record<0 | 1, Window[]> = {
  0: [
    { minutes: 10, max: 3 },
    { minutes: 24 * 60, max: 10 },
  ],
  1: [
    { minutes: 10, max: 10 },
    { minutes: 24 * 60, max: 50 },
  ],
};

const WHO = { 0: "New members", 1: "Basic members" } as const;

function describe(minutes: number): string {
  if (minutes >= 24 * 60) return "a day";
  if (minutes >= 60) return `${Math.round(minutes / 60)} hours`;
  return `${minutes} minutes`;
}

function inHowLong(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.ceil(minutes / 60);
  return `${hours} hour${hours === 1 ? "" : "s"}`;
}

/** Throws a 429 naming when the member may post again, else returns. */
export async function assertCanPost(scope: TenantScope, member: Member): Promise<void> {
  const s = await standingOf(scope, member.id);
  if (isTrusted(s)) return;
  const level = s.effectiveTrust === 0 ? 0 : 1;
  const windows = POST_LIMITS[level];
  const longest = Math.max(...windows.map((w) => w.minutes));
  const now = Date.now();
  const times = (
    await scope
      .selectFrom("community_posts")
      .select("created_at")
      .where("author_member_id", "=", member.id)
      .where("created_at", ">", new Date(now - longest * 60_000))
      .orderBy("created_at", "desc")
      .execute()
  ).map((r) => r.created_at.getTime());
  let until = 0;
  let hit: Window | null = null;
  for (const w of windows) {
    const inWindow = times.filter((t) => t > now - w.minutes * 60_000);
    if (inWindow.length < w.max) continue;
    // The post that must age out of the window before one more fits.
    const oldestThatCounts = inWindow[w.max - 1] as number;
    const free = oldestThatCounts + w.minutes * 60_000;
    if (free > until) {
      until = free;
      hit = w;
    }
  }
  if (!hit) return;
  const at = new Date(until).toISOString().slice(0, 16).replace("T", " ");
  const penalty = s.effectiveTrust !== s.trustLevel ? " (your trust level is held at 0 by a penalty)" : "";
  throw new AppError(
    "rate_limited",
    `${WHO[level]} may post ${hit.max} times in ${describe(hit.minutes)}${penalty}. ` +
      `You can post again at ${at} UTC (in ${inHowLong(until - now)}).`,
  );
}
