import { z } from "zod";
import { emailSchema, helpSessionSchema } from "./common.ts";
import { channelSchema, customerSummarySchema } from "./customers.ts";
import { offerInputSchema } from "./offers.ts";

export const CASE_STATUSES = ["new", "open", "pending", "on_hold", "solved", "closed"] as const;
export const caseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof caseStatusSchema>;
export const OPEN_STATUSES: CaseStatus[] = ["new", "open", "pending", "on_hold"];

export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export const prioritySchema = z.enum(PRIORITIES);

const tagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "tags are lower case letters, digits, - and _ (max 40)");
const tagsSchema = z.array(tagSchema).max(20);

const refSchema = z.object({ id: z.string(), name: z.string() }).nullable();

export const CASE_SLA_STATES = ["ok", "warning", "breached", "paused", "met"] as const;
/** The SLA on a case (issue #18, modules/sla). null when no policy applies. */
export const caseSlaSchema = z
  .object({
    policyId: z.uuid(),
    firstReplyDueAt: z.string().nullable(),
    nextReplyDueAt: z.string().nullable(),
    resolutionDueAt: z.string().nullable(),
    pausedAt: z.string().nullable(),
    breachedAt: z.string().nullable(),
    state: z.enum(CASE_SLA_STATES),
  })
  .meta({ id: "CaseSla" });
export type CaseSla = z.infer<typeof caseSlaSchema>;

export const caseSchema = z
  .object({
    id: z.uuid(),
    number: z.number().int(),
    subject: z.string(),
    status: caseStatusSchema,
    priority: prioritySchema,
    channel: z.string(),
    tags: z.array(z.string()),
    customer: customerSummarySchema,
    assignee: refSchema,
    team: refSchema,
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    lastActivityAt: z.iso.datetime(),
    waitingSince: z.iso.datetime().nullable().meta({ description: "Since when the customer awaits a reply" }),
    sla: caseSlaSchema.nullable().optional(),
    mergedInto: z
      .object({ id: z.uuid(), number: z.number().int() })
      .nullable()
      .meta({ description: "Set on a merged case (a closed tombstone): the case it now lives on" }),
    importSource: z
      .string()
      .nullable()
      .optional()
      .meta({ description: 'An imported case: the account it came from ("zendesk:acme.zendesk.com")' }),
    importNumber: z
      .string()
      .nullable()
      .optional()
      .meta({ description: "An imported case: its number there (the Zendesk ticket id), searchable" }),
  })
  .meta({ id: "Case" });
export type Case = z.infer<typeof caseSchema>;

export const attachmentInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  contentType: z.string().max(100).default("application/octet-stream"),
  dataBase64: z.base64().max(7_000_000, "attachments are limited to 5 MB each"),
});
export const attachmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  contentType: z.string(),
  size: z.number(),
  cid: z
    .string()
    .optional()
    .meta({ description: "Content-ID of an inline image referenced by the email HTML (data-cid)" }),
});

export const createCaseInputSchema = z.strictObject({
  customerId: z
    .uuid()
    .optional()
    .meta({ description: "Required for staff; customers open cases for themselves" }),
  subject: z.string().trim().min(1).max(300),
  message: z.string().trim().min(1).max(100_000),
  channel: channelSchema.optional(),
  priority: prioritySchema.optional(),
  tags: tagsSchema.optional(),
  assigneeId: z.uuid().optional(),
  teamId: z.uuid().optional(),
  // The help article a customer came from ("contact support"); one they may read. Agents see it.
  articleId: z.uuid().optional(),
  // Portal: the new-request form's help session, for the holdout comparison.
  helpSessionId: helpSessionSchema.optional(),
});

