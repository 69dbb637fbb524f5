import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { TestClient } from "../../../../test/client.ts";
import { setUpWorkspace, staffClient, uniqueEmail } from "../../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../../test/harness.ts";
import { startSink } from "../../../../test/mail.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { type CommunityEvent, emitCommunityEvent } from "../events.ts";
import { sendDigests } from "./digest.ts";

/**
 * Following and notifications (issue #16) over HTTP, with a real SMTP sink for the digests.
 * Topics and posts are written the way the core module writes them — rows plus the community
 * event in one transaction — so this part is tested through its own listener and job.
 */
let server: TestServer;
let workspaceId: string;
let sink: Awaited<ReturnType<typeof startSink>>;
before(async () => {
  sink = await startSink();
  server = await startTestServer({ env: { SMTP_URL: sink.url, LOGIN_RATE_LIMIT: "1000" } });
  ({ workspaceId } = await setUpWorkspace(server));
});
after(async () => {
  await server.close();
  await sink.close();
});

const db = () => server.runtime.ctx.db;
const scope = () => new TenantScope(db(), workspaceId);

/** A portal customer signed in by the link mailed to the sink (with a relay, links are not logged). */
async function portalCustomer() {
  const email = uniqueEmail("customer");
  const client = new TestClient(server.url);
  const res = await client.post("/api/auth/sign-in/magic-link", { email, callbackURL: "/portal" });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const mail = await eventually(() => sink.received.find((r) => r.envelopeTo.includes(email)));
  const link = new URL(/https?:\/\/\S+/.exec(mail.mail.text ?? "")?.[0] ?? "");
  const opened = await client.get(link.pathname + link.search);
  assert.equal(opened.status, 302);
  return { client, email };
}

/** A signed-in person and their community member (made on first use, by a settings call). */
async function person(kind: "customer" | "agent", digestRate = "daily") {
  const { client, email } = kind === "customer" ? await portalCustomer() : await staffClient(server, "agent");
  const set = await client.put("/api/v1/community/notifications/settings", { digestRate });
  assert.equal(set.status, 200, JSON.stringify(set.body));
  const row = await db()
    .selectFrom("community_members as m")
    .innerJoin("auth.user as u", "u.id", "m.user_id")
    .select("m.id")
    .where("u.email", "=", email)
    .executeTakeFirstOrThrow();
  return { client, email, memberId: row.id };
}

