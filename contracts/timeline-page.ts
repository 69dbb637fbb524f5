import { z } from "zod";

/**
 * One timeline event as the API returns it, and a page of them. Apart from contracts/timeline.ts
 * (every kind's data schema) because the web app's first load reads pages and needs none of
 * those: `data` is checked per kind where events are written, and readers show unknown kinds
 * generically.
 */
export const timelineEventSchema = z
  .object({
    id: z.string().meta({ description: "Increasing: later events have larger ids" }),
    kind: z.string(),
    occurredAt: z.iso.datetime(),
    customerId: z.uuid(),
    caseId: z.uuid().nullable(),
    caseNumber: z.number().nullable(),
    actor: z.object({ id: z.string().nullable(), name: z.string() }).nullable(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "TimelineEvent" });
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

export const timelinePageSchema = z.object({
  items: z.array(timelineEventSchema),
  nextCursor: z.string().nullable(),
});
