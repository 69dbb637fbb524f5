import { z } from "zod";
import { passwordSchema } from "./accounts.ts";
import { emailSchema } from "./common.ts";

/** Settings → Email → Outgoing mail, the workspace logo, and each person's profile. */
export const SMTP_SECURITY = ["none", "starttls", "tls"] as const;
export const smtpSecuritySchema = z.enum(SMTP_SECURITY);

const hostSchema = z
  .string()
  .trim()
  .max(253)
  .regex(/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i, "a host name such as smtp.example.com");

export const outgoingMailSchema = z
  .object({
    source: z
      .enum(["workspace", "environment", "none"])
      .meta({ description: "Which relay sends: this workspace's, SMTP_URL, or none (mail waits)" }),
    relay: z
      .object({
        host: z.string(),
        port: z.number().nullable(),
        security: smtpSecuritySchema,
        user: z.string().nullable(),
        passwordSet: z.boolean().meta({ description: "A password is stored (it is never returned)" }),
      })
      .nullable(),
    fromName: z.string().nullable(),
    fromAddress: z.string().nullable(),
    signature: z.string().nullable(),
    defaultFrom: z.string().meta({ description: "MAIL_FROM, used when no from-address is set" }),
  })
  .meta({ id: "OutgoingMail" });
export type OutgoingMail = z.infer<typeof outgoingMailSchema>;

export const outgoingMailInputSchema = z.strictObject({
  host: hostSchema
    .nullable()
    .meta({ description: "The SMTP relay; null to use the environment's SMTP_URL, if any" }),
  port: z.number().int().min(1).max(65535).nullable().default(null),
  security: smtpSecuritySchema.default("starttls"),
  user: z.string().trim().min(1).max(254).nullable().default(null),
  password: z
    .string()
    .min(1)
    .max(1000)
    .optional()
    .meta({ description: "Leave out to keep the stored password" }),
  fromName: z.string().trim().min(1).max(120).nullable().default(null),
  fromAddress: emailSchema.nullable().default(null),
  signature: z.string().max(2000).nullable().default(null),
});
export type OutgoingMailInput = z.input<typeof outgoingMailInputSchema>;

export const testMailInputSchema = z.strictObject({ to: emailSchema });
export const testMailResultSchema = z.object({
  sent: z.boolean(),
  error: z.string().nullable().meta({ description: "Why the relay refused, in plain words" }),
});

/** An image upload (logo, avatar): the bytes as base64; the type is sniffed from them. */
export const imageUploadSchema = z.strictObject({
  dataBase64: z.base64().min(1).max(700_000).meta({ description: "PNG, JPEG, GIF or WebP, at most 512 kB" }),
});

export const profileSchema = z
  .object({
    name: z.string(),
    email: z.string(),
    locale: z.string().nullable().meta({ description: "UI language; null follows the workspace" }),
    avatarUrl: z.string().nullable(),
  })
  .meta({ id: "Profile" });
export const profileInputSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(120).optional(),
    locale: z
      .string()
      .regex(/^[a-z]{2}(-[A-Z]{2})?$/, "a language tag such as en or en-GB")
      .nullable()
      .optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "send at least one setting to change");
export const passwordChangeInputSchema = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: passwordSchema,
});
