import { useEffect, useRef } from "react";

/** Keys are single characters ("j", "?", "/") or two-key sequences written "g i". */
export type Bindings = Record<string, () => void>;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
}

/**
 * Single-key shortcuts for people who live in the app. They never fire while typing in a
 * field or with Ctrl/Alt/Meta held, so they cannot eat text or browser shortcuts.
 */
export function useShortcuts(bindings: Bindings, enabled = true) {
  const latest = useRef(bindings);
  latest.current = bindings;

  useEffect(() => {
    if (!enabled) return;
    let prefix: string | null = null;
    let prefixTimer: ReturnType<typeof setTimeout> | undefined;

    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target)) return;
      // A dialog owns the keyboard while it is open (except for its own handlers).
      if (document.querySelector("[role=dialog][aria-modal=true]")) return;
      const key = event.key;
      const sequence = prefix ? `${prefix} ${key}` : null;
      prefix = null;
      clearTimeout(prefixTimer);
      const action = (sequence && latest.current[sequence]) || latest.current[key];
      if (action) {
        event.preventDefault();
        action();
        return;
      }
      if (Object.keys(latest.current).some((k) => k.startsWith(`${key} `))) {
        prefix = key;
        prefixTimer = setTimeout(() => {
          prefix = null;
        }, 1500);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("keydown", onKey);
      clearTimeout(prefixTimer);
    };
  }, [enabled]);
}
