import { z } from "zod";

/**
 * Detecting recurring problems (issue 14): workspace error patterns, the thresholds that make
 * a group "emerging", the emerging groups themselves and suggestions on a case.
 */
export const MAX_PATTERN_LENGTH = 500;
export const MAX_PATTERNS = 50;

export const signaturePatternInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(80).meta({ description: "Shown in labels: 'PSU fault: psu-f3'" }),
  pattern: z
    .string()
    .min(1)
    .max(MAX_PATTERN_LENGTH, `must be at most ${MAX_PATTERN_LENGTH} characters`)
    .meta({
      description:
        "RE2 syntax (linear time, no backreferences or lookaround), matched case-insensitively against " +
        "the subject and first message; the first capturing group, else the whole match, is the value",
    }),
});

export const signaturePatternSchema = z
  .object({ id: z.uuid(), name: z.string(), pattern: z.string(), createdAt: z.iso.datetime() })
  .meta({ id: "SignaturePattern" });
export const signaturePatternListSchema = z.object({ items: z.array(signaturePatternSchema) });

export const detectionSettingsSchema = z
  .strictObject({
    minCases: z
      .number()
      .int()
      .min(2)
      .max(1000)
      .meta({ description: "N: at least this many cases (default 5)" }),
    minCustomers: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .meta({ description: "M: from at least this many distinct customers (default 3)" }),
    windowHours: z
      .number()
      .int()
      .min(1)
      .max(720)
      .meta({ description: "T: created within the last this many hours (default 72)" }),
  })
  .meta({ id: "DetectionSettings" });
export type DetectionSettings = z.infer<typeof detectionSettingsSchema>;

export const emergingCaseSchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  subject: z.string(),
  customerName: z.string(),
});

export const emergingItemSchema = z
  .object({
    key: z
      .string()
      .meta({ description: "'signature:code:1013' or 'text:<case id>'; use it to create a problem" }),
    kind: z.enum(["signature", "text"]),
    label: z.string(),
    caseCount: z.number().int(),
    customerCount: z.number().int(),
    firstSeenAt: z.iso.datetime(),
    lastSeenAt: z.iso.datetime(),
    sampleCases: z.array(emergingCaseSchema),
    caseIds: z.array(z.uuid()),
    frustratedCount: z.number().int().meta({
      description: "How many of the cases' customers wrote in frustration (issue #20): how much it hurts",
    }),
  })
  .meta({ id: "EmergingIssue" });
export type EmergingItem = z.infer<typeof emergingItemSchema>;
export const emergingListSchema = z.object({ items: z.array(emergingItemSchema) });

export const emergingKeyParamSchema = z.strictObject({ key: z.string().min(1).max(300) });

export const problemFromEmergingInputSchema = z.strictObject({
  title: z.string().trim().min(1).max(200).optional().meta({ description: "Defaults to the group's label" }),
});

export const problemFromEmergingSchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  title: z.string(),
  caseIds: z.array(z.uuid()),
});

export const problemSuggestionSchema = z.object({
  problemId: z.uuid(),
  number: z.number().int(),
  title: z.string(),
  status: z.string(),
  reason: z.string().meta({ description: "'same error code 1013' or 'similar to 14 linked cases'" }),
});
export const problemSuggestionListSchema = z.object({ items: z.array(problemSuggestionSchema) });
