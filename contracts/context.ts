import { z } from "zod";
import { caseSchema } from "./cases.ts";
import { customerSummarySchema, deviceSchema, identitySchema } from "./customers.ts";
import { knownIssueSchema } from "./problems.ts";
import { timelineEventSchema } from "./timeline.ts";

/**
 * Everything known about a customer, in one response: what an agent needs on screen before
 * saying hello. Returned by lookup, by call-started events and for the customer panel.
 */
export const customerContextSchema = z
  .object({
    customer: customerSummarySchema,
    identities: z.array(identitySchema),
    facts: z.record(z.string(), z.unknown()).meta({ description: "Current value of each fact, by key" }),
    devices: z.array(deviceSchema),
    knownIssues: z
      .array(knownIssueSchema)
      .meta({ description: "Open problems whose affected products match one of the customer's devices" }),
    openCases: z.array(caseSchema),
    recentCases: z.array(caseSchema).meta({ description: "Latest solved or closed cases" }),
    timeline: z
      .array(timelineEventSchema)
      .meta({ description: "The last 50 events across all cases, newest first" }),
  })
  .meta({ id: "CustomerContext" });
export type CustomerContext = z.infer<typeof customerContextSchema>;

export const callInputSchema = z.strictObject({
  from: z.string().trim().min(2).max(40).meta({ description: "Caller's number, any format" }),
  to: z.string().trim().min(2).max(40).meta({ description: "The number that was called" }),
});
export const callStartedSchema = customerContextSchema.extend({
  callId: z.uuid(),
  newCustomer: z
    .boolean()
    .meta({ description: "True when the number was unknown and a customer was created" }),
});
export const endCallInputSchema = z.strictObject({
  durationSeconds: z.number().int().min(0).max(86_400).optional(),
  note: z.string().trim().max(10_000).optional(),
  caseId: z.uuid().optional(),
  recordingUrl: z
    .url({ protocol: /^https$/ })
    .max(2000)
    .optional()
    .meta({ description: "Where the phone system keeps the call's recording (https)" }),
  transcript: z
    .string()
    .trim()
    .max(200_000)
    .optional()
    .meta({ description: "The call's transcript, as text" }),
});
export const callSchema = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  from: z.string(),
  to: z.string(),
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
  durationSeconds: z.number().nullable(),
  note: z.string().nullable(),
  recordingUrl: z.string().nullable(),
  transcript: z.string().nullable(),
});
