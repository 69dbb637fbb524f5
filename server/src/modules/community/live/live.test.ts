import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { TestClient } from "../../../../test/client.ts";
import { C, newTopic, startWorld, type World } from "../community.testkit.ts";
import { MAX_STREAMS_PER_IP } from "./live.routes.ts";

/**
 * The public topic page follows its linked problem through server-sent events: a change an
 * agent makes to the problem reaches every open page at once, anonymous readers included,
 * and only what the public page shows travels.
 */
let w: World;
before(async () => {
  w = await startWorld();
});
after(() => w.server.close());

type Stream = {
  status: number;
  next(): Promise<{ event: string; data: any }>;
  close(): void;
  ended(): Promise<boolean>;
};

/** Opens the stream like a browser's EventSource would, and reads it event by event. */
async function open(topicId: string, client?: TestClient): Promise<Stream> {
  const abort = new AbortController();
  const res = await fetch(`${w.server.url}${C}/topics/${topicId}/live`, {
    headers: {
      accept: "text/event-stream",
      ...(client?.hasSession ? { cookie: client.cookieHeader() } : {}),
    },
    signal: abort.signal,
  });
  const reader = res.body?.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let done = false;
  const read = async (): Promise<void> => {
    if (!reader) throw new Error("no body");
    const chunk = await reader.read();
    if (chunk.done) done = true;
    else buffer += decoder.decode(chunk.value, { stream: true });
  };
  const within = <T>(p: Promise<T>) =>
    Promise.race([
      p,
      new Promise<never>((_, no) => setTimeout(() => no(new Error("no event within 10 s")), 10_000)),
    ]);
  return {
    status: res.status,
    next: () =>
      within(
        (async () => {
          for (;;) {
            const end = buffer.indexOf("\n\n");
            if (end >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const event = /^event: (.*)$/m.exec(block)?.[1];
              const data = /^data: (.*)$/m.exec(block)?.[1];
              if (event && data) return { event, data: JSON.parse(data) };
              continue; // retry hints and keep-alive comments
            }
            if (done) throw new Error("the stream ended");
            await read();
          }
        })(),
      ),
    ended: () =>
      within(
        (async () => {
          while (!done) await read();
          return true;
        })(),
      ),
    close: () => abort.abort(),
  };
}

async function linkedTopic(categoryId: string) {
  const t = await newTopic(w.alice, categoryId);
  const problem = await w.agent.post("/api/v1/problems", {
    title: "Firmware 12.1 bricks the Wi-Fi module (internal)",
    description: "internal notes",
  });
  assert.equal(problem.status, 201, JSON.stringify(problem.body));
  const linked = await w.agent.post(`${C}/topics/${t.id}/links`, { problemId: problem.body.id });
  assert.equal(linked.status, 200, JSON.stringify(linked.body));
  return { topicId: t.id, problemId: problem.body.id as string };
}

test("a change to the linked problem reaches an open stream; internal fields never travel", async () => {
  const { topicId, problemId } = await linkedTopic(w.cats.pub);
  const s = await open(topicId);
  assert.equal(s.status, 200);
  assert.deepEqual(await s.next(), {
    event: "status",
    data: { problem: { title: null, status: "investigating" } },
  });

  // An internal change says nothing new to the public: no event. The status change does.
  assert.equal(
    (await w.agent.patch(`/api/v1/problems/${problemId}`, { title: "Wi-Fi module, internal" })).status,
    200,
  );
  assert.equal(
    (await w.agent.patch(`/api/v1/problems/${problemId}`, { status: "fix_in_progress" })).status,
    200,
  );
  assert.deepEqual((await s.next()).data, { problem: { title: null, status: "fix_in_progress" } });

  await w.agent.patch(`/api/v1/problems/${problemId}`, { publicTitle: "Speakers drop off after 12.1" });
  const named = await s.next();
  assert.deepEqual(named.data, {
    problem: { title: "Speakers drop off after 12.1", status: "fix_in_progress" },
  });
  assert.doesNotMatch(JSON.stringify(named), /internal/i);

  // A topic that stops being public ends its streams at the next change.
  const moved = await w.moderator.patch(`${C}/topics/${topicId}/moderation`, {
    categoryId: w.cats.customers,
  });
  assert.equal(moved.status, 200, JSON.stringify(moved.body));
  await w.agent.patch(`/api/v1/problems/${problemId}`, { status: "fixed" });
  assert.equal(await s.ended(), true);
});

test("private categories and unknown topics refuse the stream, for everyone", async () => {
  const { topicId } = await linkedTopic(w.cats.customers);
  const anon = await open(topicId);
  assert.equal(anon.status, 404);
  anon.close();
  const customer = await open(topicId, w.bob);
  assert.equal(
    customer.status,
    404,
    "public streams carry public topics only, even for those who may read more",
  );
  customer.close();
  const unknown = await open("00000000-0000-4000-8000-000000000000");
  assert.equal(unknown.status, 404);
  unknown.close();
});

test("one address may hold only a few streams open", async () => {
  const { topicId } = await linkedTopic(w.cats.pub);
  const streams: Stream[] = [];
  for (let i = 0; i < MAX_STREAMS_PER_IP; i++) {
    const s = await open(topicId);
    assert.equal(s.status, 200);
    await s.next();
    streams.push(s);
  }
  const refused = await fetch(`${w.server.url}${C}/topics/${topicId}/live`);
  assert.equal(refused.status, 429);
  assert.equal(((await refused.json()) as any).error.code, "rate_limited");
  for (const s of streams) s.close();
  // Closed streams give their places back.
  let again: Stream | undefined;
  for (let i = 0; i < 50 && again?.status !== 200; i++) {
    again?.close();
    await new Promise((r) => setTimeout(r, 50));
    again = await open(topicId);
  }
  assert.equal(again?.status, 200);
  again?.close();
});
