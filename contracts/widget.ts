import { z } from "zod";
import { emailSchema } from "./common.ts";

/**
 * The chat widget (issue #22): what the embedded widget and Rapport say to each other.
 * docs/widget-protocol.md is the readable version. The widget authenticates as a visitor with
 * the random token it keeps in its own storage (`Authorization: Visitor <token>`); the public
 * key only finds the workspace and starts a visitor session.
 */

export const widgetKeySchema = z.string().regex(/^pk_[A-Za-z0-9_-]{16,64}$/, "not a widget key");

/**
 * A web address of the host site: http(s) only, as the agent's app shows it as a link (a
 * `javascript:` URL there would run in the agent's session).
 */
const pageUrlSchema = z.url({ protocol: /^https?$/, error: "must be an http(s) address" }).max(2000);

/** A page of the host site the visitor is on (shown to the agent while chatting). */
export const widgetPageSchema = z.strictObject({
  url: pageUrlSchema,
  title: z.string().max(300).default(""),
});

// ---- config and availability -------------------------------------------------------------

export const widgetConfigQuerySchema = z.strictObject({ key: widgetKeySchema });
export const widgetConfigSchema = z.object({
  workspaceName: z.string(),
  greeting: z.string(),
  accentColor: z.string(),
  prechatForm: z.boolean(),
  logoUrl: z.string().nullable(),
});
export type WidgetConfig = z.infer<typeof widgetConfigSchema>;

/** Honest availability: open with an expected wait, or closed with when someone will reply. */
export const widgetAvailabilitySchema = z.object({
  available: z.boolean(),
  /** While available: the expected wait for a first reply, from recent chats. */
  expectedWaitSeconds: z.number().int().nullable(),
  /** While unavailable: when the team is next at work (null: not known). */
  nextAvailableAt: z.string().nullable(),
  agentsOnline: z.number().int(),
});
export type WidgetAvailability = z.infer<typeof widgetAvailabilitySchema>;

// ---- visitor sessions and identity -------------------------------------------------------

/**
 * A host site's signed-in user: `signature` is hex HMAC-SHA256 with the workspace's identity
 * secret over `userId + "." + email` (email lower-cased, "" when absent). Trusted only when it
 * verifies; otherwise the session is refused with 401 naming `identity.signature`.
 */
export const widgetIdentitySchema = z.strictObject({
  userId: z.string().trim().min(1).max(200),
  email: emailSchema.optional(),
  name: z.string().trim().min(1).max(200).optional(),
  signature: z.string().regex(/^[0-9a-f]{64}$/, "must be 64 hex characters"),
});
export type WidgetIdentity = z.infer<typeof widgetIdentitySchema>;

export const widgetSessionInputSchema = z.strictObject({
  key: widgetKeySchema,
  /** The token this browser kept from an earlier session, to resume it. */
  token: z.string().max(200).optional(),
  identity: widgetIdentitySchema.optional(),
  page: widgetPageSchema.optional(),
});

export const widgetAttachmentSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});

export const widgetMessageSchema = z.object({
  id: z.uuid(),
  author: z.enum(["visitor", "agent", "system"]),
  authorName: z.string(),
  /** The agent's profile photo (people with names, issue #18). */
  authorPhotoUrl: z.string().nullable(),
  body: z.string(),
  attachments: z.array(widgetAttachmentSchema),
  createdAt: z.string(),
});
export type WidgetMessage = z.infer<typeof widgetMessageSchema>;

export const widgetConversationSchema = z.object({
  id: z.uuid(),
  status: z.enum(["waiting", "active", "offline", "ended"]),
  /** The agent handling it, with a name and a face. */
  agent: z.object({ name: z.string(), photoUrl: z.string().nullable() }).nullable(),
  messages: z.array(widgetMessageSchema),
  /** The last time the agent read the visitor's messages (read receipts). */
  agentReadAt: z.string().nullable(),
  /** Where replies go by email when no one is chatting (the visitor left an address). */
  offlineEmail: z.string().nullable(),
});
export type WidgetConversation = z.infer<typeof widgetConversationSchema>;

