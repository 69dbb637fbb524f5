import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { TestClient } from "../../../../test/client.ts";
import { customerClient, setUpWorkspace, uniqueEmail } from "../../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../../test/harness.ts";
import { COMMUNITY_CHANNEL, type TopicMemory, topicMemoryOf } from "./topic-memory.ts";

/**
 * An unchanged topic page is answered from each process's memory (topic-memory.ts), so every
 * change must make it forget: a new post, an edit, a hide, a category made private show on the
 * very next request to the process that made the change, and on a second process (same
 * database) as soon as it has heard PostgreSQL's notice — whoever wrote, even SQL by hand.
 * Over HTTP against the built web app (`npm run build`).
 */
const built = existsSync(path.resolve(import.meta.dirname, "../../../../../web/dist/server/entry-server.js"));
const needsWeb = { skip: built ? false : "the web app is not built (npm run build)" };

const C = "/api/v1/community";
const BROWSER = { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0" };

let a: TestServer;
let b: TestServer;
let admin: TestClient;
let alice: TestClient;
let bob: TestClient;
let categoryId: string;
let topicId: string;
let href: string;
let answerId: string;

const memoryOf = (s: TestServer) => topicMemoryOf(s.runtime.app as FastifyInstance) as TopicMemory;
/** An anonymous reader's view of the topic page on one process. */
const read = async (s: TestServer) => {
  const res = await new TestClient(s.url).get(href, BROWSER);
  return { status: res.status, html: String(res.body) };
};
/**
 * Runs a change, then waits until both processes have heard of it (a condition, not a sleep):
 * a marker notice is sent after the change commits, and PostgreSQL delivers notices in commit
 * order, so a process that heard the marker heard the change's notice before it.
 */
const changeThenHear = async <T>(change: () => Promise<T>): Promise<T> => {
  const result = await change();
  const marker = `test-marker-${randomUUID()}`;
  await sql`select pg_notify(${COMMUNITY_CHANNEL}, ${marker})`.execute(a.runtime.ctx.db);
  await eventually(
    () => (memoryOf(a).hasHeard(marker) && memoryOf(b).hasHeard(marker) ? true : undefined),
    30_000,
  );
  return result;
};

before(async () => {
  a = await startTestServer({ web: built });
  b = await startTestServer({ web: built, databaseUrl: a.databaseUrl, role: "web" });
  ({ admin } = await setUpWorkspace(a));
  ({ client: alice } = await customerClient(a, uniqueEmail("alice")));
  ({ client: bob } = await customerClient(a, uniqueEmail("bob")));
  const cat = await admin.post(`${C}/categories`, { name: "Speakers", visibility: "public" });
  assert.equal(cat.status, 201, JSON.stringify(cat.body));
  categoryId = cat.body.id;
  const t = await alice.post(`${C}/topics`, {
    categoryId,
    kind: "question",
    title: "The speaker hums when idle",
    body: "A low **hum** when nothing plays.",
  });
  assert.equal(t.status, 201, JSON.stringify(t.body));
  topicId = t.body.id;
  href = new URL(t.body.url, a.url).pathname;
  // Trusted members (trust 2): neither the new-account rate limit nor the spam hold applies.
  await a.runtime.ctx.db.updateTable("community_members").set({ trust_level: 2 }).execute();
});
after(async () => {
  await b?.close();
  await a?.close();
});

describe("an unchanged topic page served from memory", () => {
  test("both processes are listening for changes (else nothing is remembered)", needsWeb, async () => {
    await eventually(() => (memoryOf(a).listening && memoryOf(b).listening ? true : undefined));
    assert.equal((await read(a)).status, 200);
    assert.equal((await read(b)).status, 200);
  });

  test("a new answer shows at once, on the process that took it and on the other", needsWeb, async () => {
    await read(a);
    await read(b);
    const answer = await changeThenHear(() =>
      bob.post(`${C}/topics/${topicId}/posts`, { body: "Move it away from the **router**." }),
    );
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    answerId = answer.body.id;
    assert.ok((await read(a)).html.includes("Move it away from the"), "on the process that took it");
    assert.ok((await read(b)).html.includes("Move it away from the"), "on the other process");
  });

  test("an edit shows at once on both", needsWeb, async () => {
    await read(a);
    await read(b);
    const edit = await changeThenHear(() =>
      bob.patch(`${C}/posts/${answerId}`, { body: "Move it two metres away from the router." }),
    );
    assert.equal(edit.status, 200, JSON.stringify(edit.body));
    for (const s of [a, b]) {
      const page = (await read(s)).html;
      assert.ok(page.includes("two metres away") && !page.includes("Move it away from the"));
    }
  });

  test("a hidden answer is gone at once from both", needsWeb, async () => {
    const post = await bob.post(`${C}/topics/${topicId}/posts`, { body: "Buy my cables at spam.example" });
    assert.equal(post.status, 201, JSON.stringify(post.body));
    await eventually(async () => ((await read(b)).html.includes("spam.example") ? true : undefined), 30_000);
    assert.ok((await read(a)).html.includes("spam.example"));
    const hide = await changeThenHear(() =>
      admin.post(`${C}/posts/${post.body.id}/hide`, { reason: "spam" }),
    );
    assert.equal(hide.status, 200, JSON.stringify(hide.body));
    assert.ok(!(await read(a)).html.includes("spam.example"), "gone where it was hidden");
    assert.ok(!(await read(b)).html.includes("spam.example"), "and on the other process");
  });

  test("a change made in SQL (no request at all) reaches every process", needsWeb, async () => {
    await read(a);
    await read(b);
    await changeThenHear(() =>
      sql`update community_topics set title = 'The speaker hums when it is idle' where id = ${topicId}`.execute(
        a.runtime.ctx.db,
      ),
    );
    for (const s of [a, b]) assert.ok((await read(s)).html.includes("The speaker hums when it is idle"));
  });

  test(
    "a category made private is a 404 at once for anonymous readers, not for those it admits",
    needsWeb,
    async () => {
      assert.equal((await read(a)).status, 200);
      assert.equal((await read(b)).status, 200);
      const patch = await changeThenHear(() =>
        admin.patch(`${C}/categories/${categoryId}`, { visibility: "customers" }),
      );
      assert.equal(patch.status, 200, JSON.stringify(patch.body));
      assert.equal((await read(a)).status, 404, "on the process that made it private");
      assert.equal((await read(b)).status, 404, "and on the other");
      const member = await alice.get(href, BROWSER);
      assert.equal(member.status, 200, "a signed-in customer still reads it");
      assert.ok(String(member.body).includes("two metres away"));
    },
  );
});
