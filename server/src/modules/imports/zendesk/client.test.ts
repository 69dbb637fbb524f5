import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { CREDENTIAL, collect, json, type Scripted, scriptedServer, testClient } from "./client.testkit.ts";
import { MALFORMED_SIDELOAD, ZendeskPageError } from "./client.ts";

/**
 * Paging, as Zendesk documents it for each kind of endpoint, against a scripted server:
 * every page is read once and in order, the checkpoint a page carries resumes exactly after
 * it, and the stream stops at end_of_stream (or when a list has no more).
 */

// A cursor-based incremental export of five tickets in three pages.
const ticketPages: Record<string, unknown> = {
  start: { tickets: [{ id: 1 }, { id: 2 }], after_cursor: "c1", end_of_stream: false },
  c1: { tickets: [{ id: 3 }, { id: 4 }], after_cursor: "c2", end_of_stream: false },
  c2: { tickets: [{ id: 5 }], after_cursor: "c3", end_of_stream: true },
};
// A time-based export whose pages repeat the boundary record, as Zendesk's may.
const orgPages: Record<string, unknown> = {
  "0": { organizations: [{ id: 10 }, { id: 11 }], end_time: 1700000100, end_of_stream: false, count: 2 },
  "1700000100": { organizations: [{ id: 11 }, { id: 12 }], end_time: 1700000200, end_of_stream: false },
  "1700000200": { organizations: [{ id: 13 }], end_time: 1700000300, end_of_stream: true },
};
const groupPages: Record<string, unknown> = {
  first: { groups: [{ id: 1 }], meta: { has_more: true, after_cursor: "g1" }, links: { next: "x" } },
  g1: { groups: [{ id: 2 }], meta: { has_more: true, after_cursor: "g2" } },
  g2: { groups: [{ id: 3 }], meta: { has_more: false, after_cursor: "g3" } },
};

let server: Scripted;
before(async () => {
  server = await scriptedServer((url, _req, res) => {
    const q = url.searchParams;
    switch (url.pathname) {
      case "/api/v2/incremental/tickets/cursor.json":
        return json(res, 200, ticketPages[q.get("cursor") ?? "start"] ?? { error: "no such cursor" });
      case "/api/v2/incremental/users/cursor.json":
        return json(res, 200, {
          users: [{ id: 7, name: "Ana" }, "not a record", null],
          identities: [{ id: 70, user_id: 7, type: "email", value: "ana@example.com" }],
          after_cursor: "u1",
          end_of_stream: true,
        });
      case "/api/v2/incremental/organizations.json":
        return json(res, 200, orgPages[q.get("start_time") ?? ""] ?? { error: "bad start_time" });
      case "/api/v2/incremental/ticket_events.json":
        // Stuck: every page ends where it started and claims there is more.
        return json(res, 200, { ticket_events: [{ id: 1 }], end_time: 5, end_of_stream: false });
      case "/api/v2/groups.json":
        return json(res, 200, groupPages[q.get("page[after]") ?? "first"] ?? { error: "no such cursor" });
      case "/api/v2/help_center/articles.json":
        return json(res, 200, {
          articles: [{ id: 9, translations: [{ locale: "he" }] }],
          meta: { has_more: false },
        });
      case "/api/v2/user_fields.json": {
        // Offset pagination, as some Zendesk lists answer: next_page is a full address.
        const page = Number(q.get("page") ?? "1");
        return json(res, 200, {
          user_fields: [{ id: page }],
          next_page: page < 3 ? `https://elsewhere.example/api/v2/user_fields.json?page=${page + 1}` : null,
          previous_page: null,
          count: 3,
        });
      }
      case "/api/v2/macros.json":
        return json(res, 200, { macros: { id: 1 }, meta: { has_more: false } });
      default:
        return json(res, 404, { error: "InvalidEndpoint" });
    }
  });
});
after(() => server.close());

