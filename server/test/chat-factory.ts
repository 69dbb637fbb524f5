import WebSocket from "ws";
import { signIdentity } from "../src/modules/chat/identity.ts";
import type { Reply, TestClient } from "./client.ts";
import type { TestServer } from "./harness.ts";

/**
 * Chat widget factories (issue #22), used by the chat module's tests and the helpers building
 * on it. They go through HTTP as the widget does: settings as an admin, then visitor calls
 * with `Authorization: Visitor <token>`.
 */
export type Widget = { key: string; secret: string; settings: Record<string, any> };
export type Visitor = {
  token: string;
  visitorId: string;
  verified: boolean;
  /** Calls the widget API as this visitor. */
  get: (path: string, headers?: Record<string, string>) => Promise<Reply<any>>;
  post: (path: string, body?: unknown, headers?: Record<string, string>) => Promise<Reply<any>>;
  session: Record<string, any>;
};

/** The workspace's widget: its public key and identity secret (created on first read). */
export async function widgetFor(
  _server: TestServer,
  admin: TestClient,
  patch?: Record<string, unknown>,
): Promise<Widget> {
  const got = await admin.get("/api/v1/chat/widget");
  if (got.status !== 200) throw new Error(`widget settings: ${got.status} ${JSON.stringify(got.body)}`);
  let settings = got.body;
  if (patch) {
    const patched = await admin.patch("/api/v1/chat/widget", patch);
    if (patched.status !== 200)
      throw new Error(`widget patch: ${patched.status} ${JSON.stringify(patched.body)}`);
    settings = patched.body;
  }
  const secret = await admin.get("/api/v1/chat/widget/identity-secret");
  if (secret.status !== 200) throw new Error(`identity secret: ${secret.status}`);
  return { key: settings.publicKey, secret: secret.body.identitySecret, settings };
}

/** A signed identity as the host site's server would make it. */
export function signedIdentity(widget: Widget, userId: string, email?: string, name?: string) {
  return {
    userId,
    ...(email ? { email } : {}),
    ...(name ? { name } : {}),
    signature: signIdentity(widget.secret, userId, email),
  };
}

/**
 * A visitor session through POST /api/v1/widget/sessions: anonymous, or with an identity
 * (sign it with `signedIdentity`). `client` is any TestClient (its cookies are not used).
 */
export async function visitorSession(
  client: TestClient,
  widget: Widget,
  opts: {
    identity?: Record<string, unknown>;
    token?: string;
    page?: { url: string; title: string };
    origin?: string;
  } = {},
): Promise<Visitor> {
  const headers: Record<string, string> = opts.origin ? { origin: opts.origin } : {};
  const res = await client.request(
    "POST",
    "/api/v1/widget/sessions",
    {
      key: widget.key,
      ...(opts.identity ? { identity: opts.identity } : {}),
      ...(opts.token ? { token: opts.token } : {}),
      ...(opts.page ? { page: opts.page } : {}),
    },
    headers,
  );
  if (res.status !== 200) throw new Error(`visitor session: ${res.status} ${JSON.stringify(res.body)}`);
  return asVisitor(client, res.body);
}

export function asVisitor(client: TestClient, session: Record<string, any>): Visitor {
  const auth = { authorization: `Visitor ${session.token}` };
  return {
    token: session.token,
    visitorId: session.visitorId,
    verified: session.verified,
    session,
    get: (path, headers = {}) => client.request("GET", path, undefined, { ...auth, ...headers }),
    post: (path, body, headers = {}) => client.request("POST", path, body ?? {}, { ...auth, ...headers }),
  };
}

/** Starts a chat as the visitor; returns the conversation and its case id. */
export async function startChat(
  server: TestServer,
  visitor: Visitor,
  input: { text: string; name?: string; email?: string; topic?: string } = {
    text: "Hello, my speaker is silent",
  },
) {
  const res = await visitor.post("/api/v1/widget/conversations", input);
  if (res.status !== 201) throw new Error(`start chat: ${res.status} ${JSON.stringify(res.body)}`);
  const row = await server.runtime.ctx.db
    .selectFrom("chat_conversations")
    .select("case_id")
    .where("id", "=", res.body.id)
    .executeTakeFirstOrThrow();
  return { conversation: res.body, caseId: row.case_id };
}

/** A widget socket as the browser opens it: the frames it received, and a way to wait for one. */
export type WidgetSocket = {
  ws: WebSocket;
  frames: Array<Record<string, any>>;
  send: (frame: Record<string, unknown>) => void;
  /** The first frame (already received or next) matching `match`. */
  next: (match: (f: Record<string, any>) => boolean, ms?: number) => Promise<Record<string, any>>;
  closed: Promise<{ code: number; reason: string }>;
};

export async function widgetSocket(
  server: TestServer,
  opts: { token?: string; origin?: string } = {},
): Promise<WidgetSocket> {
  const ws = new WebSocket(`${server.url.replace("http", "ws")}/api/v1/widget/socket`, {
    headers: opts.origin ? { origin: opts.origin } : {},
  });
  const frames: Array<Record<string, any>> = [];
  const waiters: Array<{
    match: (f: Record<string, any>) => boolean;
    resolve: (f: Record<string, any>) => void;
  }> = [];
  ws.on("message", (raw) => {
    const frame = JSON.parse(raw.toString());
    frames.push(frame);
    for (const w of [...waiters])
      if (w.match(frame)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(frame);
      }
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  const socket: WidgetSocket = {
    ws,
    frames,
    closed,
    send: (frame) => ws.send(JSON.stringify(frame)),
    next: (match, ms = 5000) => {
      const seen = frames.find(match);
      if (seen) {
        frames.splice(frames.indexOf(seen), 1);
        return Promise.resolve(seen);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching frame; got ${JSON.stringify(frames)}`)),
          ms,
        );
        waiters.push({
          match,
          resolve: (f) => {
            clearTimeout(timer);
            frames.splice(frames.indexOf(f), 1);
            resolve(f);
          },
        });
      });
    },
  };
  if (opts.token) {
    socket.send({ type: "auth", token: opts.token });
    await socket.next((f) => f.type === "ready");
  }
  return socket;
}
