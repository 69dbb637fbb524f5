/**
 * Who may embed the chat frame. The frame page's Content-Security-Policy names the widget's
 * allowed host origins in `frame-ancestors` (every site when the list is empty), so a browser
 * refuses to show the chat inside any other site. The loader also states the host's origin
 * (`?origin=`), which lets an unlisted site get a clear error in its console instead of an
 * empty box; a site that lies about its origin is still stopped by frame-ancestors.
 */
export function frameAncestors(allowedOrigins: string[]): string {
  return allowedOrigins.length === 0 ? "*" : allowedOrigins.join(" ");
}

export function originAllowed(allowedOrigins: string[], origin: string | undefined): boolean {
  if (allowedOrigins.length === 0) return true;
  return origin !== undefined && allowedOrigins.includes(origin);
}

/**
 * The frame's policy: its own scripts only, and talk to Rapport only. It has no inline script
 * at all, so it needs no nonce either: stricter than the app's policy.
 */
export function frameCsp(ancestors: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    // Agents' photos may be remote; attachments open from blob: URLs.
    "img-src 'self' data: blob: https:",
    "connect-src 'self' ws: wss:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${ancestors}`,
  ].join("; ");
}

/**
 * The page a refused frame shows: it tells the loader why (which logs it on the host page's
 * console) and says it in the box. Its only script is this fixed text; nothing from the
 * request is echoed into it. `nonce` is the response's (csp-nonce.ts).
 */
export function refusedPage(message: string, nonce: string): { html: string; csp: string } {
  const text = JSON.stringify(message).replace(/</g, "\\u003c");
  const escaped = message.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Chat unavailable</title></head><body style="font:15px system-ui,sans-serif;padding:16px;color:#1a1b1e"><main><p>${escaped}</p></main><script nonce="${nonce}">parent.postMessage({rapport:"error",message:${text}},"*")</script></body></html>`;
  return {
    html,
    // Its one inline script by nonce; its inline style attribute may stay (it cannot run code).
    csp: `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; frame-ancestors *`,
  };
}
