import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { inspect } from "node:util";
import {
  CREDENTIAL,
  collect,
  EMAIL,
  json,
  type Scripted,
  scriptedServer,
  TOKEN,
  testClient,
} from "./client.testkit.ts";
import { ZendeskError } from "./client.ts";

/**
 * What the client does when Zendesk misbehaves: 429s are waited out as Retry-After asks and
 * are not failures; 5xx and dropped connections are retried with backoff, then reported with
 * the resource and path; other 4xx stop at once with Zendesk's words. And whatever happens,
 * the API token is in no error and no log line.
 */

// Per test, what each path answers; counters let a script fail a few times, then succeed.
const hits = new Map<string, number>();
const hit = (key: string) => {
  const n = (hits.get(key) ?? 0) + 1;
  hits.set(key, n);
  return n;
};
const groupsPage = { groups: [{ id: 1, name: "Tier 1" }], meta: { has_more: false } };

let server: Scripted;
before(async () => {
  server = await scriptedServer((url, req, res) => {
    const mode = url.pathname;
    const echo = { error: "Couldn't authenticate you", description: `you sent ${req.headers.authorization}` };
    switch (mode) {
      case "/api/v2/groups.json": // 429 once with Retry-After: 1, then the page
        if (hit("429") === 1) return json(res, 429, { error: "TooManyRequests" }, { "retry-after": "1" });
        return json(res, 200, groupsPage);
      case "/api/v2/macros.json": // 503 twice (the second in maintenance, with Retry-After), then the page
        if (hit("503") === 1) return json(res, 503, { error: "Service Unavailable" });
        if (hits.get("503") === 2) return json(res, 503, { error: "Maintenance" }, { "retry-after": "1" });
        return json(res, 200, { macros: [{ id: 5 }], meta: { has_more: false } });
      case "/api/v2/incremental/tickets/cursor.json": // always 500
        return json(res, 500, { error: "InternalError", description: `echo ${req.headers.authorization}` });
      case "/api/v2/ticket_fields.json": // 401 echoing the Authorization header back
        return json(res, 401, echo);
      case "/api/v2/user_fields.json": // 403 as an HTML page echoing the header
        res
          .writeHead(403, { "content-type": "text/html" })
          .end(`<h1>Forbidden</h1><p>${req.headers.authorization}</p>`);
        return;
      case "/api/v2/organization_fields.json": // the connection drops before any answer
        req.socket.destroy();
        return;
      case "/api/v2/help_center/categories.json": // never answers (timeout)
        return;
      case "/api/v2/help_center/sections.json": // 200 that is not JSON, echoing the header
        res.writeHead(200, { "content-type": "text/plain" }).end(`oops ${req.headers.authorization}`);
        return;
      case "/hc_drop/api/v2/groups.json": // first answer cut off mid-body, then whole
        if (hit("drop") === 1) {
          res.writeHead(200, { "content-type": "application/json", "content-length": "500" });
          res.write('{"groups":[{"id":1,');
          setTimeout(() => req.socket.destroy(), 20);
          return;
        }
        return json(res, 200, groupsPage);
      case "/api/v2/satisfaction_ratings.json": // 429 forever
        return json(res, 429, {}, { "retry-after": "0" });
      default:
        return json(res, 404, { error: "InvalidEndpoint", description: "Not found" });
    }
  });
});
after(() => server.close());

/** The token, the encoded credential and "email/token:token" must appear nowhere. */
function assertNoSecret(where: string, text: string) {
  for (const secret of [TOKEN, CREDENTIAL, `${EMAIL}/token:${TOKEN}`])
    assert.ok(!text.includes(secret), `${where} carries a secret: ${text.slice(0, 300)}`);
}
function assertErrorClean(err: unknown) {
  const e = err as Error;
  assertNoSecret("message", e.message);
  assertNoSecret("stack", e.stack ?? "");
  assertNoSecret("JSON", JSON.stringify(e, Object.getOwnPropertyNames(e)));
  assertNoSecret("inspect", inspect(e, { depth: 10, showHidden: true }));
}

