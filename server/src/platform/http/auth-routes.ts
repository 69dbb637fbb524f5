import type { FastifyInstance, FastifyRequest } from "fastify";
import { AUTH_BASE_PATH, CLIENT_IP_HEADER } from "../auth/auth.ts";

/**
 * Mounts Better Auth's handler under /api/auth. Fastify has already parsed the body; it is
 * handed on as JSON in a standard Request. The client's address (as Fastify sees it, which
 * honours TRUST_PROXY) replaces any client-sent copy of the header Better Auth keys its
 * rate limits on.
 */
export function authRoutes(app: FastifyInstance) {
  app.route({
    method: ["GET", "POST"],
    url: `${AUTH_BASE_PATH}/*`,
    schema: { hide: true },
    async handler(request, reply) {
      const response = await app.ctx.auth.handler(toWebRequest(request, app.ctx.config.publicUrl));
      reply.status(response.status);
      response.headers.forEach((value, key) => {
        if (key !== "set-cookie") reply.header(key, value);
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length > 0) reply.header("set-cookie", cookies);
      if (!response.body) return reply.send(null);
      const body = Buffer.from(await response.arrayBuffer());
      return reply.send(withoutSessionToken(body, response.headers.get("content-type")));
    },
  });
}

function toWebRequest(request: FastifyRequest, publicUrl: string): Request {
  const headers = new Headers();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value === undefined || key === CLIENT_IP_HEADER) continue;
    headers.set(key, Array.isArray(value) ? value.join(", ") : value);
  }
  headers.set(CLIENT_IP_HEADER, request.ip);
  const hasBody = request.method !== "GET" && request.method !== "HEAD" && request.body !== undefined;
  if (hasBody) headers.set("content-type", "application/json");
  headers.delete("content-length");
  return new Request(new URL(request.url, publicUrl), {
    method: request.method,
    headers,
    ...(hasBody ? { body: JSON.stringify(request.body) } : {}),
  });
}

/**
 * Better Auth echoes the session token in sign-in and get-session responses for bearer clients.
 * Rapport's browser sessions live in an http-only cookie that page scripts must never read,
 * so the copy in the body is dropped.
 */
function withoutSessionToken(body: Buffer, contentType: string | null): Buffer {
  if (!contentType?.includes("application/json")) return body;
  try {
    const json = JSON.parse(body.toString("utf8")) as unknown;
    if (json && typeof json === "object") {
      const record = json as Record<string, unknown>;
      delete record.token;
      const session = record.session as Record<string, unknown> | undefined;
      if (session && typeof session === "object") delete session.token;
      return Buffer.from(JSON.stringify(record));
    }
  } catch {
    // not JSON after all: pass it through untouched
  }
  return body;
}
