import type { FastifyInstance } from "fastify";
import pg from "pg";
import { AUTH_CHANNEL } from "../../../platform/auth/actor-cache.ts";
import { TopicViewCounter } from "./topic-views.ts";

/**
 * What an unchanged public topic page is served from without a single statement (issue #16):
 * per app process, the workspace a host names and each topic's row (with its posts' version,
 * the page's cache key: public-pages.ts). Safe because it is forgotten whenever it could be wrong:
 * - migration 0045 makes PostgreSQL announce every change to what the row is read from (NOTIFY
 *   rapport_community, per workspace), and 0009 every change to workspaces (rapport_auth); this
 *   process's own listener forgets on hearing one, whichever process or job wrote;
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
  private client: pg.Client | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  /** The last notices' payloads, for tests that wait until a process has heard a change. */
  private readonly recent: string[] = [];
  private readonly app: FastifyInstance;
  /** The topics' views, gathered and written in batches (topic-views.ts). */
  readonly views: TopicViewCounter;

  constructor(app: FastifyInstance) {
    this.app = app;
    this.views = new TopicViewCounter(app.ctx);
  }

  get listening(): boolean {
    return this.client !== undefined;
  }

  /** The remembered value, or a fresh one from `load` (remembered unless forgotten meanwhile). */
  async read<T>(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    if (this.client) {
      const hit = this.entries.get(key);
      if (hit && hit.until > Date.now()) return hit.value as T;
    }
    const startedAt = this.generation;
    const value = await load();
    if (value !== undefined && this.client && startedAt === this.generation) {
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
    if (this.closed) return;
    const client = new pg.Client(this.app.ctx.pool.options);
    client.on("notification", (msg) => {
      this.forget();
      this.recent.push(msg.payload ?? "");
      if (this.recent.length > 100) this.recent.shift();
    });
    client.on("error", (err) => {
      client.end().catch(() => {});
      // An error while connecting rejects start(), whose caller retries.
      if (this.client !== client) return;
      this.app.log.warn({ err }, "community page listener lost its connection; reconnecting");
      this.client = undefined;
      this.forget();
      this.retryLater();
    });
    try {
      await client.connect();
      await client.query(`listen ${COMMUNITY_CHANNEL}`);
      await client.query(`listen ${AUTH_CHANNEL}`);
    } catch (err) {
      await client.end().catch(() => {});
      throw err;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    // Anything read before the listener was connected may have missed a notice.
    this.forget();
    this.client = client;
  }

  /** Starts again in a second, and again after that while it fails (pages are read meanwhile). */
  retryLater(): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.start().catch((err) => {
        this.app.log.warn({ err }, "community page listener not started; retrying");
        this.retryLater();
      });
    }, 1000).unref();
  }

  async close(): Promise<void> {
    clearTimeout(this.retry);
    this.closed = true;
    await this.views.flush();
    const client = this.client;
    this.client = undefined;
    this.forget();
    await client?.end().catch(() => {});
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
export function rememberTopicPages(app: FastifyInstance): void {
  const memory = new TopicMemory(app);
  memories.set(app, memory);
  app.addHook("onReady", async () => {
    await memory.start().catch((err) => {
      // Not fatal: pages are read as before until the listener connects.
      app.log.warn({ err }, "community page listener not started; retrying");
      memory.retryLater();
    });
  });
  app.addHook("onSend", async (request, _reply, payload) => {
    if (request.method !== "GET" && request.method !== "HEAD") memory.forget();
    return payload;
  });
  app.addHook("onClose", async () => memory.close());
}