export const widgetSessionSchema = z.object({
  token: z.string(),
  visitorId: z.uuid(),
  verified: z.boolean(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  /** The visitor's open conversation (on any device, for a verified identity), or null. */
  conversation: widgetConversationSchema.nullable(),
});
export type WidgetSession = z.infer<typeof widgetSessionSchema>;

// ---- conversation ------------------------------------------------------------------------

export const widgetTextSchema = z.string().trim().min(1, "a message is needed").max(5000);

export const widgetStartInputSchema = z.strictObject({
  text: widgetTextSchema,
  name: z.string().trim().min(1).max(200).optional(),
  email: emailSchema.optional(),
  topic: z.string().trim().min(1).max(200).optional(),
  page: widgetPageSchema.optional(),
  /** The help session of the suggestions shown while typing (ends it as "case"). */
  helpSessionId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/)
    .optional(),
});

export const widgetSendInputSchema = z.strictObject({ text: widgetTextSchema });

/** Continue by email: the address replies go to while no one is chatting. */
export const widgetEmailInputSchema = z.strictObject({ email: emailSchema });
export const widgetTranscriptInputSchema = z.strictObject({ email: emailSchema.optional() });

/** The visitor found the answer in a suggestion and left without a case. */
export const widgetDeflectionInputSchema = z.strictObject({
  helpSessionId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  articleId: z.uuid().optional(),
  playbookId: z.uuid().optional(),
});

export const widgetProactiveSchema = z.object({
  id: z.uuid(),
  body: z.string(),
  trigger: z.enum(["page", "event"]),
  urlPattern: z.string().nullable(),
  delaySeconds: z.number().int(),
  eventName: z.string().nullable(),
});
export const widgetProactiveListSchema = z.object({ items: z.array(widgetProactiveSchema) });

// ---- the widget's WebSocket: GET /api/v1/widget/socket --------------------------------

/** What a host app tells about its visitor (plan, account age…): flat values, at most 50 keys. */
export const widgetAttributesSchema = z
  .record(
    z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, "keys are letters, digits, _ . - (at most 100)"),
    z.union([z.string().max(500), z.number(), z.boolean(), z.null()]),
  )
  .refine((a) => Object.keys(a).length <= 50, "at most 50 attributes");
export type WidgetAttributes = z.infer<typeof widgetAttributesSchema>;

/** What the widget sends. The first frame must be `auth`; the socket closes 4401 otherwise. */
export const widgetClientFrameSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("auth"), token: z.string().max(200) }),
  z.strictObject({
    type: z.literal("message"),
    text: widgetTextSchema,
    /** Echoed in the `ack`, so the widget can swap its pending bubble for the stored one. */
    clientId: z.string().max(64),
  }),
  z.strictObject({ type: z.literal("typing"), typing: z.boolean() }),
  z.strictObject({ type: z.literal("read") }),
  z.strictObject({ type: z.literal("page"), url: pageUrlSchema, title: z.string().max(300) }),
  // Rapport.setAttributes on the host page: merged into the visitor's attributes, shown to the agent.
  z.strictObject({ type: z.literal("attributes"), attributes: widgetAttributesSchema }),
  z.strictObject({ type: z.literal("ping") }),
]);
export type WidgetClientFrame = z.infer<typeof widgetClientFrameSchema>;

/** What Rapport sends the widget. */
export const widgetServerFrameSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ready"), conversationId: z.uuid().nullable() }),
  z.object({ type: z.literal("ack"), clientId: z.string(), message: widgetMessageSchema }),
  z.object({ type: z.literal("message"), conversationId: z.uuid(), message: widgetMessageSchema }),
  z.object({ type: z.literal("typing"), name: z.string(), typing: z.boolean() }),
  z.object({ type: z.literal("read"), at: z.string() }),
  z.object({
    type: z.literal("status"),
    conversationId: z.uuid(),
    status: z.enum(["waiting", "active", "offline", "ended"]),
    agent: z.object({ name: z.string(), photoUrl: z.string().nullable() }).nullable(),
  }),
  z.object({ type: z.literal("pong") }),
  z.object({ type: z.literal("error"), code: z.string(), message: z.string(), field: z.string().optional() }),
]);
export type WidgetServerFrame = z.infer<typeof widgetServerFrameSchema>;

// ---- staff: settings and the chat beside a case ---------------------------------------------

export const chatWidgetSettingsSchema = z.object({
  publicKey: z.string(),
  enabled: z.boolean(),
  allowedOrigins: z.array(z.string()),
  prechatForm: z.boolean(),
  greeting: z.string(),
  accentColor: z.string(),
  teamId: z.uuid().nullable(),
  businessCalendarId: z.uuid().nullable(),
  missedAfterSeconds: z.number().int(),
  defaultChatCapacity: z.number().int(),
  /** The embed snippet to paste into the host site. */
  embedSnippet: z.string(),
});
export type ChatWidgetSettings = z.infer<typeof chatWidgetSettingsSchema>;