describe("Zendesk client failures", () => {
  test("a 429 waits Retry-After, then reads the page, without counting as a failure", async () => {
    hits.clear();
    const { client, logs } = testClient(server, { retry: { attempts: 1, backoffBaseMs: 10 } });
    const started = performance.now();
    const pages = await collect(client.pages("groups", null, null));
    const elapsed = performance.now() - started;
    assert.equal(pages[0]?.records[0]?.name, "Tier 1");
    assert.ok(elapsed >= 990, `waited ${Math.round(elapsed)} ms for Retry-After: 1`);
    assert.ok(elapsed < 5000, `but not much longer (${Math.round(elapsed)} ms)`);
    assert.ok(logs.some((l) => l.includes("Retry-After")));
  });

  test("503s are retried with backoff (or as Retry-After asks) until the page comes", async () => {
    hits.clear();
    const { client, logs } = testClient(server);
    const started = performance.now();
    const pages = await collect(client.pages("macros", null, null));
    assert.ok(performance.now() - started >= 990, "the maintenance 503's Retry-After: 1 was waited");
    assert.equal(pages[0]?.records[0]?.id, 5);
    assert.equal(hits.get("503"), 3);
    assert.equal(logs.filter((l) => l.includes("retrying")).length, 2);
  });

  test("a connection dropped in the middle of a page is retried", async () => {
    hits.clear();
    // The base URL may carry a path; pages are asked for under it.
    const { client, logs } = testClient(server, { baseUrl: `${server.url}/hc_drop` });
    const pages = await collect(client.pages("groups", null, null));
    assert.equal(pages[0]?.records[0]?.name, "Tier 1");
    assert.equal(hits.get("drop"), 2);
    assert.equal(logs.filter((l) => l.includes("retrying")).length, 1);
  });

  test("a persistent 500 gives up after the attempts, naming the resource and path", async () => {
    server.requests.length = 0;
    const { client, logs } = testClient(server);
    const err = await collect(client.pages("tickets", "abc", null)).catch((e: unknown) => e);
    assert.ok(err instanceof ZendeskError);
    assert.equal(err.status, 500);
    assert.match(err.message, /tickets/);
    assert.match(err.message, /\/api\/v2\/incremental\/tickets\/cursor\.json/);
    assert.doesNotMatch(err.message, /cursor=abc/, "no query in the message");
    assert.equal(server.requests.length, 4, "four attempts");
    assertErrorClean(err);
    for (const line of logs) assertNoSecret("log", line);
  });

  test("a 401 stops at once and says the email or token was refused", async () => {
    server.requests.length = 0;
    const { client, logs } = testClient(server);
    const err = await collect(client.pages("ticket_fields", null, null)).catch((e: unknown) => e);
    assert.ok(err instanceof ZendeskError);
    assert.match(err.message, /Zendesk refused the email or API token/);
    assert.match(err.message, /Couldn't authenticate you/, "Zendesk's own words are kept");
    assert.equal(server.requests.length, 1, "no retry");
    assertErrorClean(err);
    for (const line of logs) assertNoSecret("log", line);
  });

  test("the token appears in no error or log line, however the request fails", async () => {
    const failing = [
      "user_fields", // 403 HTML echoing it
      "organization_fields", // connection dropped
      "hc_categories", // timeout
      "hc_sections", // 200, not JSON, echoing it
      "satisfaction_ratings", // 429 forever
    ] as const;
    for (const resource of failing) {
      const { client, logs } = testClient(server, {
        timeoutMs: 150,
        retry: { attempts: 2, backoffBaseMs: 5, backoffMaxMs: 10, max429: 2 },
      });
      const err = await collect(client.pages(resource, null, null)).catch((e: unknown) => e);
      assert.ok(err instanceof ZendeskError, `${resource}: ${String(err)}`);
      assert.match(err.message, new RegExp(resource), `${resource} is named: ${err.message}`);
      assertErrorClean(err);
      for (const line of logs) assertNoSecret(`${resource} log`, line);
    }
  });

  test("loopback is refused unless private addresses are allowed", async () => {
    server.requests.length = 0;
    const { client } = testClient(server, { allowPrivate: false });
    const err = await collect(client.pages("groups", null, null)).catch((e: unknown) => e);
    assert.ok(err instanceof ZendeskError);
    assert.match(err.message, /internal address/);
    assert.match(err.message, /WEBHOOK_ALLOW_PRIVATE/);
    assert.equal(server.requests.length, 0, "nothing was sent");
  });

  test("aborting the run cuts a Retry-After wait short", async () => {
    hits.clear();
    hits.set("429", 0);
    const stop = new AbortController();
    const { client } = testClient(server, { signal: stop.signal, retry: { retryAfterCapMs: 60_000 } });
    const started = performance.now();
    setTimeout(() => stop.abort(new Error("cancelled by the admin")), 100);
    await assert.rejects(collect(client.pages("groups", null, null)), /cancelled by the admin/);
    assert.ok(performance.now() - started < 900, "did not sit out the whole second");
  });
});
