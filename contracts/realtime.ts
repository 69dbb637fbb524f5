import { z } from "zod";

/**
 * Messages pushed on the WebSocket at /api/v1/realtime. Each carries a type;
 * later modules add their own event types here.
 */
export const realtimeEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("hello"), workspaceId: z.string() }),
  z.object({ type: z.literal("member.joined"), memberId: z.string(), role: z.string() }),
  z.object({ type: z.literal("token.created"), tokenId: z.string() }),
  z.object({ type: z.literal("token.revoked"), tokenId: z.string() }),
]);
export type RealtimeEvent = z.infer<typeof realtimeEventSchema>;