const originSchema = z
  .string()
  .trim()
  .max(300)
  .regex(/^https?:\/\/[^/\s]+$/, "must be an origin such as https://www.example.com (no path)");

export const chatWidgetPatchSchema = z
  .strictObject({
    enabled: z.boolean(),
    allowedOrigins: z.array(originSchema).max(50),
    prechatForm: z.boolean(),
    greeting: z.string().trim().min(1).max(500),
    accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a colour such as #1c64d8"),
    teamId: z.uuid().nullable(),
    businessCalendarId: z.uuid().nullable(),
    missedAfterSeconds: z.number().int().min(10).max(86_400),
    defaultChatCapacity: z.number().int().min(0).max(50),
  })
  .partial();

/** Shown once, when created or rotated: the secret the host's server signs identities with. */
export const chatIdentitySecretSchema = z.object({ identitySecret: z.string() });

/** The chat beside a case in the agent app. */
export const caseChatSchema = z.object({
  conversationId: z.uuid(),
  status: z.enum(["waiting", "active", "offline", "ended"]),
  visitorOnline: z.boolean(),
  verified: z.boolean(),
  visitorName: z.string().nullable(),
  visitorEmail: z.string().nullable(),
  currentPage: z.object({ url: z.string(), title: z.string() }).nullable(),
  attributes: z.record(z.string(), z.unknown()),
  startedAt: z.string(),
  firstReplyAt: z.string().nullable(),
  visitorReadAt: z.string().nullable(),
  offlineEmail: z.string().nullable(),
  /** False for an address the visitor typed (pre-chat form): shown marked unverified, never trusted. */
  visitorEmailVerified: z.boolean(),
});
export type CaseChat = z.infer<typeof caseChatSchema>;

export const chatTypingInputSchema = z.strictObject({ typing: z.boolean() });
export const chatTransferInputSchema = z
  .strictObject({
    assigneeId: z.uuid().optional(),
    teamId: z.uuid().optional(),
    note: z.string().trim().min(1, "a note for the next person is needed").max(2000),
  })
  .refine((t) => Boolean(t.assigneeId) !== Boolean(t.teamId), {
    message: "choose either an agent or a team",
    path: ["assigneeId"],
  });
export const chatCapacitySchema = z.object({ capacity: z.number().int(), active: z.number().int() });
export const chatCapacityInputSchema = z.strictObject({ capacity: z.number().int().min(0).max(50) });

// No defaults here: a patch must change only what it names (a default inside .partial() would
// still fill in, so PATCH {name} would reset the delay, audience and enabled).
const proactiveBase = {
  name: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(1000),
  trigger: z.enum(["page", "event"]),
  urlPattern: z.string().trim().min(1).max(500).nullable().optional(),
  delaySeconds: z.number().int().min(0).max(3600),
  eventName: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.:-]{1,100}$/, "letters, digits and _ . : - only")
    .nullable()
    .optional(),
  audience: z.enum(["everyone", "verified", "affected"]),
  problemId: z.uuid().nullable().optional(),
  enabled: z.boolean(),
};
export const proactiveInputSchema = z.strictObject({
  ...proactiveBase,
  delaySeconds: proactiveBase.delaySeconds.default(0),
  audience: proactiveBase.audience.default("everyone"),
  enabled: proactiveBase.enabled.default(true),
});
export const proactivePatchSchema = z.strictObject(proactiveBase).partial();
export const proactiveMessageSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  body: z.string(),
  trigger: z.enum(["page", "event"]),
  urlPattern: z.string().nullable(),
  delaySeconds: z.number().int(),
  eventName: z.string().nullable(),
  audience: z.enum(["everyone", "verified", "affected"]),
  problemId: z.uuid().nullable(),
  enabled: z.boolean(),
  updatedAt: z.string(),
});
export type ProactiveMessage = z.infer<typeof proactiveMessageSchema>;
export const proactiveListSchema = z.object({ items: z.array(proactiveMessageSchema) });
/** The widget may name the page it is on, so only messages for that page (and event ones) come back. */
export const widgetProactiveQuerySchema = z.strictObject({ url: z.url().max(2000).optional() });
