import { z } from "zod";

/**
 * Retention (issue #19): customer lifecycle events from billing or CRM systems.
 */
export const LIFECYCLE_EVENTS = ["subscribed", "renewed", "upgraded", "downgraded", "churned"] as const;
export const lifecycleEventKindSchema = z.enum(LIFECYCLE_EVENTS);
export type LifecycleEventKind = z.infer<typeof lifecycleEventKindSchema>;

/** Money per period, at most 12 digits before the point and 2 after (numeric(14,2)). */
export const lifecycleValueSchema = z
  .number()
  .min(0, "must not be negative")
  .max(999_999_999_999, "must be below one trillion")
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, "must have at most 2 decimals");

export const lifecycleInputSchema = z.strictObject({
  event: lifecycleEventKindSchema,
  at: z.iso.datetime({ offset: true }).meta({ description: "When it happened (ISO 8601 with a zone)" }),
  value: lifecycleValueSchema.nullable().optional().meta({ description: "Money per period, when known" }),
  externalId: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: "The billing system's id: sending it again changes nothing" }),
});
export type LifecycleInput = z.infer<typeof lifecycleInputSchema>;

export const lifecycleEventSchema = z
  .object({
    id: z.uuid(),
    customerId: z.uuid(),
    event: lifecycleEventKindSchema,
    at: z.iso.datetime(),
    value: z.number().nullable(),
    externalId: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "LifecycleEvent" });
export type LifecycleEvent = z.infer<typeof lifecycleEventSchema>;

export const lifecycleListSchema = z.object({ items: z.array(lifecycleEventSchema) });

/** JSON answer: the event and whether it was new (false when its externalId was seen before). */
export const lifecycleRecordedSchema = z.object({ event: lifecycleEventSchema, created: z.boolean() });

export const lifecycleImportQuerySchema = z.strictObject({
  skipInvalid: z
    .enum(["true", "false"])
    .optional()
    .meta({ description: "Apply the valid rows of a file with errors (the errors are still listed)" }),
});

export const lifecycleImportResultSchema = z.object({
  rows: z.number(),
  created: z.number(),
  unchanged: z.number().meta({ description: "Rows whose external_id was already imported" }),
  skipped: z.number(),
  errors: z.array(z.object({ line: z.number(), field: z.string(), message: z.string() })),
});
export type LifecycleImportResult = z.infer<typeof lifecycleImportResultSchema>;
