import type { WidgetClientFrame, WidgetServerFrame } from "../../../contracts/widget.ts";

/**
 * The live line to Rapport (GET /api/v1/widget/socket): `auth` first, then frames both ways.
 * It reconnects with growing, jittered delays (1 s doubling to 30 s) when the line drops, and
 * pings every 25 s so proxies keep it open and a dead line is noticed: no pong within 10 s
 * counts as dropped. Frames sent while down are queued and flushed after `ready`, except
 * typing and read, which are stale by then.
 */
export class WidgetSocket {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private stopped = false;
  private queue: WidgetClientFrame[] = [];
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private pongTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  connected = false;

  private readonly token: () => string | null;
  private readonly onFrame: (frame: WidgetServerFrame) => void;
  private readonly onState: (connected: boolean) => void;

  constructor(
    token: () => string | null,
    onFrame: (frame: WidgetServerFrame) => void,
    onState: (connected: boolean) => void,
  ) {
    this.token = token;
    this.onFrame = onFrame;
    this.onState = onState;
  }

  connect(): void {
    this.stopped = false;
    if (this.ws) return;
    const token = this.token();
    if (!token) return;
    const url = new URL("/api/v1/widget/socket", location.href);
    url.protocol = location.protocol === "https:" ? "wss:" : "ws:";
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.onopen = () => ws.send(JSON.stringify({ type: "auth", token } satisfies WidgetClientFrame));
    ws.onmessage = (event) => {
      let frame: WidgetServerFrame;
      try {
        frame = JSON.parse(String(event.data)) as WidgetServerFrame;
      } catch {
        return;
      }
      if (frame.type === "pong") {
        clearTimeout(this.pongTimer);
        return;
      }
      if (frame.type === "ready") {
        this.attempt = 0;
        this.connected = true;
        this.onState(true);
        this.startPing();
        const queued = this.queue;
        this.queue = [];
        for (const f of queued) this.send(f);
      }
      this.onFrame(frame);
    };
    ws.onclose = (event) => {
      this.ws = null;
      const was = this.connected;
      this.connected = false;
      this.stopPing();
      if (was) this.onState(false);
      // 4401: the token is not (or no longer) valid; retrying would not change that.
      if (this.stopped || event.code === 4401) return;
      const delay = Math.min(30_000, 1000 * 2 ** this.attempt) * (0.75 + Math.random() * 0.5);
      this.attempt += 1;
      this.retryTimer = setTimeout(() => this.connect(), delay);
    };
  }

  send(frame: WidgetClientFrame): boolean {
    if (this.ws && this.connected && this.ws.readyState === WebSocket.OPEN) {
      this.ws.send(JSON.stringify(frame));
      return true;
    }
    if (frame.type === "message" || frame.type === "page" || frame.type === "attributes")
      this.queue.push(frame);
    return false;
  }

  close(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.stopPing();
    this.queue = [];
    this.ws?.close(1000);
    this.ws = null;
    this.connected = false;
  }

  private startPing() {
    this.stopPing();
    this.pingTimer = setInterval(() => {
      if (!this.send({ type: "ping" })) return;
      clearTimeout(this.pongTimer);
      this.pongTimer = setTimeout(() => this.ws?.close(4000), 10_000);
    }, 25_000);
  }

  private stopPing() {
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
  }
}
