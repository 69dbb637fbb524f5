import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { pinnedFetch, RefusedDestination, type Resolver } from "./pinned-fetch.ts";

/**
 * DNS rebinding (issue #23): a name that is public when checked and loopback when connected
 * must not reach loopback. A loopback HTTP server stands for the internal service; the
 * resolver is injected so the test controls what "DNS" answers on each lookup.
 */
let internal: Server;
let port: number;
const hits: Array<{ host: string | undefined; body: string }> = [];

before(async () => {
  internal = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      hits.push({ host: req.headers.host, body });
      res.writeHead(200, { "content-type": "application/json" }).end('{"secret":"internal"}');
    });
  });
  await new Promise<void>((resolve) => internal.listen(0, "127.0.0.1", resolve));
  port = (internal.address() as AddressInfo).port;
});
after(() => new Promise<void>((resolve) => internal.close(() => resolve())));

/** Answers a public address first, then loopback: a rebinding name server. */
function rebinding(): Resolver & { calls: number } {
  const resolver = Object.assign(
    async (_host: string) => {
      resolver.calls++;
      // 192.0.2.1 is TEST-NET-1: public by the rules, and nothing answers there.
      return resolver.calls === 1
        ? [{ address: "192.0.2.1", family: 4 }]
        : [{ address: "127.0.0.1", family: 4 }];
    },
    { calls: 0 },
  );
  return resolver;
}

describe("pinned outgoing requests", () => {
  test("a name that rebinds to loopback after the check never reaches loopback", async () => {
    hits.length = 0;
    const resolve = rebinding();
    await assert.rejects(
      pinnedFetch(
        `http://hooks.rebind.test:${port}/hook`,
        { method: "POST", body: "{}", signal: AbortSignal.timeout(800) },
        { allowPrivate: false, resolve },
      ),
      (err: Error) => err.name === "TimeoutError" || err.message === "fetch failed",
    );
    assert.equal(resolve.calls, 1, "the name is resolved once; the socket uses that answer");
    assert.equal(hits.length, 0, "the loopback service got no request");
  });

  test("a name resolving to loopback when checked is refused without connecting", async () => {
    hits.length = 0;
    const loopback: Resolver = async () => [
      { address: "203.0.113.9", family: 4 },
      { address: "127.0.0.1", family: 4 },
    ];
    await assert.rejects(
      pinnedFetch(
        `http://mixed.rebind.test:${port}/`,
        { method: "POST", body: "{}" },
        {
          allowPrivate: false,
          resolve: loopback,
        },
      ),
      (err: Error) =>
        err instanceof RefusedDestination &&
        /resolves to the internal address 127\.0\.0\.1/.test(err.message),
    );
    for (const url of [
      `http://127.0.0.1:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      `http://localhost:${port}/`,
    ])
      await assert.rejects(pinnedFetch(url, {}, { allowPrivate: false }), RefusedDestination, url);
    assert.equal(hits.length, 0);
  });

  test("the connection goes to the checked address with the name as Host (WEBHOOK_ALLOW_PRIVATE)", async () => {
    hits.length = 0;
    const resolve = rebinding();
    // With private destinations allowed, the first (public) answer is still the one used:
    // connecting fails instead of following DNS to loopback.
    await assert.rejects(
      pinnedFetch(
        `http://hooks.rebind.test:${port}/`,
        { signal: AbortSignal.timeout(800) },
        {
          allowPrivate: true,
          resolve,
        },
      ),
    );
    assert.equal(hits.length, 0);

    const toLoopback: Resolver = async () => [{ address: "127.0.0.1", family: 4 }];
    const res = await pinnedFetch(
      `http://receiver.example.test:${port}/hook`,
      { method: "POST", headers: { "content-type": "application/json" }, body: '{"n":1}' },
      { allowPrivate: true, resolve: toLoopback },
    );
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { secret: "internal" });
    assert.deepEqual(hits, [{ host: `receiver.example.test:${port}`, body: '{"n":1}' }]);
  });

  test("failures read like fetch's: a cause with the code", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await assert.rejects(
      pinnedFetch(`http://127.0.0.1:${freePort}/`, {}, { allowPrivate: true }),
      (err: Error & { cause?: { code?: string } }) =>
        err.message === "fetch failed" && err.cause?.code === "ECONNREFUSED",
    );
  });
});
