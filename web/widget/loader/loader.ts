import type { FrameToHost, HostToFrame, WidgetIdentityInput } from "../bridge.ts";
import { loaderCss } from "./styles.ts";

/**
 * widget.js: the one script a host site embeds
 * (`<script src="https://rapport.example/widget.js" data-key="pk_…" async></script>`).
 *
 * It draws the launcher inside a closed shadow root and opens the chat in an iframe from
 * Rapport's origin, so neither the host page's CSS nor its scripts can reach the chat, and the
 * chat cannot touch the page. It runs on the host page with the host's globals, which a page
 * may have replaced (Array/JSON/fetch overridden): so it uses no JSON, no fetch and no Array
 * methods, only DOM calls, plain loops and postMessage (structured clone).
 */
type Listener = (message: { body: string; authorName: string; createdAt: string }) => void;
type RapportApi = {
  open: () => void;
  close: () => void;
  identify: (identity: WidgetIdentityInput) => void;
  setAttributes: (attributes: Record<string, unknown>) => void;
  track: (event: string) => void;
  on: (event: "message", fn: Listener) => () => void;
  shutdown: () => void;
};
declare global {
  interface Window {
    Rapport?: RapportApi;
  }
}

const CHAT_ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"/></svg>';
const CLOSE_ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19 12 13.4 17.6 19 19 17.6 13.4 12 19 6.4 17.6 5 12 10.6z"/></svg>';

function findScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.dataset.key) return current;
  return document.querySelector<HTMLScriptElement>("script[data-key][src*='widget.js']");
}

function wrapHistory(method: "pushState" | "replaceState", changed: () => void) {
  const original = history[method];
  history[method] = function (this: History, ...args: Parameters<History["pushState"]>) {
    const result = original.apply(this, args);
    changed();
    return result;
  };
}

/**
 * Browsers that refuse storage to third-party frames (Safari, private windows, blocked
 * third-party cookies) would lose the chat on every reload. Then the frame asks the loader to
 * keep the visitor's token in the host site's own storage. The host page can read it there,
 * which gives it nothing it does not have already: it is the visitor's own browser and site.
 */
function keptToken(name: string): string | null {
  try {
    return localStorage.getItem(name);
  } catch {
    return null;
  }
}
function keepToken(name: string, token: string | null) {
  try {
    if (token) localStorage.setItem(name, token);
    else localStorage.removeItem(name);
  } catch {
    // no storage here either: the chat lasts as long as the page
  }
}

