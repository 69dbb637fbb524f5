import { z } from "zod";
import {
  boardVisibilitySchema,
  feedbackSettingsSchema,
  ideaStatusSchema,
} from "../../../../contracts/feedback.ts";

/**
 * Response schemas of the core's routes, matching the output types in contracts/feedback.ts:
 * they document the API in OpenAPI and make the serializer write only the declared fields.
 */
const ideaRef = z.object({ id: z.string(), number: z.string(), title: z.string(), url: z.string() });
const person = z.object({ kind: z.enum(["customer", "staff"]), id: z.string(), name: z.string() });

export const boardSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    slug: z.string(),
    description: z.string(),
    visibility: boardVisibilitySchema,
    position: z.number(),
    ideaCount: z.number(),
    url: z.string(),
  })
  .meta({ id: "FeedbackBoard" });

export const ideaSummarySchema = z
  .object({
    id: z.uuid(),
    number: z.string(),
    url: z.string(),
    boardId: z.uuid(),
    title: z.string(),
    tags: z.array(z.string()),
    status: ideaStatusSchema,
    statusLabel: z.string(),
    votes: z.number(),
    requesters: z.number(),
    caseCount: z.number(),
    commentCount: z.number(),
    myVote: z.boolean(),
    mergedInto: ideaRef.nullable(),
    createdAt: z.string(),
    statusChangedAt: z.string().nullable(),
  })
  .meta({ id: "IdeaSummary" });

export const ideaCommentSchema = z
  .object({
    id: z.uuid(),
    body: z.string(),
    bodyHtml: z.string(),
    author: person.nullable(),
    official: z.boolean(),
    createdAt: z.string(),
    editedAt: z.string().nullable(),
  })
  .meta({ id: "IdeaComment" });

export const ideaDetailSchema = ideaSummarySchema
  .extend({
    description: z.string(),
    descriptionHtml: z.string(),
    statusExplanation: z.string().nullable(),
    author: person.nullable(),
    subscribed: z.boolean(),
    duplicates: z.array(ideaRef),
    history: z.array(
      z.object({
        from: ideaStatusSchema,
        to: ideaStatusSchema,
        explanation: z.string().nullable(),
        at: z.string(),
      }),
    ),
    comments: z.array(ideaCommentSchema),
    requesterValue: z.object({ factKey: z.string(), total: z.number() }).nullable(),
  })
  .meta({ id: "IdeaDetail" });

export const ideaListSchema = z.object({
  items: z.array(ideaSummarySchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export const voteResultSchema = z.object({ votes: z.number(), myVote: z.boolean() });
export const mergeResultSchema = z.object({ id: z.uuid(), intoId: z.uuid() });
export const subscriptionResultSchema = z.object({ subscribed: z.boolean() });
export const caseLinkResultSchema = z.object({ linked: z.boolean(), ideaId: z.uuid() });
export const ideaCasesSchema = z.object({
  items: z.array(
    z.object({
      caseId: z.uuid(),
      caseNumber: z.number(),
      subject: z.string(),
      customerId: z.uuid(),
      customerName: z.string(),
      linkedAt: z.string(),
    }),
  ),
});
export const settingsSchema = feedbackSettingsSchema;
