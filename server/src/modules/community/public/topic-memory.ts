import type { FastifyInstance } from "fastify";
import { AUTH_CHANNEL } from "../../../platform/auth/actor-cache.ts";
import type { RealtimeHub } from "../../../platform/realtime/hub.ts";
import { TopicViewCounter } from "./topic-views.ts";

/**
 * What an unchanged public topic page is served from without a single statement (issue #16):
 * per app process, the workspace a host names and each topic's row (with its posts' version,
 * the page's cache key: public-pages.ts). Safe because it is forgotten whenever it could be wrong:
 * - migration 0045 makes PostgreSQL announce every change to what the row is read from (NOTIFY
 *   rapport_community, per workspace), and 0009 every change to workspaces (rapport_auth); this
 *   process forgets on hearing one through its realtime hub's connection, whichever process or
 *   job wrote;
 * - a write request answered by this process forgets before its answer leaves (`onSend`), so the
 *   writer's next page never races the notice;
 * - while the listener is not connected nothing is remembered (every request reads, as before);
 * - a read that started before a forget is not stored (the generation check);
 * - an entry is at most `TTL_MS` old, bounding what no notice covers (an MVP term ending by time).
 * Only rows anyone may ask for are kept: who may see them is checked on every request.
 */
const TTL_MS = 30_000;
const MAX_ENTRIES = 20_000;
export const COMMUNITY_CHANNEL = "rapport_community";

type Entry = { value: unknown; until: number };

export class TopicMemory {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  /** Whether the hub's connection is listening: while not, nothing is remembered. */
  private heard = false;
  private unhear: Array<() => void> = [];
  /** The last notices' payloads, for tests that wait until a process has heard a change. */
  private readonly recent: string[] = [];
  private readonly hub: RealtimeHub;
  /** The topics' views, gathered and written in batches (topic-views.ts). */
  readonly views: TopicViewCounter;

  constructor(app: FastifyInstance, hub: RealtimeHub) {
    this.hub = hub;
    this.views = new TopicViewCounter(app.ctx);
  }

  get listening(): boolean {
    return this.heard;
  }

  /** The remembered value, or a fresh one from `load` (remembered unless forgotten meanwhile). */
  async read<T>(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    if (this.heard) {
      const hit = this.entries.get(key);
      if (hit && hit.until > Date.now()) return hit.value as T;
    }
    const startedAt = this.generation;
    const value = await load();
    if (value !== undefined && this.heard && startedAt === this.generation) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(key, { value, until: Date.now() + TTL_MS });
    }
    return value;
  }

  /** Whether a notice with this payload was among the last ones heard. */
  hasHeard(payload: string): boolean {
    return this.recent.includes(payload);
  }

  /** Drops everything: one workspace's change costs every workspace one statement per topic, once. */
  forget(): void {
    this.generation++;
    this.entries.clear();
  }

  async start(): Promise<void> {
    const listener = {
      notice: (payload: string) => {
        this.forget();
        this.recent.push(payload);
        if (this.recent.length > 100) this.recent.shift();
      },
      // Anything read while not listening may have missed a notice: forget on either edge.
      heard: (heard: boolean) => {
        this.forget();
        this.heard = heard;
      },
    };
    for (const channel of [COMMUNITY_CHANNEL, AUTH_CHANNEL])
      this.unhear.push(await this.hub.hear(channel, listener));
  }

  async close(): Promise<void> {
    for (const stop of this.unhear) stop();
    this.unhear = [];
    this.heard = false;
    this.forget();
    await this.views.flush();
  }
}

const memories = new WeakMap<FastifyInstance, TopicMemory>();

/** This app's memory (several apps may share one test process, each with its own). */
export function topicMemoryOf(app: FastifyInstance): TopicMemory | undefined {
  return memories.get(app);
}

/**
 * Starts remembering for this app: its listener, forgetting after every write request it
 * answers, and closing with it. Called once while the app is set up.
 */
export function rememberTopicPages(app: FastifyInstance, hub: RealtimeHub): void {
  const memory = new TopicMemory(app, hub);
  memories.set(app, memory);
  app.addHook("onReady", async () => {
    await memory.start().catch((err) => {
      // Not fatal: pages are read as before, and the hub listens again when it reconnects.
      app.log.warn({ err }, "community page notices not heard yet");
    });
  });
  app.addHook("onSend", async (request, _reply, payload) => {
    if (request.method !== "GET" && request.method !== "HEAD") memory.forget();
    return payload;
  });
  app.addHook("onClose", async () => memory.close());
}
