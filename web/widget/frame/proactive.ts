import type { Proactive } from "./api.ts";

/**
 * Proactive messages: a `page` message shows after its delay while the visitor stays on a
 * page matching its URL pattern; an `event` message shows when the host app calls
 * Rapport.track(name). Each shows at most once per visitor session (sessionStorage), and a
 * page change (including a single-page app's pushState) cancels the timers of the last page.
 */
export function urlMatches(pattern: string, url: string): boolean {
  let target = url;
  // A pattern starting with "/" is about the path (and query), whatever the host.
  if (pattern.startsWith("/")) {
    try {
      const u = new URL(url);
      target = u.pathname + u.search;
    } catch {
      return false;
    }
  }
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${escaped}$`, "i").test(target);
}

export class ProactiveRules {
  private items: Proactive[] = [];
  private timers: Array<ReturnType<typeof setTimeout>> = [];
  private readonly show: (item: Proactive) => void;
  constructor(show: (item: Proactive) => void) {
    this.show = show;
  }

  load(items: Proactive[], currentUrl: string | null): void {
    this.items = items;
    if (currentUrl) this.page(currentUrl);
  }

  page(url: string): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
    for (const item of this.items) {
      if (item.trigger !== "page" || (item.urlPattern && !urlMatches(item.urlPattern, url))) continue;
      this.schedule(item);
    }
  }

  event(name: string): void {
    for (const item of this.items)
      if (item.trigger === "event" && item.eventName === name) this.schedule(item);
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }

  private schedule(item: Proactive) {
    if (shown(item.id)) return;
    this.timers.push(
      setTimeout(() => {
        if (shown(item.id)) return;
        remember(item.id);
        this.show(item);
      }, item.delaySeconds * 1000),
    );
  }
}

const STORE = "rapport.proactive.shown";
function shown(id: string): boolean {
  try {
    return (sessionStorage.getItem(STORE) ?? "").split(",").includes(id);
  } catch {
    return false;
  }
}
function remember(id: string) {
  try {
    sessionStorage.setItem(STORE, `${sessionStorage.getItem(STORE) ?? ""},${id}`);
  } catch {
    // no storage: it may show again on the next page, which is harmless
  }
}
