import { z } from "zod";

/** Honest expectations (issue #18): when a person will reply, in the customer's own zone. */
export const expectedReplyQuerySchema = z.object({
  /** The zone the customer's browser reports (used only when their facts have none). */
  tz: z.string().max(64).optional(),
});

export const expectedReplySchema = z.object({
  /** ISO 8601 UTC; null once a person has replied, or when the team keeps no open hours. */
  by: z.string().nullable(),
  timezone: z.string(),
  reason: z.enum(["open", "after_hours", "busy", "replied", "no_hours"]),
  /** The same promise as a sentence in the customer's zone, as the acknowledgement says it. */
  text: z.string().nullable(),
});
export type ExpectedReply = z.infer<typeof expectedReplySchema>;
