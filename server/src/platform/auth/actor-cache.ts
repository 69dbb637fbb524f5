/**
 * Who a token or session user is, remembered for a few seconds so a busy caller costs no
 * database round trip per request to authenticate.
 *
 * Safe because it is forgotten whenever it could be wrong:
 * - migration 0009 makes PostgreSQL announce every change to tokens, memberships, workspaces
 *   and users (NOTIFY rapport_auth); each process's realtime listener then calls `forgetAll`;
 * - the process that made the change also calls `forgetAll` right after its commit, so its
 *   own next request never races the notice;
 * - while no listener is connected (a CLI, or the listener's connection dropped) nothing is
 *   cached at all;
 * - a lookup that started before a forget is not stored (the generation check).
 * The TTL bounds staleness should a notice ever be lost.
 */
const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

type Entry<T> = { value: T; until: number };
const entries = new Map<string, Entry<unknown>>();
let generation = 0;
let listening = 0;

/** The cached value, or a fresh one from `load` (cached only if nothing was forgotten meanwhile). */
export async function cachedActor<T>(
  key: string,
  load: () => Promise<T | undefined>,
): Promise<T | undefined> {
  if (listening > 0) {
    const hit = entries.get(key);
    if (hit && hit.until > Date.now()) return hit.value as T;
  }
  const startedAt = generation;
  const value = await load();
  if (value !== undefined && listening > 0 && startedAt === generation) {
    if (entries.size >= MAX_ENTRIES) entries.clear();
    entries.set(key, { value, until: Date.now() + TTL_MS });
  }
  return value;
}

/** Drops every cached actor (auth data changed somewhere). */
export function forgetAllActors(): void {
  generation++;
  entries.clear();
}

/** The realtime listener reports when it starts and stops hearing auth change notices. */
export function authNoticesHeard(heard: boolean): void {
  listening = Math.max(0, listening + (heard ? 1 : -1));
  forgetAllActors();
}

export const AUTH_CHANNEL = "rapport_auth";
