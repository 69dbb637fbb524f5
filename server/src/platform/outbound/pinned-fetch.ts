import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { isIP } from "node:net";
import { Readable } from "node:stream";
import { isInternalAddress } from "../../modules/webhooks/destination.ts";

/**
 * Every request Rapport makes to an address an admin typed (webhooks, actions, channel
 * deliveries and attachment fetches, audit streaming) goes through here, so DNS rebinding cannot
 * reach the network Rapport runs in (issue #23). The name is resolved once, every address it
 * gave is checked against the private-address rules (webhooks/destination.ts), and the socket
 * connects to that checked address: the HTTP agent's `lookup` answers with it instead of asking
 * DNS again, where a hostile name server could now say 127.0.0.1. The URL's name is still the
 * Host header and the TLS server name, so virtual hosts and certificates work as before.
 *
 * The answer is a WHATWG Response like fetch's, and failures look like fetch's (a TypeError
 * "fetch failed" whose cause has the code, the signal's reason on timeout), so callers read it
 * the same way. Redirects are never followed (callers asked fetch for `redirect: "manual"`).
 */

/** All the addresses a name resolves to (injectable in tests). */
export type Resolver = (host: string) => Promise<Array<{ address: string; family: number }>>;

const systemResolver: Resolver = (host) => dnsLookup(host, { all: true });

/** The destination is inside the network Rapport runs in; `message` says why, for the admin. */
export class RefusedDestination extends Error {
  override name = "RefusedDestination";
}

export type PinnedInit = {
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
};

export type PinnedOptions = {
  /** WEBHOOK_ALLOW_PRIVATE: the operator allows private destinations (still pinned). */
  allowPrivate: boolean;
  resolve?: Resolver;
};

/** The one address the request will connect to, checked; throws RefusedDestination. */
export async function checkedAddress(
  url: URL,
  opts: PinnedOptions,
): Promise<{ address: string; family: 4 | 6 }> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const literal = isIP(host);
  if (literal) {
    if (!opts.allowPrivate && isInternalAddress(host))
      throw new RefusedDestination(`${host} is an internal address`);
    return { address: host, family: literal === 6 ? 6 : 4 };
  }
  if (!opts.allowPrivate && (host === "localhost" || host.endsWith(".localhost")))
    throw new RefusedDestination(`${host} is this machine`);
  let addresses: Array<{ address: string; family: number }>;
  try {
    addresses = await (opts.resolve ?? systemResolver)(host);
  } catch (err) {
    throw new TypeError("fetch failed", { cause: err });
  }
  const first = addresses[0];
  if (!first)
    throw new TypeError("fetch failed", {
      cause: Object.assign(new Error(`${host}: no address`), { code: "ENOTFOUND" }),
    });
  if (!opts.allowPrivate) {
    // Any internal answer refuses the name: which of its addresses a later lookup prefers is not ours to pick.
    const blocked = addresses.find((a) => isInternalAddress(a.address));
    if (blocked) throw new RefusedDestination(`${host} resolves to the internal address ${blocked.address}`);
  }
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

/** A socket lookup that always answers the checked address (both of Node's calling styles). */
function pinnedLookup(address: string, family: 4 | 6): LookupFunction {
  return (_hostname, options, callback) => {
    const cb = callback as (err: Error | null, address: unknown, family?: number) => void;
    if ((options as { all?: boolean }).all) cb(null, [{ address, family }]);
    else cb(null, address, family);
  };
}

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

export async function pinnedFetch(url: string, init: PinnedInit, opts: PinnedOptions): Promise<Response> {
  const target = new URL(url);
  if (target.protocol !== "http:" && target.protocol !== "https:")
    throw new TypeError("fetch failed", { cause: new Error(`unsupported protocol ${target.protocol}`) });
  const { address, family } = await checkedAddress(target, opts);
  const client = target.protocol === "https:" ? https : http;
  const signal = init.signal;
  return new Promise<Response>((resolve, reject) => {
    const fail = (err: unknown) =>
      reject(signal?.aborted ? signal.reason : new TypeError("fetch failed", { cause: err }));
    const req = client.request(
      target,
      {
        method: init.method ?? "GET",
        headers: {
          ...init.headers,
          ...(init.body !== undefined ? { "content-length": String(Buffer.byteLength(init.body)) } : {}),
        },
        lookup: pinnedLookup(address, family),
        // A fresh connection each time: a pooled socket could be one made for another address.
        agent: false,
        ...(signal ? { signal } : {}),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (Array.isArray(value)) for (const v of value) headers.append(name, v);
          else if (value !== undefined) headers.set(name, value);
        }
        if (NULL_BODY_STATUS.has(status)) {
          res.resume();
          resolve(new Response(null, { status, headers }));
          return;
        }
        const body = Readable.toWeb(res) as ReadableStream<Uint8Array>;
        resolve(new Response(body, { status, statusText: res.statusMessage ?? "", headers }));
      },
    );
    req.on("error", fail);
    req.end(init.body);
  });
}
