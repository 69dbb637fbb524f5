import pg from "pg";
import type { Logger } from "pino";
import type { WebSocket } from "ws";
import { AUTH_CHANNEL, authNoticesHeard, forgetAllActors } from "../auth/actor-cache.ts";
import { assertSessionConnection } from "../db/direct.ts";
import { CONFIG_CHANNEL, configNoticesHeard, forgetWorkspaceFlags } from "../db/workspace-flags.ts";
import { type Envelope, REALTIME_CHANNEL } from "./publish.ts";

/**
 * Each app process keeps one dedicated LISTEN connection and fans events out to its own
 * WebSocket clients. With several processes on one database, every process hears every
 * NOTIFY, so a client sees events whichever process served the write.
 */
export type Subscriber = { workspaceId: string; userId: string; isStaff: boolean; socket: WebSocket };

/**
 * A cache elsewhere in the process that must hear a channel's change notices: `notice` for each,
 * `heard(false)` when the connection is lost (nothing may be remembered then, as a notice could
 * be missed) and `heard(true)` once listening (again).
 */
export type ChannelListener = { notice: (payload: string) => void; heard: (heard: boolean) => void };

export class RealtimeHub {
  private readonly subscribers = new Set<Subscriber>();
  /** In-process listeners that fan events out their own way (the community's public streams). */
  private readonly taps = new Set<(envelope: Envelope) => void>();
  private client: pg.Client | undefined;
  private closed = false;
  private readonly url: string;
  private readonly log: Logger;
  /** Other channels heard on the same connection, and who hears them (`hear`). */
  private readonly channels = new Map<string, Set<ChannelListener>>();
  /** Whether this hub currently counts as a listener for auth change notices. */
  private hearingAuth = false;
  /** Whether the connection was proved to keep its session (once, at the first start). */
  private proved = false;

  constructor(url: string, log: Logger) {
    this.url = url;
    this.log = log;
  }

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on("notification", (msg) => {
      if (msg.channel === REALTIME_CHANNEL && msg.payload) this.dispatch(msg.payload);
      if (msg.channel === AUTH_CHANNEL) forgetAllActors();
      if (msg.channel === CONFIG_CHANNEL) forgetWorkspaceFlags();
      for (const listener of this.channels.get(msg.channel) ?? []) listener.notice(msg.payload ?? "");
    });
    client.on("error", (err) => {
      this.log.error({ err }, "realtime listener lost its database connection; reconnecting");
      this.client = undefined;
      this.hearAuth(false);
      if (!this.closed) setTimeout(() => this.start().catch(() => {}), 1000).unref();
    });
    await client.connect();
    // Through a transaction pooler LISTEN hears nothing: refuse to start rather than run deaf.
    if (!this.proved) {
      try {
        await assertSessionConnection(client, this.url);
      } catch (err) {
        await client.end().catch(() => {});
        throw err;
      }
      this.proved = true;
    }
    await client.query(`listen ${REALTIME_CHANNEL}`);
    // Auth changes (revoked tokens, role changes…) clear the actor cache of this process.
    await client.query(`listen ${AUTH_CHANNEL}`);
    // Routing/SLA configuration changes clear the per-workspace flags (db/workspace-flags.ts).
    await client.query(`listen ${CONFIG_CHANNEL}`);
    // A Map's iterator also visits channels added while this loop awaits.
    for (const channel of this.channels.keys()) await client.query(`listen ${channel}`);
    this.client = client;
    this.hearAuth(true);
  }

  /**
   * Hears `channel` on this hub's one connection, rather than each cache opening its own (one
   * LISTEN connection per process, reconnected in one place). Returns the way to stop hearing.
   */
  async hear(channel: string, listener: ChannelListener): Promise<() => void> {
    if (!/^[a-z_]+$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
    const listeners = this.channels.get(channel) ?? new Set<ChannelListener>();
    this.channels.set(channel, listeners);
    listeners.add(listener);
    const client = this.client;
    if (client) {
      await client.query(`listen ${channel}`);
      if (this.client === client) listener.heard(true);
    }
    return () => {
      listeners.delete(listener);
    };
  }

  private hearAuth(heard: boolean) {
    if (this.hearingAuth === heard) return;
    this.hearingAuth = heard;
    authNoticesHeard(heard);
    configNoticesHeard(heard);
    for (const listeners of this.channels.values()) for (const listener of listeners) listener.heard(heard);
  }

  add(subscriber: Subscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /** Hears every event this process receives, whatever its audience; the listener filters. */
  tap(listener: (envelope: Envelope) => void): () => void {
    this.taps.add(listener);
    return () => this.taps.delete(listener);
  }

  get size(): number {
    return this.subscribers.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.hearAuth(false);
    for (const s of this.subscribers) s.socket.close(1001, "server shutting down");
    this.subscribers.clear();
    this.taps.clear();
    this.channels.clear();
    await this.client?.end().catch(() => {});
  }

  private dispatch(payload: string) {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(payload) as Envelope;
    } catch {
      return;
    }
    for (const tap of this.taps) {
      try {
        tap(envelope);
      } catch (err) {
        this.log.warn({ err }, "a realtime tap failed");
      }
    }
    // A visitor's frame reaches only the taps (the chat module's), never a signed-in socket.
    const audience = envelope.audience;
    if (audience.kind === "visitor") return;
    const message = JSON.stringify(envelope.event);
    for (const s of this.subscribers) {
      if (s.workspaceId !== envelope.workspaceId) continue;
      const allowed = audience.kind === "staff" ? s.isStaff : s.userId === audience.userId;
      if (allowed && s.socket.readyState === s.socket.OPEN) s.socket.send(message);
    }
  }
}
