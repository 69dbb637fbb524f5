import { z } from "zod";
import { emailSchema, page } from "./common.ts";

export const ROLES = ["admin", "agent", "customer", "engineer", "moderator"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const PERMISSIONS = [
  "workspace.manage",
  "members.read",
  "tokens.manage",
  "tokens.manage_all",
  "app.use",
  "portal.use",
  "customers.read",
  "customers.write",
  "cases.read",
  "cases.work",
  "calls.create",
  "team.manage",
  "escalations.work",
  "playbooks.manage",
  "help.manage",
  "academy.manage",
  "community.moderate",
  "community.manage",
  "feedback.triage",
  "feedback.manage",
  "actions.run",
  "actions.manage",
  "approvals.decide",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const passwordSchema = z
  .string()
  .min(10, "must be at least 10 characters")
  .max(128, "must be at most 128 characters");

export const setupStatusSchema = z.object({ setupRequired: z.boolean() });

export const setupInputSchema = z.strictObject({
  workspaceName: z.string().trim().min(1).max(120),
  name: z.string().trim().min(1).max(120),
  email: emailSchema,
  password: passwordSchema,
});
export type SetupInput = z.infer<typeof setupInputSchema>;

export const userSchema = z.object({ id: z.string(), name: z.string(), email: z.string() });
export const workspaceSchema = z.object({ id: z.uuid(), name: z.string() });

export const setupResultSchema = z.object({ workspace: workspaceSchema, user: userSchema });

export const meSchema = z
  .object({
    user: userSchema,
    workspace: workspaceSchema,
    role: roleSchema,
    permissions: z.array(z.enum(PERMISSIONS)),
    locale: z.string(),
    /** Leads at least one team (team_members.is_lead): reports are theirs to read too. */
    leadsTeams: z.boolean(),
  })
  .meta({ id: "Me" });
export type Me = z.infer<typeof meSchema>;

export const publicWorkspaceSchema = z.object({
  name: z.string(),
  locale: z.string(),
  logoUrl: z.string().nullable().meta({ description: "The workspace's logo, public (null: none)" }),
  brandColor: z.string().nullable().meta({ description: "#rrggbb, or null for the default colours" }),
  emailReady: z
    .boolean()
    .meta({ description: "False: no mail relay is set up, so sign-in links cannot be emailed" }),
});
export type PublicWorkspace = z.infer<typeof publicWorkspaceSchema>;

export const memberSchema = z
  .object({
    id: z.uuid(),
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    role: roleSchema,
    status: z.enum(["active", "deactivated"]),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Member" });
export const memberPageSchema = page(memberSchema);

export const tokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().meta({ description: "The first characters of the token, to recognise it" }),
    ownerEmail: z.string(),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "ApiToken" });
export type ApiToken = z.infer<typeof tokenSchema>;
export const tokenPageSchema = page(tokenSchema);

export const createTokenInputSchema = z.strictObject({ name: z.string().trim().min(1).max(100) });
export const createdTokenSchema = tokenSchema.extend({
  token: z.string().meta({ description: "The secret. Shown once; only a hash is stored." }),
});

export const workspaceSettingsSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    defaultLocale: z.string().meta({ description: "The business language" }),
    defaultRegion: z.string(),
    timeZone: z.string().meta({ description: "IANA time zone, e.g. Europe/Paris" }),
    logoUrl: z.string().nullable(),
    brandColor: z.string().nullable().meta({ description: "#rrggbb used on the public pages, or null" }),
  })
  .meta({ id: "WorkspaceSettings" });

/** A brand colour: six hex digits after "#" (stored lower case). */
export const brandColorSchema = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, "a colour written #rrggbb, such as #1c7ed6");

/** True for a time zone name this runtime knows (IANA names such as Europe/Paris, and UTC). */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z0-9_+\-/]{1,64}$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
export const updateWorkspaceInputSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(120).optional(),
    defaultLocale: z
      .string()
      .regex(/^[a-z]{2}(-[A-Z]{2})?$/, "a language tag such as en or en-GB")
      .optional(),
    defaultRegion: z
      .string()
      .regex(
        /^[A-Z]{2}$/,
        "a two-letter country code such as US or GB; phone numbers without +country are read in it",
      )
      .optional(),
    timeZone: z
      .string()
      .trim()
      .refine(isTimeZone, "an IANA time zone such as Europe/Paris or America/New_York")
      .optional(),
    brandColor: brandColorSchema
      .nullable()
      .optional()
      .meta({ description: "null goes back to the defaults" }),
  })
  .refine((v) => Object.keys(v).length > 0, "send at least one setting to change");