describe("Zendesk paging", () => {
  test("a cursor-based incremental export walks every page once, then resumes after a checkpoint", async () => {
    server.requests.length = 0;
    const { client } = testClient(server);
    const pages = await collect(client.pages("tickets", null, null));
    assert.deepEqual(
      pages.map((p) => p.records.map((t) => t.id)),
      [[1, 2], [3, 4], [5]],
    );
    assert.deepEqual(
      pages.map((p) => [p.checkpoint, p.endOfStream]),
      [
        ["c1", false],
        ["c2", false],
        ["c3", true],
      ],
      "the last page keeps its cursor: the next run is a delta from there",
    );
    assert.equal(server.requests.length, 3, "nothing is fetched past end_of_stream");
    assert.equal(server.requests[0]?.url.searchParams.get("start_time"), "0");
    assert.equal(server.requests[1]?.url.searchParams.get("cursor"), "c1");
    assert.equal(server.requests[0]?.authorization, `Basic ${CREDENTIAL}`);

    server.requests.length = 0;
    const resumed = await collect(client.pages("tickets", "c1", null));
    assert.deepEqual(
      resumed.map((p) => p.records.map((t) => t.id)),
      [[3, 4], [5]],
      "resuming from the first page's checkpoint reads only what came after it",
    );
    assert.equal(server.requests[0]?.url.searchParams.get("start_time"), null);
  });

  test("since becomes start_time; identities come as a sideload; non-object records are set aside", async () => {
    server.requests.length = 0;
    const { client } = testClient(server);
    const [page] = await collect(client.pages("users", null, new Date("2024-01-01T00:00:00Z")));
    const query = server.requests[0]?.url.searchParams;
    assert.equal(query?.get("start_time"), "1704067200");
    assert.equal(query?.get("include"), "identities");
    assert.deepEqual(
      page?.records.map((u) => u.name),
      ["Ana"],
    );
    assert.equal(
      (page?.sideloads.identities?.[0] as { value?: string } | undefined)?.value,
      "ana@example.com",
    );
    assert.deepEqual(page?.sideloads[MALFORMED_SIDELOAD], ["not a record", null]);
  });

  test("a time-based export follows end_time, keeps boundary repeats, and resumes from a start_time", async () => {
    server.requests.length = 0;
    const { client } = testClient(server);
    const pages = await collect(client.pages("organizations", null, null));
    assert.deepEqual(
      pages.map((p) => p.records.map((o) => o.id)),
      [[10, 11], [11, 12], [13]],
    );
    assert.deepEqual(
      pages.map((p) => p.checkpoint),
      ["1700000100", "1700000200", "1700000300"],
    );
    const resumed = await collect(client.pages("organizations", "1700000200", null));
    assert.deepEqual(
      resumed.map((p) => p.records.map((o) => o.id)),
      [[13]],
    );
  });

  test("a time-based export that stops moving ends in an error instead of a loop", async () => {
    const { client } = testClient(server);
    await assert.rejects(
      collect(client.pages("ticket_events", null, null)),
      (err: Error) =>
        err instanceof ZendeskPageError &&
        /ticket_events/.test(err.message) &&
        /did not move/.test(err.message),
    );
    const events = server.requests.filter((r) => r.url.pathname.endsWith("ticket_events.json"));
    assert.ok(events.length <= 3, `stopped after ${events.length} requests`);
    assert.equal(events[0]?.url.searchParams.get("include"), "comment_events");
  });

  test("a list follows meta.after_cursor while has_more, and its last checkpoint is null", async () => {
    server.requests.length = 0;
    const { client } = testClient(server);
    const pages = await collect(client.pages("groups", null, null));
    assert.deepEqual(
      pages.map((p) => [p.records[0]?.id, p.checkpoint, p.endOfStream]),
      [
        [1, "g1", false],
        [2, "g2", false],
        [3, null, true],
      ],
    );
    assert.equal(server.requests[0]?.url.searchParams.get("page[size]"), "100");
    assert.equal(server.requests[2]?.url.searchParams.get("page[after]"), "g2");
    const resumed = await collect(client.pages("groups", "g1", null));
    assert.deepEqual(
      resumed.map((p) => p.records[0]?.id),
      [2, 3],
    );
  });

  test("a list that answers with offset pagination is walked by page number, on the base URL", async () => {
    server.requests.length = 0;
    const { client } = testClient(server);
    const pages = await collect(client.pages("user_fields", null, null));
    assert.deepEqual(
      pages.map((p) => [p.records[0]?.id, p.checkpoint]),
      [
        [1, "offset:2"],
        [2, "offset:3"],
        [3, null],
      ],
    );
    assert.equal(server.requests.length, 3, "next_page's other host is never asked");
    assert.equal(server.requests[2]?.url.searchParams.get("page"), "3");
    const resumed = await collect(client.pages("user_fields", "offset:3", null));
    assert.deepEqual(
      resumed.map((p) => p.records[0]?.id),
      [3],
    );
  });

  test("Guide articles come from the Help Center path with their translations", async () => {
    server.requests.length = 0;
    const { client } = testClient(server);
    const [page] = await collect(client.pages("hc_articles", null, null));
    assert.equal(server.requests[0]?.url.searchParams.get("include"), "translations");
    assert.equal(page?.records[0]?.translations?.[0]?.locale, "he");
  });

  test("a page that is not the documented shape stops the run with the resource named", async () => {
    const { client } = testClient(server);
    await assert.rejects(
      collect(client.pages("macros", null, null)),
      (err: Error) =>
        err instanceof ZendeskPageError &&
        /macros/.test(err.message) &&
        /"macros" is not a list/.test(err.message),
    );
  });

  test("stopping early leaves no request in flight that fails later", async () => {
    const { client } = testClient(server);
    for await (const page of client.pages("tickets", null, null)) {
      assert.equal(page.checkpoint, "c1");
      break;
    }
  });
});
