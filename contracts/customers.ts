import { z } from "zod";
import { page } from "./common.ts";

/** social: a messaging channel's user ("<channel id>:<external user id>"); external: a host
 * application's user id, proven by a signed chat-widget identity or kept from an import. */
export const IDENTITY_KINDS = ["email", "phone", "account", "social", "external"] as const;
export const identityKindSchema = z.enum(IDENTITY_KINDS);

export const identitySchema = z
  .object({
    id: z.uuid(),
    kind: identityKindSchema,
    value: z.string().meta({ description: "Normalised: lower-case email, E.164 phone, trimmed account" }),
    display: z.string().meta({ description: "As it was first given" }),
    undeliverable: z.string().nullable().meta({ description: "Why mail to this address fails, if it does" }),
  })
  .meta({ id: "Identity" });
export type Identity = z.infer<typeof identitySchema>;

const nameSchema = z.string().trim().min(1).max(200);
const orgSchema = z.string().trim().min(1).max(200).nullable();
const many = (item: z.ZodType<string>) => z.array(item).max(20).default([]);

export const createCustomerInputSchema = z.strictObject({
  name: nameSchema,
  organization: orgSchema.optional(),
  emails: many(z.string().trim().min(3).max(254)),
  phones: many(z.string().trim().min(3).max(40)),
  accounts: many(z.string().trim().min(1).max(100)),
});
export type CreateCustomerInput = z.infer<typeof createCustomerInputSchema>;

export const updateCustomerInputSchema = z
  .strictObject({ name: nameSchema.optional(), organization: orgSchema.optional() })
  .refine((v) => Object.keys(v).length > 0, "send at least one of name, organization");

export const addIdentityInputSchema = z.strictObject({
  kind: identityKindSchema,
  value: z.string().trim().min(1).max(254),
});

export const customerSummarySchema = z
  .object({ id: z.uuid(), name: z.string(), organization: z.string().nullable() })
  .meta({ id: "CustomerSummary" });

export const customerSchema = customerSummarySchema
  .extend({ identities: z.array(identitySchema), createdAt: z.iso.datetime() })
  .meta({ id: "Customer" });
export type Customer = z.infer<typeof customerSchema>;

export const customerPageSchema = page(customerSchema);
export const customerSearchQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

/** Well-known fact keys; a workspace may add its own as custom.<name>. */
export const KNOWN_FACT_KEYS = [
  "address",
  "plan",
  "language",
  "timezone",
  "preferred_channel",
  "rental",
] as const;
export const factKeySchema = z
  .string()
  .regex(/^(address|plan|language|timezone|preferred_channel|rental|custom\.[a-z][a-z0-9_]{0,40})$/, {
    message: `must be one of ${KNOWN_FACT_KEYS.join(", ")} or custom.<name> (lower case, digits, _)`,
  });

// Recursive, so the OpenAPI document needs it as a named component (the id): without one its
// self-references pointed at a component the document did not contain.
const jsonValue: z.ZodType<unknown> = z
  .lazy(() =>
    z.union([
      z.string().max(4000),
      z.number(),
      z.boolean(),
      z.array(jsonValue).max(50),
      z.record(z.string().max(100), jsonValue),
    ]),
  )
  .meta({ id: "JsonValue" });

export const CHANNELS = ["email", "web", "phone", "chat", "api", "social"] as const;
export const channelSchema = z.enum(CHANNELS);

export const recordFactInputSchema = z.strictObject({
  key: factKeySchema,
  value: jsonValue,
  caseId: z.uuid().optional(),
  channel: channelSchema.optional(),
});

export const actorRefSchema = z.object({ id: z.string(), name: z.string() }).nullable();

export const factSchema = z
  .object({
    id: z.string(),
    key: z.string(),
    value: z.unknown(),
    current: z.boolean(),
    recordedAt: z.iso.datetime(),
    recordedBy: actorRefSchema,
    sourceCaseId: z.uuid().nullable(),
    sourceChannel: z.string().nullable(),
  })
  .meta({ id: "Fact" });
export type Fact = z.infer<typeof factSchema>;

export const deviceInputSchema = z.strictObject({
  model: z.string().trim().min(1).max(120),
  serial: z.string().trim().min(1).max(120),
  firmware: z.string().trim().min(1).max(60).optional(),
});
export const deviceSchema = z
  .object({
    id: z.uuid(),
    customerId: z.uuid(),
    model: z.string(),
    serial: z.string(),
    firmware: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Device" });
export type Device = z.infer<typeof deviceSchema>;

export const mergeInputSchema = z.strictObject({ duplicateId: z.uuid() });

export const duplicateSchema = z.object({
  customer: customerSchema,
  reasons: z.array(z.enum(["same_phone", "same_email_local_part_and_name", "same_name"])),
});
export const duplicatesSchema = z.object({ items: z.array(duplicateSchema) });

export const lookupQuerySchema = z
  .strictObject({
    phone: z.string().trim().min(3).max(40).optional(),
    email: z.string().trim().min(3).max(254).optional(),
    account: z.string().trim().min(1).max(100).optional(),
  })
  .refine((q) => [q.phone, q.email, q.account].filter(Boolean).length === 1, {
    message: "give exactly one of phone, email or account",
    path: ["phone"],
  });

/** What a signed-in customer's portal knows about them (GET /api/v1/portal/profile). */
export const portalProfileSchema = z
  .object({
    customer: customerSummarySchema.nullable(),
    identities: z.array(identitySchema),
    facts: z.record(z.string(), z.unknown()),
    devices: z.array(deviceSchema),
  })
  .meta({ id: "PortalProfile" });
export type PortalProfile = z.infer<typeof portalProfileSchema>;
