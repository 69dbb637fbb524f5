import http from "node:http";
import net from "node:net";

/**
 * A small round-robin load balancer for tests: HTTP requests and WebSocket upgrades go to the
 * next live backend in turn, as nginx or a cloud balancer would spread them over app processes.
 * - A backend that refuses the connection (killed) is marked down and the request goes to the
 *   next one: nothing was sent yet, so that is safe, as real balancers do.
 * - A backend that dies mid-request answers the client 502: the request may or may not have been
 *   applied, and only the client can decide to retry.
 * - `x-test-backend: <index>` pins a request or socket to one backend, so a test can say "through
 *   process B" while still going through the proxy's code path.
 * Bounded: loopback only, at most 256 open client connections, and it closes itself after
 * `lifetimeMs` should a test forget to.
 */
export type Balancer = {
  url: string;
  port: number;
  setBackends: (ports: number[]) => void;
  /** How many requests each backend received (by index), to show the spreading. */
  served: number[];
  close: () => Promise<void>;
};

export async function startProxy(opts: { lifetimeMs?: number } = {}): Promise<Balancer> {
  let backends: number[] = [];
  const down = new Set<number>();
  let next = 0;
  const served: number[] = [];
  const sockets = new Set<net.Socket>();

  /** The backends to try, in order: the pinned one alone, or every live one from the next in turn. */
  function order(pinned: string | string[] | undefined): number[] {
    if (typeof pinned === "string" && /^\d+$/.test(pinned)) return [Number(pinned)];
    const live = backends.map((_, i) => i).filter((i) => !down.has(i));
    const start = next++ % Math.max(1, live.length);
    return [...live.slice(start), ...live.slice(0, start)];
  }

  const server = http.createServer((req, res) => {
    const tries = order(req.headers["x-test-backend"]);
    const body: Buffer[] = [];
    req.on("data", (c: Buffer) => body.push(c));
    req.on("end", () => attempt(0));
    function attempt(t: number) {
      const index = tries[t];
      if (index === undefined) {
        res.writeHead(502, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: "bad_gateway", message: "no backend answered" } }));
        return;
      }
      let connected = false;
      const upstream = http.request(
        {
          host: "127.0.0.1",
          port: backends[index],
          method: req.method,
          path: req.url,
          headers: req.headers,
          // A fresh connection per request, so "refused" always means this process is gone.
          agent: false,
        },
        (up) => {
          served[index] = (served[index] ?? 0) + 1;
          res.writeHead(up.statusCode ?? 502, up.rawHeaders);
          up.pipe(res);
          up.on("error", () => res.destroy());
        },
      );
      upstream.on("socket", (s) => s.on("connect", () => (connected = true)));
      upstream.on("error", () => {
        if (res.headersSent) return res.destroy();
        if (!connected) {
          // Refused: never reached the process, so trying the next one cannot apply it twice.
          down.add(index);
          return attempt(t + 1);
        }
        res.writeHead(502, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: "bad_gateway", message: "the backend went away" } }));
      });
      upstream.end(Buffer.concat(body));
    }
  });
  server.maxConnections = 256;
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  // WebSocket: replay the upgrade request's head to the backend, then pipe both ways.
  server.on("upgrade", (req, client, head) => {
    const index = order(req.headers["x-test-backend"])[0];
    if (index === undefined) return client.destroy();
    const upstream = net.connect(backends[index] as number, "127.0.0.1", () => {
      served[index] = (served[index] ?? 0) + 1;
      let raw = `${req.method} ${req.url} HTTP/${req.httpVersion}\r\n`;
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        raw += `${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`;
      upstream.write(`${raw}\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on("close", () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
    client.on("close", () => upstream.destroy());
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  const close = async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  const timer = setTimeout(() => void close(), opts.lifetimeMs ?? 10 * 60_000);
  timer.unref();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    served,
    setBackends: (ports) => {
      backends = ports;
      down.clear();
    },
    close: async () => {
      clearTimeout(timer);
      await close();
    },
  };
}
