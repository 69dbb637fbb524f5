import { z } from "zod";
import { ROLES } from "./accounts.ts";

/** Issue #23, sign-in: two-factor authentication, sessions and the password policy. */

const STAFF_ROLES = ROLES.filter((r) => r !== "customer") as ["admin", "agent", "engineer", "moderator"];
export const staffRoleSchema = z.enum(STAFF_ROLES);

export const twoFactorStatusSchema = z
  .object({
    enabled: z.boolean().meta({ description: "TOTP is confirmed and asked for at sign-in" }),
    pending: z.boolean().meta({ description: "Enrolment started but not confirmed with a code yet" }),
    required: z.boolean().meta({ description: "Your role must use two-factor sign-in in this workspace" }),
    recoveryCodesLeft: z.number().int(),
  })
  .meta({ id: "TwoFactorStatus" });

export const passwordInputSchema = z.strictObject({ password: z.string().min(1).max(128) });

export const twoFactorEnrolmentSchema = z
  .object({
    otpauthUri: z.string().meta({ description: "otpauth:// URI for an authenticator app" }),
    secret: z.string().meta({ description: "The base32 key, for typing into an app by hand" }),
    recoveryCodes: z.array(z.string()).meta({ description: "Shown once; only hashes are stored" }),
  })
  .meta({ id: "TwoFactorEnrolment" });

export const twoFactorCodeInputSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "must be the 6-digit code from your authenticator app"),
});

export const recoveryCodesSchema = z
  .object({ recoveryCodes: z.array(z.string()) })
  .meta({ id: "RecoveryCodes" });

export const sessionSchema = z
  .object({
    id: z.string(),
    device: z.string().meta({ description: "Browser and system, read from the user agent" }),
    ipAddress: z.string().nullable(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    current: z.boolean(),
  })
  .meta({ id: "Session" });
export const sessionListSchema = z.object({ items: z.array(sessionSchema) }).meta({ id: "SessionList" });
export const sessionIdParamSchema = z.strictObject({ id: z.string().min(1).max(64) });

export const signedOutSchema = z.object({ sessionsEnded: z.number().int() }).meta({ id: "SignedOut" });

export const securityPolicySchema = z
  .object({
    requireTwoFactorRoles: z.array(staffRoleSchema),
    passwordMinLength: z.number().int(),
  })
  .meta({ id: "SecurityPolicy" });

export const securityPolicyInputSchema = z.strictObject({
  requireTwoFactorRoles: z.array(staffRoleSchema).max(STAFF_ROLES.length).optional(),
  passwordMinLength: z.number().int().min(10, "must be at least 10").max(128).optional(),
});

export type TwoFactorStatus = z.infer<typeof twoFactorStatusSchema>;
export type TwoFactorEnrolment = z.infer<typeof twoFactorEnrolmentSchema>;
export type SessionView = z.infer<typeof sessionSchema>;
export type SecurityPolicy = z.infer<typeof securityPolicySchema>;
