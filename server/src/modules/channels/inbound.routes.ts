import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import {
  channelInboundResultSchema,
  channelInboundSchema,
  smsInboundSchema,
} from "../../../../contracts/channels.ts";
import { errorBodySchema } from "../../../../contracts/errors.ts";
import { AppError } from "../../platform/http/errors.ts";
import { router } from "../../platform/http/route-kit.ts";
import { findChannelByTokenHash } from "./channels.repo.ts";
import { hashChannelToken } from "./channels.service.ts";
import { receiveChannelMessage } from "./inbound.service.ts";
import { fromSms } from "./sms.ts";

const tags = ["Channels"];
const channelParam = z.strictObject({ channelId: z.uuid() });
// The channel's own token (rch_…), sent as an HTTP Bearer token like an API token.
const channelBearer: Array<Record<string, string[]>> = [{ bearerAuth: [] }];
// Ten attachments of 5 MB in base64 would be 70 MB; a message carries at most about 15 MB inline.
const INBOUND_BODY_LIMIT = 16 * 1024 * 1024;
/** Per channel, counted after its token is checked, so a stranger cannot use up a channel's allowance. */
const PER_CHANNEL = { max: 300, timeWindow: "1 minute" };

type ChannelCaller = { id: string; workspaceId: string; kind: string; region: string };
const callers = new WeakMap<FastifyRequest, ChannelCaller>();

/**
 * preValidation: the Bearer token of the channel named in the path, and nothing else. An
 * unknown channel and a wrong token answer the same 401, so ids cannot be probed.
 */
async function channelToken(request: FastifyRequest) {
  const header = request.headers.authorization;
  const token = header ? /^Bearer\s+(\S{1,200})$/i.exec(header)?.[1] : undefined;
  if (!token)
    throw new AppError(
      "unauthenticated",
      "The Authorization header must be 'Bearer <channel token>'",
      "authorization",
    );
  const channel = await findChannelByTokenHash(request.server.ctx.db, hashChannelToken(token));
  const channelId = (request.params as { channelId?: string }).channelId;
  if (!channel || channel.id !== channelId)
    throw new AppError("unauthenticated", "This token does not belong to this channel", "authorization");
  if (!channel.enabled)
    throw new AppError(
      "channel_disabled",
      "This channel is disabled; an admin can enable it in Settings → Channels",
    );
  callers.set(request, channel);
}

const callerOf = (request: FastifyRequest) => callers.get(request) as ChannelCaller;

const responses = {
  200: channelInboundResultSchema,
  400: errorBodySchema,
  401: errorBodySchema,
  409: errorBodySchema,
  429: errorBodySchema,
};

export function channelInboundRoutes(app: FastifyInstance) {
  const r = router(app);
  const rateLimit = {
    ...PER_CHANNEL,
    hook: "preHandler" as const,
    keyGenerator: (request: FastifyRequest) =>
      `channel:${(request.params as { channelId: string }).channelId}`,
  };

  r.post(
    "/api/v1/channels/:channelId/messages",
    {
      preValidation: channelToken,
      bodyLimit: INBOUND_BODY_LIMIT,
      config: { rateLimit },
      schema: {
        tags,
        summary: "A message from a channel's adapter: threaded into one case per external thread",
        description:
          "Authenticated with the channel's own token (Bearer). A repeated externalMessageId writes nothing " +
          "and answers duplicate: true. The sender is matched by a `social` identity '<channelId>:<externalUserId>'. " +
          "Attachments: base64 (dataBase64) or an https URL, at most 5 MB each. 409 channel_disabled when switched off.",
        security: channelBearer,
        params: channelParam,
        body: channelInboundSchema,
        response: responses,
      },
    },
    async (request) => receiveChannelMessage(app.ctx, callerOf(request), request.body),
  );

  r.post(
    "/api/v1/channels/:channelId/sms",
    {
      preValidation: channelToken,
      config: { rateLimit },
      schema: {
        tags,
        summary: "The SMS adapter: a gateway's received-text webhook ({from, to, text, id})",
        description:
          "For channels of kind sms. The thread is the sender's number; the sender is also matched by their phone identity.",
        security: channelBearer,
        params: channelParam,
        body: smsInboundSchema,
        response: responses,
      },
    },
    async (request) => {
      const channel = callerOf(request);
      if (channel.kind !== "sms")
        throw new AppError(
          "validation_failed",
          "This channel is not an SMS channel; post to …/messages",
          "channelId",
        );
      const { message, phone } = fromSms(request.body, channel.region);
      return receiveChannelMessage(app.ctx, channel, message, { phone });
    },
  );
}
