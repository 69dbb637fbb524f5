import type { WidgetAvailability } from "../../../../../contracts/widget.ts";

/**
 * The public availability answer is asked by every widget on every page view, so it is kept
 * per workspace for a few seconds. Changes made in this process (an agent connects or leaves,
 * a capacity changes, a chat is assigned) forget it at once; other processes' changes show
 * within CACHE_MS, which is the honest delay a visitor can live with.
 */
export const CACHE_MS = 5_000;

const cache = new Map<string, { at: number; value: WidgetAvailability }>();

export function cachedAvailability(workspaceId: string, now = Date.now()): WidgetAvailability | undefined {
  const hit = cache.get(workspaceId);
  if (!hit) return undefined;
  if (now - hit.at > CACHE_MS) {
    cache.delete(workspaceId);
    return undefined;
  }
  return hit.value;
}

export function rememberAvailability(workspaceId: string, value: WidgetAvailability, now = Date.now()) {
  // Bounded: an install has few workspaces, but a stranger's requests must not grow this.
  if (cache.size > 10_000) cache.clear();
  cache.set(workspaceId, { at: now, value });
}

export function forgetAvailability(workspaceId: string) {
  cache.delete(workspaceId);
}