function start() {
  const script = findScript();
  const key = script?.dataset.key;
  if (!script || !key) {
    console.error('Rapport widget: the <script> tag needs data-key="pk_…" (the widget\'s public key).');
    return;
  }
  if (window.Rapport) return; // embedded twice: the first one wins
  const rapportOrigin = new URL(script.src, location.href).origin;
  const storeName = `rapport.widget.${key}`;

  const host = document.createElement("rapport-chat");
  host.setAttribute("style", "all: initial !important; display: block !important;");
  const root = host.attachShadow({ mode: "closed" });
  const style = document.createElement("style");
  style.textContent = loaderCss;
  root.appendChild(style);

  const wrap = document.createElement("div");
  root.appendChild(wrap);

  const panel = document.createElement("div");
  panel.className = "panel";
  panel.hidden = true;
  const iframe = document.createElement("iframe");
  iframe.title = "Chat";
  iframe.setAttribute("allow", "clipboard-write");
  const frameUrl = new URL("/widget/frame", rapportOrigin);
  frameUrl.searchParams.set("key", key);
  frameUrl.searchParams.set("origin", location.origin);
  iframe.src = frameUrl.href;
  panel.appendChild(iframe);

  const bubble = document.createElement("div");
  bubble.className = "bubble";
  bubble.hidden = true;
  bubble.setAttribute("role", "status");
  const bubbleText = document.createElement("button");
  bubbleText.type = "button";
  bubbleText.className = "bubble-text";
  const bubbleClose = document.createElement("button");
  bubbleClose.type = "button";
  bubbleClose.className = "bubble-close";
  bubbleClose.setAttribute("aria-label", "Dismiss message");
  bubbleClose.textContent = "×";
  bubble.appendChild(bubbleText);
  bubble.appendChild(bubbleClose);

  const launcher = document.createElement("button");
  launcher.type = "button";
  launcher.className = "launcher";
  launcher.setAttribute("aria-haspopup", "dialog");
  launcher.setAttribute("aria-expanded", "false");
  const badge = document.createElement("span");
  badge.className = "badge";
  badge.hidden = true;
  let label = "Chat with us";

  wrap.appendChild(panel);
  wrap.appendChild(bubble);
  wrap.appendChild(launcher);

  let isOpen = false;
  let ready = false;
  let unread = 0;
  const pending: HostToFrame[] = [];
  const listeners: Listener[] = [];

  function post(message: HostToFrame) {
    if (!ready || !iframe.contentWindow) {
      pending[pending.length] = message;
      return;
    }
    iframe.contentWindow.postMessage(message, rapportOrigin);
  }

  function drawLauncher() {
    launcher.innerHTML = isOpen ? CLOSE_ICON : CHAT_ICON; // our own constant markup, never page text
    launcher.setAttribute(
      "aria-label",
      isOpen ? "Close chat" : unread > 0 ? `${label} (${unread} new)` : label,
    );
    launcher.setAttribute("aria-expanded", isOpen ? "true" : "false");
    badge.textContent = String(unread);
    badge.hidden = isOpen || unread === 0;
    launcher.appendChild(badge);
    wrap.className = isOpen ? "open" : "";
  }

  function open() {
    if (isOpen) return;
    isOpen = true;
    unread = 0;
    bubble.hidden = true;
    panel.hidden = false;
    drawLauncher();
    post({ rapport: "visible", open: true });
    iframe.focus();
  }

  function close() {
    if (!isOpen) return;
    isOpen = false;
    panel.hidden = true;
    drawLauncher();
    post({ rapport: "visible", open: false });
    launcher.focus();
  }

  launcher.addEventListener("click", () => (isOpen ? close() : open()));
  bubbleText.addEventListener("click", open);
  bubbleClose.addEventListener("click", () => {
    bubble.hidden = true;
  });
  root.addEventListener("keydown", (event) => {
    if ((event as KeyboardEvent).key === "Escape" && isOpen) close();
  });

  window.addEventListener("message", (event: MessageEvent) => {
    if (event.origin !== rapportOrigin || event.source !== iframe.contentWindow) return;
    const data = event.data as FrameToHost | null;
    if (!data || typeof data !== "object" || typeof data.rapport !== "string") return;
    switch (data.rapport) {
      case "ready":
        ready = true;
        if (/^#[0-9a-fA-F]{6}$/.test(data.accentColor)) wrap.style.setProperty("--accent", data.accentColor);
        if (data.label) label = data.label.slice(0, 100);
        drawLauncher();
        for (let i = 0; i < pending.length; i++) post(pending[i] as HostToFrame);
        pending.length = 0;
        if (isOpen) post({ rapport: "visible", open: true });
        break;
      case "open":
        open();
        break;
      case "close":
        close();
        break;
      case "message":
        if (!isOpen) {
          unread += 1;
          drawLauncher();
        }
        for (let i = 0; i < listeners.length; i++) {
          try {
            (listeners[i] as Listener)(data.message);
          } catch (err) {
            console.error("Rapport widget: a message listener failed", err);
          }
        }
        break;
      case "proactive":
        if (isOpen) break;
        bubbleText.textContent = data.body;
        bubble.hidden = false;
        break;
      case "error":
        console.error(`Rapport widget: ${data.message}`);
        break;
      case "keep":
        keepToken(storeName, typeof data.token === "string" ? data.token : null);
        break;
    }
  });

  // Single-page apps change the URL without loading a page: tell the frame, which re-evaluates
  // the proactive messages and shows the agent the visitor's current page.
  let lastUrl = location.href;
  const pageChanged = () => {
    if (location.href === lastUrl) return;
    lastUrl = location.href;
    post({ rapport: "page", url: location.href, title: document.title });
  };
  // Two plain statements, not a loop: a page may have replaced Array's iterator.
  wrapHistory("pushState", pageChanged);
  wrapHistory("replaceState", pageChanged);
  window.addEventListener("popstate", pageChanged);

  window.Rapport = {
    open,
    close,
    identify: (identity) => post({ rapport: "identify", identity }),
    setAttributes: (attributes) => post({ rapport: "attributes", attributes }),
    track: (event) => post({ rapport: "track", event: String(event) }),
    on: (event, fn) => {
      if (event !== "message" || typeof fn !== "function") return () => {};
      listeners[listeners.length] = fn;
      return () => {
        for (let i = 0; i < listeners.length; i++) if (listeners[i] === fn) listeners[i] = () => {};
      };
    },
    shutdown: () => {
      close();
      unread = 0;
      drawLauncher();
      post({ rapport: "shutdown" });
    },
  };

  drawLauncher();
  // The page the visitor is on now, and the token kept here for a frame whose own storage the
  // browser refuses (queued until the frame is ready, like every message).
  post({ rapport: "hello", url: location.href, title: document.title, token: keptToken(storeName) });
  document.documentElement.appendChild(host);
  // The top layer paints above every z-index the page can set (an overlay at 2147483647 too).
  host.setAttribute("popover", "manual");
  try {
    (host as HTMLElement & { showPopover?: () => void }).showPopover?.();
  } catch {
    // An old browser without popovers: the maximum z-index has to do.
  }
}

start();
