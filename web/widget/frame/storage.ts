/**
 * The visitor's token, in the frame's own localStorage (Rapport's origin, partitioned by the
 * host site in browsers that partition third-party storage): the host page cannot read it, and
 * the conversation survives reloads and navigation on that site. Storage may be refused
 * (private modes, blocked cookies): then the chat lasts as long as the page.
 */
export function tokenStore(key: string) {
  const name = `rapport.widget.${key}`;
  let memory: string | null = null;
  return {
    get(): string | null {
      try {
        return localStorage.getItem(name) ?? memory;
      } catch {
        return memory;
      }
    },
    set(token: string | null) {
      memory = token;
      try {
        if (token) localStorage.setItem(name, token);
        else localStorage.removeItem(name);
      } catch {
        // kept in memory only
      }
    },
  };
}

/** A random id for the help-suggestion session (8–64 url-safe characters). */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
