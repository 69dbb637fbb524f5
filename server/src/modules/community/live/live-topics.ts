import type { Logger } from "pino";
import type { Db } from "../../../platform/db/pool.ts";
import type { Envelope } from "../../../platform/realtime/publish.ts";
import { type PublicProblemStatus, publicTopics } from "./live.repo.ts";

/** One open stream: the topic it follows and how to write to it. */
export type LiveStream = {
  workspaceId: string;
  topicId: string;
  /** The problem the topic was linked to when last read (a new link reaches it by the page's slow poll). */
  problemId: string | null;
  /** The last status sent, as JSON, so an unchanged status is not sent again. */
  last: string;
  send(problem: PublicProblemStatus | null): void;
  end(): void;
};

/**
 * The open public streams of this process, by topic. The realtime hub hands over every event
 * it hears (LISTEN/NOTIFY, so a change made through any process reaches every stream); a
 * `problem.updated` re-reads the topics linked to that problem whose streams are open — one
 * query for all of them — and each stream whose status changed gets it. A topic that is no longer
 * public (moved to a private category, hidden, merged) ends its streams.
 */
export class LiveTopics {
  private readonly byTopic = new Map<string, Set<LiveStream>>();
  private readonly db: Db;
  private readonly log: Logger;

  constructor(db: Db, log: Logger) {
    this.db = db;
    this.log = log;
  }

  add(stream: LiveStream): () => void {
    const set = this.byTopic.get(stream.topicId) ?? new Set<LiveStream>();
    this.byTopic.set(stream.topicId, set);
    set.add(stream);
    return () => {
      set.delete(stream);
      if (set.size === 0 && this.byTopic.get(stream.topicId) === set) this.byTopic.delete(stream.topicId);
    };
  }

  get size(): number {
    let n = 0;
    for (const s of this.byTopic.values()) n += s.size;
    return n;
  }

  /** The hub's tap. Problems change rarely; every change is checked against the database. */
  hear = (envelope: Envelope): void => {
    if (envelope.event.type !== "problem.updated" || this.byTopic.size === 0) return;
    const { problemId } = envelope.event;
    this.refresh(envelope.workspaceId, (s) => s.problemId === problemId).catch((err) =>
      this.log.warn({ err }, "community live status not refreshed"),
    );
  };

  /** Re-reads the chosen open topics of the workspace and sends each stream what changed. */
  async refresh(workspaceId: string, which: (s: LiveStream) => boolean = () => true): Promise<void> {
    const streams = [...this.byTopic.values()]
      .flatMap((s) => [...s])
      .filter((s) => s.workspaceId === workspaceId && which(s));
    if (streams.length === 0) return;
    const topics = new Map(
      (await publicTopics(this.db, workspaceId, [...new Set(streams.map((s) => s.topicId))])).map((t) => [
        t.topicId,
        t,
      ]),
    );
    for (const s of streams) {
      const t = topics.get(s.topicId);
      if (!t) {
        s.end();
        continue;
      }
      s.problemId = t.problemId;
      const json = JSON.stringify(t.problem);
      if (json === s.last) continue;
      s.last = json;
      s.send(t.problem);
    }
  }

  endAll(): void {
    for (const set of this.byTopic.values()) for (const s of set) s.end();
    this.byTopic.clear();
  }
}