async function category(name: string, visibility: "public" | "staff" = "public") {
  const row = await scope()
    .insertInto("community_categories", { name, slug: `${name.toLowerCase()}-${Date.now()}`, visibility })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function emitting<T>(work: (s: TenantScope) => Promise<{ value: T; events: CommunityEvent[] }>) {
  return db()
    .transaction()
    .execute(async (tx) => {
      const s = new TenantScope(tx, workspaceId);
      const { value, events } = await work(s);
      for (const e of events) await emitCommunityEvent({ scope: s, boss: server.runtime.ctx.boss }, e);
      return value;
    });
}

async function newTopic(categoryId: string, authorId: string, title: string) {
  return emitting(async (s) => {
    const topic = await s
      .insertInto("community_topics", {
        category_id: categoryId,
        kind: "question",
        title,
        slug: "t",
        author_member_id: authorId,
      })
      .returning(["id", "number"])
      .executeTakeFirstOrThrow();
    const post = await s
      .insertInto("community_posts", {
        topic_id: topic.id,
        kind: "opening",
        author_member_id: authorId,
        body: `Body of ${title}`,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const event: CommunityEvent = {
      type: "topic.created",
      topicId: topic.id,
      postId: post.id,
      memberId: authorId,
      categoryId,
    };
    return { value: { topicId: topic.id, postId: post.id }, events: [event] };
  });
}

async function answer(
  topicId: string,
  authorId: string,
  body: string,
  opts: { mentions?: string[]; hidden?: boolean } = {},
) {
  return emitting(async (s) => {
    const post = await s
      .insertInto("community_posts", {
        topic_id: topicId,
        kind: "answer",
        author_member_id: authorId,
        body,
        hidden: opts.hidden ?? false,
        hidden_reason: opts.hidden ? "spam" : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const m of opts.mentions ?? [])
      await s.insertInto("community_mentions", { post_id: post.id, member_id: m }).execute();
    const event: CommunityEvent = {
      type: "post.created",
      topicId,
      postId: post.id,
      memberId: authorId,
      kind: "answer",
    };
    return { value: post.id, events: [event] };
  });
}

/** Waits until the community.notify jobs of these posts have run. */
async function settled(postIds: string[]) {
  await eventually(async () => {
    const { rows } = await server.runtime.ctx.pool.query(
      "select count(*)::int as n from pgboss.job where name = 'community.notify' and data->>'postId' = any($1) and state <> 'completed'",
      [postIds],
    );
    return rows[0].n === 0 ? true : undefined;
  });
}

const kindsFor = async (client: TestClient) =>
  (await client.get("/api/v1/community/notifications")).body.items.map(
    (n: { kind: string; topic: { title: string } }) => `${n.kind}:${n.topic.title}`,
  );

test("a member follows and unfollows what they can read; the rest is a 404 naming targetId", async () => {
  const ann = await person("customer");
  const general = await category("General");
  const internal = await category("Internal", "staff");
  const ok = await ann.client.put("/api/v1/community/follows", { targetKind: "category", targetId: general });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.label, "General");
  const again = await ann.client.put("/api/v1/community/follows", {
    targetKind: "category",
    targetId: general,
  });
  assert.equal(again.status, 200, "following twice is still following once");
  assert.deepEqual(
    (await ann.client.get("/api/v1/community/follows")).body.items.map((f: { label: string }) => f.label),
    ["General"],
  );

  const hidden = await ann.client.put("/api/v1/community/follows", {
    targetKind: "category",
    targetId: internal,
  });
  assert.equal(hidden.status, 404, "a staff-only category does not exist for a customer");
  assert.equal(hidden.body.error.field, "targetId");
  const unknown = await ann.client.put("/api/v1/community/follows", {
    targetKind: "topic",
    targetId: "00000000-0000-4000-8000-000000000000",
  });
  assert.equal(unknown.status, 404);
  const bad = await ann.client.put("/api/v1/community/follows", { targetKind: "forum", targetId: general });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, "targetKind");

  const staff = await person("agent");
  const staffFollows = await staff.client.put("/api/v1/community/follows", {
    targetKind: "category",
    targetId: internal,
  });
  assert.equal(staffFollows.status, 200, "staff read staff categories");

  const gone = await ann.client.delete(`/api/v1/community/follows/category/${general}`);
  assert.equal(gone.status, 204);
  assert.deepEqual((await ann.client.get("/api/v1/community/follows")).body.items, []);
  const anonymous = await new TestClient(server.url).get("/api/v1/community/follows");
  assert.equal(anonymous.status, 401);
});

test("followers are notified of new topics and answers, never the actor, never of what they cannot read", async () => {
  const [asker, helper, watcher, mentioned, staff] = await Promise.all([
    person("customer"),
    person("customer"),
    person("customer"),
    person("customer"),
    person("agent"),
  ]);
  const general = await category("Speakers");
  const internal = await category("Engineering", "staff");
  await watcher.client.put("/api/v1/community/follows", { targetKind: "category", targetId: general });
  await asker.client.put("/api/v1/community/follows", { targetKind: "category", targetId: general });
  // The watcher follows a staff member too, who also posts where customers cannot read.
  await watcher.client.put("/api/v1/community/follows", { targetKind: "member", targetId: staff.memberId });

  const q = await newTopic(general, asker.memberId, "Error 1013 after the update");
  const a1 = await answer(q.topicId, helper.memberId, "Unplug it for 30 s. cc @Mia", {
    mentions: [mentioned.memberId],
  });
  const held = await answer(q.topicId, helper.memberId, "Buy cheap pills at spam.example", { hidden: true });
  const secret = await newTopic(internal, staff.memberId, "Root cause of Error 1013");
  await settled([q.postId, a1, held, secret.postId]);

  assert.deepEqual(await kindsFor(watcher.client), ["new_topic:Error 1013 after the update"]);
  assert.deepEqual(
    await kindsFor(asker.client),
    ["reply:Error 1013 after the update"],
    "the asker follows their own topic and hears of the answer, not of their own question",
  );
  assert.deepEqual(await kindsFor(helper.client), [], "the answerer is not told of their own answer");
  assert.deepEqual(await kindsFor(mentioned.client), ["mention:Error 1013 after the update"]);
  assert.deepEqual(await kindsFor(staff.client), []);

  const list = (await asker.client.get("/api/v1/community/notifications")).body;
  assert.equal(list.unread, 1);
  const [item] = list.items;
  assert.equal(item.actor.id, helper.memberId);
  assert.equal(item.post.excerpt, "Unplug it for 30 s. cc @Mia");
  assert.match(item.topic.url, /^\/community\/t\/\d+-t$/);
  const read = await asker.client.post("/api/v1/community/notifications/read", { ids: [item.id] });
  assert.equal(read.status, 200);
  assert.equal(read.body.unread, 0);
  assert.ok((await asker.client.get("/api/v1/community/notifications")).body.items[0].readAt);

  // The answerer now follows the topic: the asker's comment-free follow-up answer reaches them.
  const a2 = await answer(q.topicId, asker.memberId, "That worked, thanks!");
  await settled([a2]);
  assert.deepEqual(await kindsFor(helper.client), ["reply:Error 1013 after the update"]);

  // A retried job writes nothing twice.
  const { notifyFollowers } = await import("./notify.ts");
  assert.equal(await notifyFollowers(server.runtime.ctx, { workspaceId, postId: a2, event: "reply" }), 0);

  // The asker accepts the answer: its author hears of it, the asker (who acted) does not.
  await emitting(async () => ({
    value: null,
    events: [{ type: "answer.accepted", topicId: q.topicId, postId: a1, acceptedByMemberId: asker.memberId }],
  }));
  const accepted = "accepted:Error 1013 after the update";
  await eventually(async () => ((await kindsFor(helper.client)).includes(accepted) ? true : undefined));
  assert.deepEqual(await kindsFor(helper.client), [accepted, "reply:Error 1013 after the update"]);
  assert.ok(!(await kindsFor(asker.client)).includes(accepted));

  // A post hidden later (flags) disappears from the notifications that named it.
  await scope()
    .updateTable("community_posts")
    .set({ hidden: true, hidden_reason: "flags" })
    .where("id", "=", a1)
    .execute();
  assert.deepEqual(await kindsFor(mentioned.client), []);
});

/** A header as sent (mailparser turns List-* headers into objects). */
const headerOf = (
  m: { mail: { headerLines: ReadonlyArray<{ key: string; line: string }> } } | undefined,
  key: string,
) => m?.mail.headerLines.find((h) => h.key === key)?.line.replace(/^[^:]+:\s*/, "") ?? "";

// Community mail only: each customer's sign-in link went to the same sink first.
const mailTo = (email: string) =>
  sink.received.filter((r) => r.envelopeTo.includes(email) && !/sign-in link/i.test(r.mail.subject ?? ""));

test("a daily digest batches two events into one email with a one-click unsubscribe, and a retry sends nothing more", async () => {
  const [reader, poster] = await Promise.all([person("customer", "daily"), person("customer")]);
  const cat = await category("Streaming");
  await reader.client.put("/api/v1/community/follows", { targetKind: "category", targetId: cat });
  const t1 = await newTopic(cat, poster.memberId, "Spotify drops out");
  const t2 = await newTopic(cat, poster.memberId, "Radio station missing");
  await settled([t1.postId, t2.postId]);

  await sendDigests(server.runtime.ctx);
  const outbox = () =>
    server.runtime.ctx.pool
      .query("select count(*)::int as n from outbound_mail where to_address = $1 and kind = 'notification'", [
        reader.email,
      ])
      .then((r) => r.rows[0].n);
  assert.equal(await outbox(), 0, "a daily digest waits for its day");
  const tomorrow = new Date(Date.now() + 25 * 3600_000);
  await sendDigests(server.runtime.ctx, tomorrow);
  await sendDigests(server.runtime.ctx, tomorrow); // as a retried or overlapping run would
  assert.equal(await outbox(), 1, "a retried run finds nothing left to send");
  const [mail, ...more] = await eventually(() =>
    mailTo(reader.email).length > 0 ? mailTo(reader.email) : undefined,
  );
  assert.equal(more.length, 0);
  assert.equal(mail?.mail.subject, "2 new in the Acme Audio community");
  assert.match(mail?.mail.text ?? "", /Spotify drops out/);
  assert.match(mail?.mail.text ?? "", /Radio station missing/);
  const header = headerOf(mail, "list-unsubscribe");
  assert.match(header, /^<http:\/\/127\.0\.0\.1:\d+\/api\/v1\/community\/unsubscribe\?token=[^>]+>$/);
  assert.equal(headerOf(mail, "list-unsubscribe-post"), "List-Unsubscribe=One-Click");
  assert.ok(mail?.mail.text?.includes(header.slice(1, -1)), "the body carries the same link");
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(mailTo(reader.email).length, 1, "one email, sent once");
});

test("instant sends at the next run; off and unreadable send nothing", async () => {
  const [quick, quiet, poster] = await Promise.all([
    person("customer", "instant"),
    person("customer", "off"),
    person("customer"),
  ]);
  const cat = await category("Setup");
  for (const p of [quick, quiet])
    await p.client.put("/api/v1/community/follows", { targetKind: "category", targetId: cat });
  const t = await newTopic(cat, poster.memberId, "Pairing a sub");
  await settled([t.postId]);
  await sendDigests(server.runtime.ctx);
  const mail = await eventually(() => mailTo(quick.email)[0]);
  assert.match(mail.mail.subject ?? "", /started “Pairing a sub”/);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(mailTo(quiet.email).length, 0, "rate off: nothing is mailed");
});

test("a member is mailed even while another transaction writes a row that points at them", async () => {
  const [reader, poster] = await Promise.all([person("customer", "instant"), person("customer")]);
  const cat = await category("Amplifiers");
  await reader.client.put("/api/v1/community/follows", { targetKind: "category", targetId: cat });
  const t = await newTopic(cat, poster.memberId, "Hum at high volume");
  await settled([t.postId]);
  // The lock a foreign key takes on the member while a row pointing at them is written (their
  // next notification, a vote, a post). The sweep's own lock must not treat it as another sweep.
  const writer = await server.runtime.ctx.pool.connect();
  try {
    await writer.query("begin");
    await writer.query("select 1 from community_members where id = $1 for key share", [reader.memberId]);
    await sendDigests(server.runtime.ctx);
  } finally {
    await writer.query("rollback");
    writer.release();
  }
  const mail = await eventually(() => mailTo(reader.email)[0]);
  assert.match(mail.mail.subject ?? "", /Hum at high volume/);
});

test("unsubscribe: a tampered token is refused, the one-click POST works without a session", async () => {
  const member = await person("customer", "instant");
  const poster = await person("customer");
  const cat = await category("Apps");
  await member.client.put("/api/v1/community/follows", { targetKind: "category", targetId: cat });
  const t = await newTopic(cat, poster.memberId, "App crashes on start");
  await settled([t.postId]);
  await sendDigests(server.runtime.ctx);
  const mail = await eventually(() => mailTo(member.email)[0]);
  const link = new URL(headerOf(mail, "list-unsubscribe").slice(1, -1));
  const token = link.searchParams.get("token") ?? "";

  const stranger = new TestClient(server.url, { origin: null });
  const tampered = `${token.slice(0, -2)}${token.endsWith("A") ? "B" : "A"}`;
  const page = await stranger.get(`${link.pathname}?token=${encodeURIComponent(tampered)}`);
  assert.equal(page.status, 400);
  const forged = await stranger.post(
    `${link.pathname}?token=${encodeURIComponent(tampered)}`,
    "List-Unsubscribe=One-Click",
    {
      "content-type": "application/x-www-form-urlencoded",
    },
  );
  assert.equal(forged.status, 400);
  assert.equal(forged.body.error.field, "token");
  assert.equal(
    (await member.client.get("/api/v1/community/notifications/settings")).body.digestRate,
    "instant",
  );

  const confirm = await stranger.get(link.pathname + link.search);
  assert.equal(confirm.status, 200);
  assert.match(String(confirm.body), /<form method="post"/);
  const done = await stranger.post(link.pathname + link.search, "List-Unsubscribe=One-Click", {
    "content-type": "application/x-www-form-urlencoded",
  });
  assert.equal(done.status, 200);
  assert.match(String(done.body), /You are unsubscribed/);
  assert.equal((await member.client.get("/api/v1/community/notifications/settings")).body.digestRate, "off");
});
