import http from "node:http";
import { TestClient } from "./client.ts";

/**
 * A TestClient that reaches the test server under another host name, as a browser on
 * http://brand-b.localhost:<port> would: fetch cannot set Host, so this speaks HTTP itself and
 * resolves every *.localhost name to the loopback address (as browsers do).
 */
export class HostClient extends TestClient {
  constructor(serverUrl: string, hostname: string, opts: { token?: string } = {}) {
    const url = new URL(serverUrl);
    url.hostname = hostname;
    super(url.origin, opts);
  }

  protected override send(url: string, init: RequestInit): Promise<Response> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        url,
        {
          method: init.method ?? "GET",
          headers: init.headers as Record<string, string>,
          lookup: (_name, options, cb) => {
            if ((options as { all?: boolean }).all) cb(null, [{ address: "127.0.0.1", family: 4 }]);
            else (cb as (e: null, a: string, f: number) => void)(null, "127.0.0.1", 4);
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const headers = new Headers();
            for (const [k, v] of Object.entries(res.headers)) {
              for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) headers.append(k, one);
            }
            const status = res.statusCode ?? 500;
            const body = status === 204 || status === 304 ? null : Buffer.concat(chunks);
            resolve(new Response(body, { status, headers }));
          });
        },
      );
      req.on("error", reject);
      if (typeof init.body === "string") req.write(init.body);
      req.end();
    });
  }
}