export const updateCaseInputSchema = z
  .strictObject({
    subject: z.string().trim().min(1).max(300).optional(),
    status: caseStatusSchema.optional(),
    priority: prioritySchema.optional(),
    assigneeId: z.uuid().nullable().optional(),
    teamId: z.uuid().nullable().optional(),
    tags: tagsSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "send at least one field to change");

export const listCasesQuerySchema = z.strictObject({
  status: z
    .string()
    .regex(/^(open|new|pending|on_hold|solved|closed|all)(,(new|open|pending|on_hold|solved|closed))*$/)
    .optional()
    .meta({
      description: "Comma-separated statuses; `open` alone means every unsolved status; default: open",
    }),
  assignee: z.union([z.uuid(), z.enum(["me", "none"])]).optional(),
  team: z.uuid().optional(),
  tag: tagSchema.optional(),
  customer: z.uuid().optional(),
  q: z.string().trim().min(1).max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  sort: z.enum(["activity", "urgency"]).optional().meta({
    description:
      "activity (default): most recent activity first, paged by cursor. urgency: the nearest SLA due time first (cases without one last); one page of up to `limit` cases, no cursor.",
  }),
});
export type ListCasesQuery = z.infer<typeof listCasesQuerySchema>;

export const casePageSchema = z.object({ items: z.array(caseSchema), nextCursor: z.string().nullable() });

export const MESSAGE_KINDS = ["customer", "reply", "note"] as const;
export const messageInputSchema = z.strictObject({
  body: z.string().trim().min(1).max(100_000),
  kind: z
    .enum(["reply", "note"])
    .optional()
    .meta({ description: "Staff only; customers always write `customer`" }),
  attachments: z.array(attachmentInputSchema).max(10).optional(),
  cc: z
    .array(emailSchema)
    .max(20)
    .optional()
    .meta({ description: "Email replies only: copied addresses, remembered on the case for the next reply" }),
  bcc: z
    .array(emailSchema)
    .max(20)
    .optional()
    .meta({ description: "Email replies only: blind copies (never in the headers), remembered like cc" }),
  status: z
    .enum(["solved"])
    .optional()
    .meta({ description: "Staff replies only: solve the case with this reply (reply and solve)" }),
  offer: offerInputSchema.optional().meta({
    description:
      "Staff replies only: an offer, allowed on a solved case or with status solved (else 409 case_not_solved)",
  }),
});

export const messageSchema = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    kind: z.enum(MESSAGE_KINDS),
    author: z.object({ id: z.string().nullable(), name: z.string() }),
    body: z.string(),
    channel: z.string(),
    attachments: z.array(attachmentSchema),
    createdAt: z.iso.datetime(),
    email: z
      .object({
        html: z
          .string()
          .nullable()
          .meta({ description: "Sanitised HTML; remote images are in data-remote-src" }),
        from: z.string().nullable(),
        flagged: z
          .string()
          .nullable()
          .meta({ description: "e.g. unknown_sender: written by someone not on the case" }),
        deliveryStatus: z.enum(["queued", "sent", "failed"]).nullable(),
        deliveryError: z.string().nullable(),
        hasRaw: z.boolean().meta({ description: "The raw source can be downloaded (staff only)" }),
        cc: z.array(z.string()).optional().meta({ description: "Addresses a reply was copied to" }),
      })
      .nullable()
      .optional(),
  })
  .meta({ id: "Message" });
export type Message = z.infer<typeof messageSchema>;
export const messagePageSchema = z.object({
  items: z.array(messageSchema),
  nextCursor: z.string().nullable(),
});

/** Bulk changes from the inbox: the same fields for every case, all or nothing. */
export const bulkCasesInputSchema = z.strictObject({
  caseIds: z.array(z.uuid()).min(1).max(100),
  set: z
    .strictObject({
      status: caseStatusSchema.optional(),
      priority: prioritySchema.optional(),
      assigneeId: z.uuid().nullable().optional(),
      teamId: z.uuid().nullable().optional(),
      addTags: tagsSchema.optional(),
      removeTags: tagsSchema.optional(),
    })
    .refine((v) => Object.keys(v).length > 0, "send at least one field to change"),
});
export const caseListSchema = z.object({ items: z.array(caseSchema) });

export const mergeCasesInputSchema = z.strictObject({
  caseIds: z
    .array(z.uuid())
    .min(1)
    .max(50)
    .meta({ description: "Cases of the same customer to merge into the case in the path" }),
});
export const splitCaseInputSchema = z.strictObject({
  messageIds: z
    .array(z.uuid())
    .min(1)
    .max(500)
    .meta({ description: "Messages of this case that move to the new case; at least one must stay" }),
});
export const caseMoveResultSchema = z.object({
  case: caseSchema.meta({ description: "The surviving case of a merge, the new case of a split" }),
  undoUntil: z.iso.datetime().meta({ description: "Until when the merge or split can be undone" }),
});
export const caseUndoResultSchema = z.object({ case: caseSchema });

/**
 * Unsolved cases per inbox view, counted up to `cap` (a view at the cap shows as "999+"):
 * counting stops there, so a huge view costs no more than a small one.
 */
export const caseCountsSchema = z.object({
  cap: z.number().int(),
  mine: z.number().int(),
  unassigned: z.number().int(),
  all: z.number().int(),
  teams: z.record(z.string(), z.number().int()),
  views: z.record(z.string(), z.number().int().nullable()).meta({
    description: "Saved views by id; null for a view with a text search, which is not counted",
  }),
});
export type CaseCounts = z.infer<typeof caseCountsSchema>;
