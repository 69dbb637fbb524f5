/**
 * A small HTTP client for tests that behaves like a browser where it matters: it keeps
 * cookies and sends our Origin on writes (as browsers do), or an API token when given one.
 */
export type Reply<T = unknown> = { status: number; body: T; headers: Headers };

export class TestClient {
  readonly base: string;
  private readonly cookies = new Map<string, string>();
  token: string | undefined;
  origin: string | undefined;

  constructor(base: string, opts: { token?: string; origin?: string | null } = {}) {
    this.base = base;
    this.token = opts.token;
    this.origin = opts.origin === null ? undefined : (opts.origin ?? base);
  }

  get hasSession(): boolean {
    return [...this.cookies.keys()].some((k) => k.includes("session_token"));
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { ...headers };
    if (this.cookies.size > 0) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (this.token) h.authorization = `Bearer ${this.token}`;
    if (this.origin && method !== "GET") h.origin = this.origin;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === "string" ? body : JSON.stringify(body);
      h["content-type"] ??= "application/json";
    }
    const res = await this.send(this.base + path, { method, headers: h, body: payload, redirect: "manual" });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [name, ...rest] = (pair ?? "").split("=");
      if (!name) continue;
      const value = rest.join("=");
      if (value === "" || /max-age=0/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // leave as text (HTML pages, metrics)
    }
    return { status: res.status, body: parsed as T, headers: res.headers } satisfies Reply<T>;
  }

  /** The transport; HostClient replaces it to reach the server under another host name. */
  protected send(url: string, init: RequestInit): Promise<Response> {
    return fetch(url, init);
  }

  get<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>("GET", path, undefined, headers);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>("POST", path, body ?? {}, headers);
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.request<T>("PATCH", path, body ?? {});
  }
  put<T = any>(path: string, body?: unknown) {
    return this.request<T>("PUT", path, body ?? {});
  }
  delete<T = any>(path: string) {
    return this.request<T>("DELETE", path);
  }

  /** Headers that authenticate a WebSocket opened as this client. */
  authHeaders(): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}` } : { cookie: this.cookieHeader() };
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}
