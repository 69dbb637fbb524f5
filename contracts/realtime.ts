import { z } from "zod";

/**
 * Messages pushed on the WebSocket at /api/v1/realtime. Each carries a type; events carry
 * ids and the client fetches details through the API. Later modules add their types here.
 */
export const realtimeEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("hello"), workspaceId: z.string() }),
  z.object({ type: z.literal("member.joined"), memberId: z.string(), role: z.string() }),
  z.object({ type: z.literal("token.created"), tokenId: z.string() }),
  z.object({ type: z.literal("token.revoked"), tokenId: z.string() }),
  z.object({
    type: z.literal("case.created"),
    caseId: z.string(),
    number: z.number(),
    customerId: z.string(),
  }),
  z.object({ type: z.literal("case.updated"), caseId: z.string(), customerId: z.string() }),
  z.object({
    type: z.literal("message.added"),
    caseId: z.string(),
    messageId: z.string(),
    kind: z.enum(["customer", "reply", "note"]),
  }),
  z.object({
    type: z.literal("call.started"),
    callId: z.string(),
    customerId: z.string(),
    customerName: z.string(),
    from: z.string(),
    newCustomer: z.boolean(),
  }),
  z.object({
    type: z.literal("escalation.updated"),
    escalationId: z.string(),
    caseId: z.string(),
    change: z.enum(["created", "claimed", "note", "task", "task_done", "findings", "closed"]),
  }),
  z.object({
    type: z.literal("problem.updated"),
    problemId: z.string(),
    change: z.enum(["created", "changed", "cases", "update_sent"]),
  }),
  // The signed-in person's bell changed (a notice arrived or was read): refetch the count.
  z.object({
    type: z.literal("notifications.changed"),
    change: z.enum(["added", "read"]),
    kind: z.string().optional(),
  }),
  z.object({
    type: z.literal("presence"),
    caseId: z.string(),
    userId: z.string(),
    name: z.string(),
    state: z.enum(["viewing", "replying", "left"]),
  }),
  // A customer became at risk or left the at-risk list (repeats sweep): refetch the list and flag.
  z.object({ type: z.literal("customer.risk_changed"), customerId: z.string(), atRisk: z.boolean() }),
  // Staff protection (issue #20): a customer message got its tone assessment (or a verdict).
  z.object({
    type: z.literal("case.message_assessed"),
    caseId: z.string(),
    messageId: z.string(),
    outcome: z.enum(["neutral", "frustrated", "abusive"]).nullable(),
  }),
  // The chat widget (issue #22): the visitor types, reads, moves to another page, or the chat's
  // state changes (started, missed, went offline, ended, transferred).
  z.object({ type: z.literal("chat.typing"), caseId: z.string(), typing: z.boolean() }),
  z.object({ type: z.literal("chat.read"), caseId: z.string(), at: z.string() }),
  z.object({ type: z.literal("chat.page"), caseId: z.string(), url: z.string(), title: z.string() }),
  z.object({
    type: z.literal("chat.attributes"),
    caseId: z.string(),
    attributes: z.record(z.string(), z.unknown()),
  }),
  z.object({
    type: z.literal("chat.status"),
    caseId: z.string(),
    status: z.enum(["waiting", "active", "offline", "ended"]),
    visitorOnline: z.boolean(),
    change: z.enum(["started", "missed", "offline", "ended", "transferred", "online", "left", "answered"]),
  }),
  // The academy (issue #21): a customer completed a lesson an agent suggested on this case.
  z.object({
    type: z.literal("academy.lesson_completed"),
    caseId: z.string(),
    customerId: z.string(),
    lessonId: z.string(),
  }),
]);
export type RealtimeEvent = z.infer<typeof realtimeEventSchema>;

/** What a signed-in staff client may send up the socket: where they are and what they do. */
export const presenceMessageSchema = z.strictObject({
  type: z.literal("presence"),
  caseId: z.uuid(),
  state: z.enum(["viewing", "replying", "left"]),
});
