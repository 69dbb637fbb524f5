/**
 * The visitor's token, in the frame's own localStorage (Rapport's origin, partitioned by the
 * host site in browsers that partition third-party storage): the host page cannot read it, and
 * the conversation survives reloads and navigation on that site. Browsers that refuse storage
 * to third-party frames (Safari, private windows, blocked third-party cookies) get the loader
 * to keep it in the host site's storage instead (`keep`), and hand it back in its `hello`.
 */
export function tokenStore(key: string, keepWithHost: (token: string | null) => void) {
  const name = `rapport.widget.${key}`;
  let memory: string | null = null;
  let own = true;
  return {
    /** The token from before: ours, else the one the host kept (from its `hello`). */
    get(fromHost: string | null): string | null {
      try {
        return localStorage.getItem(name) ?? memory ?? fromHost;
      } catch {
        own = false;
        return memory ?? fromHost;
      }
    },
    set(token: string | null) {
      memory = token;
      try {
        if (token) localStorage.setItem(name, token);
        else localStorage.removeItem(name);
      } catch {
        own = false;
      }
      if (!own) keepWithHost(token);
    },
  };
}

/** A random id for the help-suggestion session (8–64 url-safe characters). */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
