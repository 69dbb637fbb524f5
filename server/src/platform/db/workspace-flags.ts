/**
 * Small per-workspace facts that hot paths ask on every request ("does this workspace have any
 * routing configured?") remembered in memory, so a workspace that uses nothing pays nothing.
 *
 * Safe the same way as the actor cache (auth/actor-cache.ts):
 * - the tables the flags are read from announce every change (NOTIFY rapport_config, migration
 *   0043); each process's realtime listener (realtime/hub.ts) then forgets everything;
 * - the process that changes them also forgets at once (`forgetWorkspaceFlags`), so its own
 *   next request never races the notice;
 * - while no listener is connected (a CLI, a dropped connection) nothing is cached;
 * - a load that started before a forget is not stored (the generation check).
 * The TTL bounds staleness should a notice ever be lost.
 */
const TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

export const CONFIG_CHANNEL = "rapport_config";

type Entry = { value: unknown; until: number };
const entries = new Map<string, Entry>();
let generation = 0;
let listening = 0;

export async function cachedWorkspaceFlags<T>(key: string, load: () => Promise<T>): Promise<T> {
  if (listening > 0) {
    const hit = entries.get(key);
    if (hit && hit.until > Date.now()) return hit.value as T;
  }
  const startedAt = generation;
  const value = await load();
  if (listening > 0 && startedAt === generation) {
    if (entries.size >= MAX_ENTRIES) entries.clear();
    entries.set(key, { value, until: Date.now() + TTL_MS });
  }
  return value;
}

/** Something a flag is read from changed (here or, through the notice, in another process). */
export function forgetWorkspaceFlags(): void {
  generation++;
  entries.clear();
}

/** The realtime listener reports when it starts and stops hearing config change notices. */
export function configNoticesHeard(heard: boolean): void {
  listening = Math.max(0, listening + (heard ? 1 : -1));
  forgetWorkspaceFlags();
}
