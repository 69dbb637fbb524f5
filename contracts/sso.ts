import { z } from "zod";

/** Issue #23: OIDC single sign-on for staff, configured per workspace by an admin. */
export const ssoRoleSchema = z.enum(["admin", "agent", "engineer", "moderator"]);

export const ssoGroupMappingSchema = z.strictObject({
  group: z.string().trim().min(1).max(200).meta({ description: "A value of the group claim" }),
  role: ssoRoleSchema.nullable().meta({ description: "The role members of this group get (null: keep)" }),
  teamIds: z.array(z.uuid()).max(50).default([]).meta({ description: "Teams members of this group join" }),
});

const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    "Enter a domain such as example.com",
  );

export const ssoSettingsInputSchema = z.strictObject({
  issuer: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .meta({ description: "The provider's issuer URL (discovery)" }),
  clientId: z.string().trim().min(1).max(300),
  clientSecret: z
    .string()
    .min(1)
    .max(1000)
    .optional()
    .meta({ description: "Leave out to keep the stored secret; it is sealed and never returned" }),
  allowedDomains: z.array(domainSchema).max(50).default([]).meta({
    description: "Email domains allowed to sign in with SSO (empty: any domain)",
  }),
  jitEnabled: z.boolean().default(false).meta({ description: "Create unknown staff on first sign-in" }),
  jitRole: ssoRoleSchema.default("agent"),
  groupClaim: z.string().trim().min(1).max(100).nullable().default(null),
  groupMappings: z.array(ssoGroupMappingSchema).max(100).default([]),
  requireSso: z.boolean().default(false).meta({ description: "Refuse password sign-in for staff" }),
  breakGlassMemberId: z.uuid().nullable().default(null).meta({
    description: "The one admin (membership id) who may still sign in with a password",
  }),
});
export type SsoSettingsInput = z.infer<typeof ssoSettingsInputSchema>;

export const ssoSettingsSchema = z.object({
  configured: z.boolean(),
  issuer: z.string().nullable(),
  clientId: z.string().nullable(),
  clientSecret: z.enum(["set", "not set"]).meta({ description: "The secret itself is never returned" }),
  allowedDomains: z.array(z.string()),
  jitEnabled: z.boolean(),
  jitRole: ssoRoleSchema,
  groupClaim: z.string().nullable(),
  groupMappings: z.array(
    z.object({ group: z.string(), role: ssoRoleSchema.nullable(), teamIds: z.array(z.string()) }),
  ),
  requireSso: z.boolean(),
  breakGlassMemberId: z.string().nullable(),
  redirectUrl: z.string().meta({ description: "The callback URL to register at the provider" }),
});
export type SsoSettings = z.infer<typeof ssoSettingsSchema>;

export const ssoDiscoveryInputSchema = z.strictObject({
  issuer: z.url({ protocol: /^https?$/ }).max(500),
});

export const ssoDiscoveryResultSchema = z.object({
  ok: z.boolean(),
  issuer: z.string().nullable(),
  authorizationEndpoint: z.string().nullable(),
  error: z.string().nullable(),
});

export const ssoPublicStatusSchema = z.object({
  enabled: z.boolean().meta({ description: "True when this workspace offers Sign in with SSO" }),
  startUrl: z.string(),
});

/** Why an SSO sign-in came back to the login page (`/login?sso_error=...`). */
export const ssoRefusalCodes = [
  "not_configured",
  "bad_state",
  "provider_error",
  "email_unverified",
  "domain_not_allowed",
  "unknown_user",
  "not_staff",
  "deactivated",
] as const;
export type SsoRefusal = (typeof ssoRefusalCodes)[number];
