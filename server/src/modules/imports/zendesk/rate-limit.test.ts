import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { collect, json, type Scripted, scriptedServer, testClient } from "./client.testkit.ts";
import { backoffMs, RequestSpacer, retryAfterMs } from "./rate-limit.ts";

/**
 * The client stays under Zendesk's request caps by spacing requests, overall and on the
 * incremental exports (10 a minute on Zendesk), and waits as a 429's Retry-After asks.
 */
let server: Scripted;
const arrivals: number[] = [];
before(async () => {
  server = await scriptedServer((url, _req, res) => {
    arrivals.push(performance.now());
    const cursor = Number(url.searchParams.get("cursor") ?? "0");
    if (url.pathname === "/api/v2/incremental/tickets/cursor.json")
      return json(res, 200, {
        tickets: [{ id: cursor }],
        after_cursor: String(cursor + 1),
        end_of_stream: cursor === 4,
      });
    const after = Number(url.searchParams.get("page[after]") ?? "0");
    return json(res, 200, {
      groups: [{ id: after }],
      meta: { has_more: after < 4, after_cursor: String(after + 1) },
    });
  });
});
after(() => server.close());

describe("request pacing", () => {
  test("the incremental cap spaces export pages: 5 pages at 120 a minute take about 2 s", async () => {
    arrivals.length = 0;
    const { client } = testClient(server, { requestsPerMinute: 100_000, incrementalPerMinute: 120 });
    const started = performance.now();
    const pages = await collect(client.pages("tickets", null, null));
    const elapsed = performance.now() - started;
    assert.equal(pages.length, 5);
    assert.ok(elapsed >= 1990, `took ${Math.round(elapsed)} ms`);
    assert.ok(elapsed < 5000, `but not much more: ${Math.round(elapsed)} ms`);
    for (let i = 1; i < arrivals.length; i++) {
      const gap = (arrivals[i] ?? 0) - (arrivals[i - 1] ?? 0);
      // Requests start 500 ms apart; their arrival here also varies with a loaded machine's latency.
      assert.ok(gap >= 380, `requests ${i - 1} and ${i} were ${Math.round(gap)} ms apart`);
    }
  });

  test("the incremental cap does not slow ordinary lists; the overall cap does", async () => {
    const fast = testClient(server, { requestsPerMinute: 100_000, incrementalPerMinute: 1 });
    let started = performance.now();
    assert.equal((await collect(fast.client.pages("groups", null, null))).length, 5);
    assert.ok(performance.now() - started < 10_000, "lists are not incremental exports (one a minute here)");

    const capped = testClient(server, { requestsPerMinute: 600, incrementalPerMinute: 100_000 });
    started = performance.now();
    await collect(capped.client.pages("groups", null, null));
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 390, `5 requests at 600 a minute took ${Math.round(elapsed)} ms`);
  });

  test("callers arriving together each get their own slot", async () => {
    const spacer = new RequestSpacer(600);
    const started = performance.now();
    const times = await Promise.all(
      Array.from({ length: 5 }, () => spacer.acquire().then(() => performance.now() - started)),
    );
    times.sort((a, b) => a - b);
    assert.ok((times[0] ?? 1000) < 200, "the first goes at once");
    assert.ok((times[4] ?? 0) >= 395, `the fifth waited ${Math.round(times[4] ?? 0)} ms`);
  });

  test("Retry-After is read in seconds or as a date, and capped", () => {
    assert.equal(retryAfterMs("7", 120_000), 7_000);
    assert.equal(retryAfterMs("3600", 120_000), 120_000, "a day-long ask is capped");
    assert.equal(retryAfterMs(new Date(10_000).toUTCString(), 120_000, 4_000), 6_000);
    assert.equal(retryAfterMs(null, 120_000), 60_000, "no header: Zendesk's one-minute window");
    assert.equal(retryAfterMs("soon", 30_000), 30_000);
  });

  test("backoff grows with each attempt, jittered, and stops growing at the maximum", () => {
    const low = () => 0;
    const high = () => 1;
    assert.deepEqual(
      [1, 2, 3, 4].map((a) => backoffMs(a, 1000, 60_000, low)),
      [500, 1000, 2000, 4000],
    );
    assert.deepEqual(
      [1, 2, 3, 4].map((a) => backoffMs(a, 1000, 60_000, high)),
      [1000, 2000, 4000, 8000],
    );
    assert.equal(backoffMs(20, 1000, 60_000, high), 60_000);
  });
});
