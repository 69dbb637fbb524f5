import "./frame.css";
import type { FrameToHost, HostToFrame } from "../bridge.ts";
import { WidgetApi } from "./api.ts";
import { ChatApp } from "./app.ts";
import { buildView } from "./view.ts";

/**
 * The frame's entry (/widget/frame?key=…&origin=…). It talks to the loader on the host page
 * only: messages are sent to the host's origin alone and accepted only from the parent
 * window at that origin. The origin the loader states is checked against what the browser
 * says embeds us (ancestorOrigins, where supported), so a page cannot claim another's origin.
 */
const params = new URLSearchParams(location.search);
const key = params.get("key") ?? "";
const stated = params.get("origin") ?? "";
const ancestor = (location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins?.[0];
const hostOrigin = ancestor ?? stated;
const embedded = window.parent !== window;

function toHost(message: FrameToHost) {
  if (embedded && hostOrigin) window.parent.postMessage(message, hostOrigin);
}

const root = document.getElementById("rapport-chat") as HTMLElement;
const view = buildView(root);
const app = new ChatApp(new WidgetApi(key), view, toHost);

type Hello = Extract<HostToFrame, { rapport: "hello" }>;
let resolveHello: (hello: Hello | null) => void = () => {};
const hello = new Promise<Hello | null>((resolve) => {
  resolveHello = resolve;
});
/** The loader says hello right after "ready"; a frame opened on its own hears nothing. */
const waitForHello = () =>
  Promise.race([hello, new Promise<null>((r) => setTimeout(() => r(null), embedded ? 1500 : 0))]);

window.addEventListener("message", (event: MessageEvent) => {
  if (!embedded || event.source !== window.parent || event.origin !== hostOrigin) return;
  const data = event.data as HostToFrame | null;
  if (!data || typeof data !== "object" || typeof data.rapport !== "string") return;
  if (data.rapport === "hello") resolveHello(data);
  else app.fromHost(data);
});

// The open panel is a dialog: Esc closes it, and Tab stays inside it.
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") {
    toHost({ rapport: "close" });
    return;
  }
  if (event.key !== "Tab") return;
  const focusable = [
    ...root.querySelectorAll<HTMLElement>(
      "button:not([disabled]), [href], input:not([disabled]), textarea, [tabindex='0']",
    ),
  ].filter((el) => el.offsetParent !== null);
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
});

void app.start(waitForHello);
