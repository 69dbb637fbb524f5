import { z } from "zod";

/**
 * Chat capacity and who is online for chat (issue #22, modules/chat/capacity). The signed-in
 * agent's own capacity uses `chatCapacitySchema` and `chatCapacityInputSchema` of widget.ts.
 */
export const chatAgentSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** How many chats they take at once (their own, else the widget's default). */
  capacity: z.number().int(),
  /** Whether `capacity` is their own setting rather than the widget's default. */
  ownCapacity: z.boolean(),
  /** Chats in hand: waiting or active, assigned to them. */
  active: z.number().int(),
  /** Connected within two minutes, routing status available, within their hours. */
  online: z.boolean(),
  status: z.enum(["available", "away"]),
  lastSeenAt: z.string().nullable(),
});
export type ChatAgent = z.infer<typeof chatAgentSchema>;
export const chatAgentListSchema = z.object({ items: z.array(chatAgentSchema) });

export const chatAgentParamSchema = z.strictObject({ membershipId: z.uuid() });
