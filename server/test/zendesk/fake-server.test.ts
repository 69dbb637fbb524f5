import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import v8 from "node:v8";
import vm from "node:vm";
import { fileTypeFromBuffer } from "file-type";
import type {
  ZdCommentEvent,
  ZdTicket,
  ZdTicketEvent,
  ZdUser,
} from "../../src/modules/imports/zendesk/zendesk-types.ts";
import { ODD } from "./dataset.ts";
import { type FakeZendesk, startFakeZendesk } from "./fake-server.ts";
import { spawnFakeZendesk } from "./spawn.ts";
import { rangeSegment, readSince } from "./streams.ts";

/** The fake Zendesk itself: if it lies about paging, every importer test built on it lies too. */

function authOf(fake: FakeZendesk, token = fake.token): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${fake.email}/token:${token}`).toString("base64")}` };
}

async function get(
  fake: FakeZendesk,
  pathOrUrl: string,
  token?: string,
): Promise<{ status: number; body: any; headers: Headers }> {
  const url = pathOrUrl.startsWith("http") ? pathOrUrl : fake.url + pathOrUrl;
  const res = await fetch(url, { headers: authOf(fake, token) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

/** Follows a cursor-based incremental export to end_of_stream; returns every page. */
async function walkCursor(fake: FakeZendesk, first: string, key: string): Promise<any[]> {
  const pages: any[] = [];
  let url = first;
  for (let guard = 0; guard < 10_000; guard++) {
    const res = await get(fake, url);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    pages.push(res.body);
    assert.ok(Array.isArray(res.body[key]));
    if (res.body.end_of_stream) return pages;
    url = res.body.after_url;
  }
  throw new Error("never reached end_of_stream");
}

async function walkTime(fake: FakeZendesk, first: string, key: string): Promise<any[]> {
  const pages: any[] = [];
  let url = first;
  for (let guard = 0; guard < 10_000; guard++) {
    const res = await get(fake, url);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    pages.push(res.body);
    assert.equal(res.body.count, res.body[key].length);
    if (res.body.end_of_stream) return pages;
    url = res.body.next_page;
  }
  throw new Error("never reached end_of_stream");
}

const commentsOf = (events: ZdTicketEvent[]) =>
  events.flatMap((e) => e.child_events.filter((c): c is ZdCommentEvent => c.event_type === "Comment"));

describe("fake Zendesk: exports and lists", () => {
  let fake: FakeZendesk;
  before(async () => {
    fake = await startFakeZendesk({ odd: true, tickets: 60, attachmentsRatio: 0.3, seed: 7 });
  });
  after(() => fake.close());

  test("the cursor ticket export walks every ticket exactly once, and end_of_stream flips on the last page only", async () => {
    const pages = await walkCursor(
      fake,
      "/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=7",
      "tickets",
    );
    const ids = pages.flatMap((p) => p.tickets.map((t: ZdTicket) => t.id));
    assert.deepEqual(
      ids,
      Array.from({ length: 60 }, (_, i) => i + 1),
    );
    assert.deepEqual(
      pages.map((p) => p.end_of_stream),
      [...Array(pages.length - 1).fill(false), true],
    );
    assert.equal(pages.length, Math.ceil(60 / 7));
    for (const p of pages) assert.ok(p.after_cursor && p.before_cursor && p.after_url && p.before_url);
    assert.equal(fake.expected().tickets.total, ids.length);
  });

  test("a stored cursor resumes exactly where it stopped; start_time skips what is older", async () => {
    const first = await get(fake, "/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=10");
    const second = await get(
      fake,
      `/api/v2/incremental/tickets/cursor.json?cursor=${first.body.after_cursor}&per_page=10`,
    );
    assert.deepEqual(
      second.body.tickets.map((t: ZdTicket) => t.id),
      Array.from({ length: 10 }, (_, i) => i + 11),
    );
    const since =
      Date.parse(
        (await get(fake, "/api/v2/incremental/tickets/cursor.json?start_time=0")).body.tickets[29].updated_at,
      ) / 1000;
    const later = await get(fake, `/api/v2/incremental/tickets/cursor.json?start_time=${since}`);
    assert.equal(later.body.tickets[0].id, 30);
    assert.equal(later.body.tickets.length, 31);
    const bad = await get(fake, "/api/v2/incremental/tickets/cursor.json?cursor=bm9wZQ");
    assert.equal(bad.status, 400);
    const missing = await get(fake, "/api/v2/incremental/tickets/cursor.json");
    assert.equal(missing.status, 400);
    assert.match(missing.body.description, /start_time/);
  });

  test("per_page is capped at 1000 and defaults to 1000", async () => {
    const big = await startFakeZendesk({ tickets: 1500, commentsPerTicket: 1, attachmentsRatio: 0 });
    try {
      const a = await get(big, "/api/v2/incremental/tickets/cursor.json?start_time=0");
      const b = await get(big, "/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=5000");
      assert.equal(a.body.tickets.length, 1000);
      assert.equal(b.body.tickets.length, 1000);
      assert.equal(a.body.end_of_stream, false);
    } finally {
      await big.close();
    }
  });

  test("the user export sideloads identities and carries deleted users in Zendesk's shapes", async () => {
    const pages = await walkCursor(
      fake,
      "/api/v2/incremental/users/cursor.json?start_time=0&per_page=20&include=identities",
      "users",
    );
    const users: ZdUser[] = pages.flatMap((p) => p.users);
    const identities = pages.flatMap((p) => p.identities);
    const expected = fake.expected();
    assert.equal(users.length, expected.users.total);
    assert.equal(new Set(users.map((u) => u.id)).size, users.length);
    assert.equal(identities.length, expected.users.identities);
    for (const i of identities)
      assert.ok(
        users.some((u) => u.id === i.user_id),
        "identity of a user on the page",
      );
    const scrubbed = users.find((u) => u.id === expected.users.permanentlyDeleted[0]);
    assert.deepEqual(
      { name: scrubbed?.name, email: scrubbed?.email, phone: scrubbed?.phone, active: scrubbed?.active },
      { name: "Permanently Deleted User", email: null, phone: null, active: false },
    );
    const soft = users.find((u) => u.id === expected.users.softDeleted[0]);
    assert.equal(soft?.active, false);
    assert.ok(soft?.email, "a soft-deleted user keeps their data");
    assert.deepEqual([...new Set(users.map((u) => u.role))].sort(), ["admin", "agent", "end-user"]);
    const plain = await get(fake, "/api/v2/incremental/users/cursor.json?start_time=0");
    assert.equal(plain.body.identities, undefined, "no sideload unless asked");
  });

  test("the time-based event export repeats the boundary second and holds every comment", async () => {
    const pages = await walkTime(
      fake,
      "/api/v2/incremental/ticket_events.json?start_time=0&include=comment_events&per_page=50",
      "ticket_events",
    );
    assert.ok(pages.length > 2);
    for (let n = 1; n < pages.length; n++) {
      const prev = pages[n - 1];
      const page = pages[n];
      assert.ok(page.ticket_events.length > 0);
      // next_page starts at the previous end_time: its items come again, first.
      assert.equal(page.ticket_events[0].timestamp, prev.end_time);
      assert.equal(page.ticket_events[0].id, prev.ticket_events.at(-1).id);
      assert.match(prev.next_page, new RegExp(`start_time=${prev.end_time}`));
    }
    const events: ZdTicketEvent[] = pages.flatMap((p) => p.ticket_events);
    const unique = new Map(events.map((e) => [e.id, e]));
    assert.equal(events.length - unique.size, pages.length - 1, "only the boundary events repeat");
    const comments = commentsOf([...unique.values()]);
    assert.equal(comments.length, fake.expected().comments.total);
    const withoutInclude = await get(fake, "/api/v2/incremental/ticket_events.json?start_time=0&per_page=5");
    assert.equal(
      commentsOf(withoutInclude.body.ticket_events).length,
      0,
      "comments only with include=comment_events",
    );
  });

  test("a page never splits a second, and a page that is one second moves end_time past it", () => {
    // Seven items at second 100, then one each at 101, 102: no generated set is this dense.
    const times = [100, 100, 100, 100, 100, 100, 100, 101, 102];
    const segs = [
      rangeSegment(
        times.length,
        (p) => times[p] as number,
        (p) => p,
      ),
    ];
    const first = readSince(segs, 0, 3);
    assert.deepEqual(first.items, [0, 1, 2, 3, 4, 5, 6], "the whole second, past the limit");
    assert.equal(first.endTime, 101, "not 100: that would return the same page forever");
    const second = readSince(segs, first.endTime, 3);
    assert.deepEqual([second.items, second.endTime, second.exhausted], [[7, 8], 102, true]);
    const mixed = readSince(segs, 101, 1);
    assert.deepEqual([mixed.items, mixed.endTime], [[7], 102]);
    const again = readSince(segs, 102, 5);
    assert.deepEqual(
      [again.items, again.endTime, again.exhausted],
      [[8], 102, true],
      "the stored end_time's item comes again",
    );
  });

  test("organizations walk whole through the time-based export", async () => {
    const res = await get(fake, "/api/v2/incremental/organizations.json?start_time=0&per_page=2");
    assert.equal(res.body.organizations.length, 2);
    assert.equal(res.body.end_time, Date.parse(res.body.organizations[1].updated_at) / 1000);
    const all = await walkTime(
      fake,
      "/api/v2/incremental/organizations.json?start_time=0&per_page=2",
      "organizations",
    );
    const ids = new Set(all.flatMap((p) => p.organizations.map((o: { id: number }) => o.id)));
    assert.equal(ids.size, fake.expected().organizations.total);
  });

  test("cursor-paginated lists walk with page[size] and meta.has_more; offset paging without it", async () => {
    for (const [path, key, total] of [
      ["/api/v2/groups.json", "groups", 3],
      ["/api/v2/ticket_fields.json", "ticket_fields", fake.expected().ticketFields.total],
      ["/api/v2/user_fields.json", "user_fields", fake.expected().userFields.total],
      ["/api/v2/organization_fields.json", "organization_fields", 2],
      ["/api/v2/macros.json", "macros", 4],
      ["/api/v2/satisfaction_ratings.json", "satisfaction_ratings", 5],
      ["/api/v2/help_center/categories.json", "categories", 2],
      ["/api/v2/help_center/sections.json", "sections", 3],
      ["/api/v2/help_center/articles.json?include=translations", "articles", 6],
    ] as const) {
      const seen: number[] = [];
      let url: string = `${path}${path.includes("?") ? "&" : "?"}page[size]=2`;
      for (;;) {
        const res = await get(fake, url);
        assert.equal(res.status, 200, path);
        seen.push(...res.body[key].map((r: { id: number }) => r.id));
        if (!res.body.meta.has_more) {
          assert.equal(res.body.links.next, null);
          break;
        }
        url = res.body.links.next;
        assert.ok(url.includes(`page%5Bafter%5D=${res.body.meta.after_cursor}`));
      }
      assert.equal(seen.length, total, path);
      assert.equal(new Set(seen).size, total, path);
    }
    const offset = await get(fake, "/api/v2/groups.json?per_page=2");
    assert.equal(offset.body.count, 3);
    assert.match(offset.body.next_page, /page=2/);
    const articles = await get(fake, "/api/v2/help_center/articles.json?include=translations&page[size]=1");
    assert.deepEqual(
      articles.body.articles[0].translations.map((t: { locale: string }) => t.locale),
      ["en-us", "de"],
    );
  });

  test("archived tickets answer 404 on the tickets API, and their comments still come", async () => {
    const expected = fake.expected();
    assert.ok(expected.tickets.archived > 0);
    const archivedId = (
      await get(fake, "/api/v2/incremental/tickets/cursor.json?start_time=0")
    ).body.tickets.find((t: ZdTicket) => t.is_archived).id;
    const show = await get(fake, `/api/v2/tickets/${archivedId}.json`);
    assert.equal(show.status, 404);
    assert.equal(show.body.error, "RecordNotFound");
    const comments = await get(fake, `/api/v2/tickets/${archivedId}/comments.json`);
    assert.equal(comments.status, 200);
    assert.equal(comments.body.comments.length, 3);
    assert.equal((await get(fake, "/api/v2/tickets/60.json")).body.ticket.id, 60);
    assert.equal((await get(fake, "/api/v2/tickets/999.json")).status, 404);
  });

  test("odd data is there, whole: 200 kB comment, emoji, RTL, hostile HTML, long subject, bad records", async () => {
    const tickets: ZdTicket[] = (await get(fake, "/api/v2/incremental/tickets/cursor.json?start_time=0")).body
      .tickets;
    const byId = new Map(tickets.map((t) => [t.id, t]));
    assert.ok((byId.get(ODD.longSubject)?.subject ?? "").length > 250);
    assert.match(byId.get(ODD.emoji)?.subject ?? "", /👩‍👩‍👧/u);
    assert.match(byId.get(ODD.rtl)?.subject ?? "", /[\u0600-\u06FF]/u);
    assert.equal(byId.get(ODD.deleted)?.status, "deleted");
    const live = (
      await get(fake, "/api/v2/incremental/tickets/cursor.json?start_time=0&exclude_deleted=true")
    ).body;
    assert.deepEqual(
      [live.tickets.length, live.tickets.some((t: ZdTicket) => t.id === ODD.deleted)],
      [59, false],
    );
    assert.equal(byId.get(ODD.unknownStatus)?.status, "escalated");
    assert.equal(byId.get(ODD.nullRequester)?.requester_id, null);
    const big = (await get(fake, `/api/v2/tickets/${ODD.bigComment}/comments.json`)).body.comments[1];
    assert.equal(big.body.length, 200 * 1024);
    const hostile = (await get(fake, `/api/v2/tickets/${ODD.hostileHtml}/comments.json`)).body.comments[0];
    for (const needle of ["<script>", "onerror=", "javascript:", "<iframe"])
      assert.ok(hostile.html_body.includes(needle));
    const hebrew = (await get(fake, `/api/v2/tickets/${ODD.rtl}/comments.json`)).body.comments[1];
    assert.match(hebrew.body, /[\u0590-\u05FF]/u);
    const noBody = (await get(fake, `/api/v2/tickets/${ODD.commentWithoutBody}/comments.json`)).body
      .comments[2];
    assert.equal(noBody.body, undefined);
    const expected = fake.expected();
    assert.deepEqual(
      expected.skips
        .filter((s) => s.resource !== "satisfaction_ratings")
        .map((s) => `${s.resource}:${s.externalId}`),
      [
        "tickets:8",
        "tickets:9",
        "tickets:10",
        `ticket_events:${noBody.id}`,
        "user_fields:364100000099",
        "macros:410000000002",
      ],
    );
    const ratingSkips = expected.skips.filter((s) => s.resource === "satisfaction_ratings");
    assert.equal(
      ratingSkips.length,
      expected.satisfactionRatings.unanswered + expected.satisfactionRatings.ofSkippedTickets,
    );
    const ratings = (await get(fake, "/api/v2/satisfaction_ratings.json")).body.satisfaction_ratings;
    assert.equal(
      ratings.filter((r: { score: string }) => r.score === "good" || r.score === "bad").length,
      expected.satisfactionRatings.answered,
    );
    assert.equal(
      expected.satisfactionRatings.ofSkippedTickets,
      0,
      "with 60 tickets no rating lands on tickets 8–10",
    );
  });

  test("attachments are served from content_url with their declared size and a type a sniffer agrees with", async () => {
    const events = commentsOf(
      (await get(fake, "/api/v2/incremental/ticket_events.json?start_time=0&include=comment_events")).body
        .ticket_events,
    );
    const attachments = events.flatMap((c) => c.attachments);
    assert.equal(attachments.length, fake.expected().attachments.total);
    const png = attachments.find((a) => a.content_type === "image/png");
    const pdf = attachments.find((a) => a.content_type === "application/pdf" && a.size < 1_000_000);
    for (const a of [png, pdf]) {
      assert.ok(a);
      assert.ok(a.content_url.startsWith(`${fake.url}/attachments/token/`));
      const res = await fetch(a.content_url);
      const bytes = Buffer.from(await res.arrayBuffer());
      assert.equal(res.status, 200);
      assert.equal(bytes.length, a.size);
      assert.equal(res.headers.get("content-type"), a.content_type);
      assert.equal((await fileTypeFromBuffer(bytes))?.mime, a.content_type);
      const again = Buffer.from(await (await fetch(a.content_url)).arrayBuffer());
      assert.ok(again.equals(bytes), "the same bytes every time");
    }
    const huge = attachments.find((a) => a.size > 5 * 1024 * 1024);
    assert.ok(huge, "an attachment above the 5 MB inbound limit");
    const hugeRes = await fetch(huge.content_url);
    assert.equal(Number(hugeRes.headers.get("content-length")), huge.size);
    await hugeRes.body?.cancel();
    const forged = await fetch(`${fake.url}/attachments/token/1x1/?name=x.png`);
    assert.equal(forged.status, 404);
  });

  test("the same seed serves the same bytes; another seed another account", async () => {
    const a = await startFakeZendesk({ seed: 3, tickets: 20 });
    const b = await startFakeZendesk({ seed: 3, tickets: 20 });
    const c = await startFakeZendesk({ seed: 4, tickets: 20 });
    try {
      const path = "/api/v2/incremental/ticket_events.json?start_time=0&include=comment_events";
      const strip = (s: string, url: string) => s.replaceAll(url, "");
      const [ta, tb, tc] = await Promise.all(
        [a, b, c].map(async (f) => strip(JSON.stringify((await get(f, path)).body), f.url)),
      );
      assert.equal(ta, tb);
      assert.notEqual(ta, tc);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });
});

describe("fake Zendesk: faults", () => {
  let fake: FakeZendesk;
  before(async () => {
    fake = await startFakeZendesk({ tickets: 10 });
  });
  after(() => fake.close());

  test("wrong credentials answer 401 with Zendesk's JSON error", async () => {
    const wrong = await get(fake, "/api/v2/groups.json", "not-the-token");
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.body, { error: "Couldn't authenticate you" });
    const none = await fetch(`${fake.url}/api/v2/incremental/tickets/cursor.json?start_time=0`);
    assert.equal(none.status, 401);
    assert.equal((await get(fake, "/api/v2/users/me.json")).body.user.role, "admin");
  });

  test("rate limits answer 429 with Retry-After, per Nth request or per minute", async () => {
    fake.setRateLimit({ everyNth: 2, retryAfterSeconds: 7 });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let n = 0; n < 4; n++) {
      const res = await get(fake, "/api/v2/groups.json");
      statuses.push(res.status);
      if (res.status === 429) {
        retryAfter = res.headers.get("retry-after");
        assert.equal(res.body.error, "APIRateLimitExceeded");
      }
    }
    assert.equal(statuses.filter((s) => s === 429).length, 2);
    assert.equal(retryAfter, "7");
    fake.setRateLimit({ incrementalPerMinute: 2, retryAfterSeconds: 1 });
    const inc = [];
    for (let n = 0; n < 3; n++)
      inc.push(await get(fake, "/api/v2/incremental/tickets/cursor.json?start_time=0"));
    assert.deepEqual(
      inc.map((r) => r.status),
      [200, 200, 429],
    );
    const wait = Number(inc[2]?.headers.get("retry-after"));
    assert.ok(wait >= 1 && wait <= 60, `Retry-After is the rest of the minute: ${wait}`);
    assert.equal((await get(fake, "/api/v2/groups.json")).status, 200, "other endpoints are not capped");
    fake.setRateLimit({ perMinute: 3, retryAfterSeconds: 1 });
    const minute = [];
    for (let n = 0; n < 4; n++) minute.push(await get(fake, "/api/v2/groups.json"));
    assert.deepEqual(
      minute.map((r) => [r.status, r.headers.get("x-rate-limit-remaining")]),
      [
        [200, "2"],
        [200, "1"],
        [200, "0"],
        [429, "0"],
      ],
    );
    fake.reset();
  });

  test("failEveryNth answers 503 on every Nth request, then recovers", async () => {
    fake.setFailEveryNth(3);
    const statuses: number[] = [];
    const before503 = fake.responses[503] ?? 0;
    for (let n = 0; n < 6; n++) statuses.push((await get(fake, "/api/v2/groups.json")).status);
    assert.equal(statuses.filter((s) => s === 503).length, 2);
    assert.equal((fake.responses[503] ?? 0) - before503, 2);
    fake.reset();
  });

  test("killAfterRequests drops connections mid-way until reset, and requests are counted by path", async () => {
    const before = fake.requests["/api/v2/groups.json"] ?? 0;
    fake.killAfterRequests(1);
    assert.equal((await get(fake, "/api/v2/groups.json")).status, 200);
    await assert.rejects(() => fetch(`${fake.url}/api/v2/groups.json`, { headers: authOf(fake) }));
    await assert.rejects(() => fetch(`${fake.url}/api/v2/groups.json`, { headers: authOf(fake) }));
    fake.reset();
    assert.equal((await get(fake, "/api/v2/groups.json")).status, 200);
    assert.equal((fake.requests["/api/v2/groups.json"] ?? 0) - before, 4);
  });
});

describe("fake Zendesk: delta sync", () => {
  test("advance() makes the stored cursor and end_time return only what changed", async () => {
    const fake = await startFakeZendesk({ tickets: 40, commentsPerTicket: 2 });
    try {
      const tickets = await walkCursor(
        fake,
        "/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=15",
        "tickets",
      );
      const cursor = tickets.at(-1).after_cursor;
      const events = await walkTime(
        fake,
        "/api/v2/incremental/ticket_events.json?start_time=0&include=comment_events",
        "ticket_events",
      );
      const endTime = events.at(-1).end_time;
      const lastOldEvent = events.at(-1).ticket_events.at(-1).id;
      const usersAfter = (
        await walkCursor(fake, "/api/v2/incremental/users/cursor.json?start_time=0", "users")
      ).at(-1).after_cursor;

      const nothingYet = await get(fake, `/api/v2/incremental/tickets/cursor.json?cursor=${cursor}`);
      assert.deepEqual([nothingYet.body.tickets.length, nothingYet.body.end_of_stream], [0, true]);

      const [a, b] = fake.updatableTicketIds(2) as [number, number];
      const changed = fake.advance({ newTickets: 3, updatedTickets: [a, b], newComments: 3 });
      assert.deepEqual(changed.newTicketIds, [41, 42, 43]);

      const delta = await walkCursor(
        fake,
        `/api/v2/incremental/tickets/cursor.json?cursor=${cursor}`,
        "tickets",
      );
      const ids = delta.flatMap((p) => p.tickets.map((t: ZdTicket) => t.id));
      assert.deepEqual(
        ids.sort((x: number, y: number) => x - y),
        [a, b, 41, 42, 43].sort((x, y) => x - y),
      );
      const updated = delta.flatMap((p) => p.tickets).find((t: ZdTicket) => t.id === a);
      assert.equal(updated.status, "open");
      assert.ok(updated.tags.includes("delta_1"));
      assert.ok(Date.parse(updated.updated_at) / 1000 > endTime);

      const newEvents = await walkTime(
        fake,
        `/api/v2/incremental/ticket_events.json?start_time=${endTime}&include=comment_events`,
        "ticket_events",
      );
      const got: ZdTicketEvent[] = newEvents.flatMap((p) => p.ticket_events);
      assert.equal(
        got[0]?.id,
        lastOldEvent,
        "the stored end_time's second comes again (idempotent writes absorb it)",
      );
      const fresh = commentsOf(got.slice(1));
      assert.equal(fresh.length, 3 + 3 * 2, "three new comments and the new tickets' two each");
      assert.ok(fresh.every((c) => c.body));

      const restart = await walkCursor(
        fake,
        "/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=15",
        "tickets",
      );
      const all = restart.flatMap((p) => p.tickets.map((t: ZdTicket) => t.id));
      assert.equal(all.length, 43, "a full walk still sees each ticket once, at its latest change");
      assert.deepEqual(all.slice(-5).sort(), [a, b, 41, 42, 43].sort());
      assert.equal(fake.expected().comments.total, 43 * 2 + 3);
      assert.equal((await get(fake, `/api/v2/tickets/${a}/comments.json`)).body.comments.length, 2 + 2);

      const users = await get(fake, `/api/v2/incremental/users/cursor.json?cursor=${usersAfter}`);
      assert.deepEqual([users.body.users.length, users.body.end_of_stream], [0, true]);
      assert.throws(() => fake.advance({ updatedTickets: [1] }), /closed/);
    } finally {
      await fake.close();
    }
  });
});

describe("fake Zendesk: memory", () => {
  test("serving 200k tickets (and their events) keeps the heap flat", async () => {
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as () => void;
    const fake = await startFakeZendesk({
      tickets: 200_000,
      endUsers: 20_000,
      commentsPerTicket: 3,
      attachmentsRatio: 0.1,
    });
    try {
      gc();
      const heapBefore = process.memoryUsage().heapUsed;
      let url = `${fake.url}/api/v2/incremental/tickets/cursor.json?start_time=0`;
      let tickets = 0;
      let bytes = 0;
      const started = performance.now();
      for (;;) {
        const res = await fetch(url, { headers: authOf(fake) });
        const text = await res.text();
        bytes += text.length;
        const body = JSON.parse(text);
        tickets += body.tickets.length;
        if (body.end_of_stream) break;
        url = body.after_url;
      }
      const ticketMs = performance.now() - started;
      assert.equal(tickets, 200_000);
      let events = 0;
      let next = `${fake.url}/api/v2/incremental/ticket_events.json?start_time=0&include=comment_events`;
      const eventsStarted = performance.now();
      for (let page = 0; page < 60; page++) {
        const body = JSON.parse(await (await fetch(next, { headers: authOf(fake) })).text());
        events += body.count;
        next = body.next_page;
      }
      const eventMs = performance.now() - eventsStarted;
      gc();
      const growth = process.memoryUsage().heapUsed - heapBefore;
      console.log(
        `fake zendesk: 200 ticket pages (${(bytes / 1e6).toFixed(0)} MB) in ${ticketMs.toFixed(0)} ms, ` +
          `60 event pages (${events} events) in ${eventMs.toFixed(0)} ms, heap growth ${(growth / 1e6).toFixed(1)} MB`,
      );
      assert.ok(growth < 20e6, `heap grew ${(growth / 1e6).toFixed(1)} MB`);
    } finally {
      await fake.close();
    }
  });
});

describe("fake Zendesk: its own process", () => {
  test("spawnFakeZendesk serves a million-ticket account from a small process", async () => {
    const fake = await spawnFakeZendesk({ tickets: 1_000_000, comments: 3 });
    try {
      const headers = {
        authorization: `Basic ${Buffer.from(`${fake.email}/token:${fake.token}`).toString("base64")}`,
      };
      const res = await fetch(`${fake.url}/api/v2/incremental/tickets/cursor.json?start_time=0`, { headers });
      const body = await res.json();
      assert.equal(body.tickets.length, 1000);
      assert.equal(body.end_of_stream, false);
      const last = await fetch(`${fake.url}/api/v2/tickets/1000000.json`, { headers });
      assert.equal((await last.json()).ticket.id, 1_000_000);
      assert.ok(fake.rssMb() < 150, `RSS ${fake.rssMb()} MB`);
      assert.ok(fake.cpuMs() > 0);
    } finally {
      await fake.stop();
    }
  });
});
