import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { idParamSchema } from "../../../../../contracts/common.ts";
import { errorBodySchema } from "../../../../../contracts/errors.ts";
import { optionalActor } from "../../../platform/http/authenticate.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { router, withNotFound } from "../../../platform/http/route-kit.ts";
import type { RealtimeHub } from "../../../platform/realtime/hub.ts";
import { readerFor } from "../readers.ts";
import { publicTopics } from "./live.repo.ts";
import { type LiveStream, LiveTopics } from "./live-topics.ts";

/** Streams one address may hold open: a few tabs, not a crowd behind one client. */
export const MAX_STREAMS_PER_IP = 8;
/** Streams one process holds open at most (each is a socket and a little memory). */
const MAX_STREAMS = 5_000;
const KEEPALIVE_MS = 25_000;

/**
 * GET /api/v1/community/topics/{id}/live: server-sent events with the public status of the
 * problem linked to a topic, for the public topic page (anonymous readers included, so not the
 * staff WebSocket, which needs a sign-in). An `event: status` carries `{ problem: { title,
 * status } | null }` at once and whenever it changes. Public categories only: a topic anyone
 * could not read on the public page is a 404, and a topic that stops being public ends its
 * stream. Registered by the app (`app.ts`) with the process's realtime hub.
 */
export function communityLiveRoutes(app: FastifyInstance, hub: RealtimeHub) {
  const live = new LiveTopics(app.ctx.db, app.ctx.log);
  const untap = hub.tap(live.hear);
  const perIp = new Map<string, number>();
  // Open streams are not idle connections: end them, or closing the server would wait for them.
  app.addHook("preClose", async () => {
    untap();
    live.endAll();
  });

  router(app).get(
    "/api/v1/community/topics/:id/live",
    {
      preValidation: optionalActor(),
      schema: {
        tags: ["Community"],
        summary: "The topic's linked problem status, live (text/event-stream; public categories only)",
        params: idParamSchema,
        response: { 200: z.any(), 429: errorBodySchema, ...withNotFound },
      },
    },
    async (request, reply) => {
      const reader = await readerFor(app.ctx, request.actor, request.headers.host);
      const [topic] = await publicTopics(app.ctx.db, reader.workspaceId, [request.params.id]);
      if (!topic) throw new AppError("not_found", "Topic was not found");
      const ip = request.ip;
      if ((perIp.get(ip) ?? 0) >= MAX_STREAMS_PER_IP || live.size >= MAX_STREAMS)
        throw new AppError(
          "rate_limited",
          "Too many live pages are open from your address; the page will ask again later",
        );
      perIp.set(ip, (perIp.get(ip) ?? 0) + 1);

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
        // Proxies such as nginx would otherwise hold events back in their buffers.
        "x-accel-buffering": "no",
      });
      const write = (chunk: string) => {
        if (!res.writableEnded && !res.destroyed) res.write(chunk);
      };
      const stream: LiveStream = {
        workspaceId: reader.workspaceId,
        topicId: topic.topicId,
        problemId: topic.problemId,
        last: JSON.stringify(topic.problem),
        send: (problem) => write(`event: status\ndata: ${JSON.stringify({ problem })}\n\n`),
        end: () => res.end(),
      };
      // Reconnect after 15 s rather than the browser's 3 s when the server restarts.
      write("retry: 15000\n\n");
      stream.send(topic.problem);
      const remove = live.add(stream);
      const beat = setInterval(() => write(": keep-alive\n\n"), KEEPALIVE_MS);
      beat.unref();
      let closed = false;
      res.on("close", () => {
        if (closed) return;
        closed = true;
        clearInterval(beat);
        remove();
        const n = (perIp.get(ip) ?? 1) - 1;
        if (n <= 0) perIp.delete(ip);
        else perIp.set(ip, n);
      });
    },
  );
}
