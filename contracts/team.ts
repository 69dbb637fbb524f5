import { z } from "zod";
import { passwordSchema } from "./accounts.ts";
import { listCasesQuerySchema } from "./cases.ts";
import { emailSchema } from "./common.ts";

export const STAFF_ROLES = ["admin", "agent", "engineer", "moderator"] as const;
export const staffRoleSchema = z.enum(STAFF_ROLES);

export const teamSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    // isLead: the team's manager (issue #18) — approves actions over their limit, hears of SLA breaches.
    members: z.array(z.object({ id: z.uuid(), name: z.string(), email: z.string(), isLead: z.boolean() })),
  })
  .meta({ id: "Team" });
export const teamListSchema = z.object({ items: z.array(teamSchema) });
export const teamInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(80),
  memberIds: z.array(z.uuid()).max(500).default([]),
  /** Members who lead the team; each must be in memberIds. */
  leadIds: z.array(z.uuid()).max(500).default([]),
});
export const teamPatchSchema = z.strictObject({
  name: z.string().trim().min(1).max(80).optional(),
  memberIds: z.array(z.uuid()).max(500).optional(),
  /** Replaces the team's leads; each must be a member (after memberIds, when both are sent). */
  leadIds: z.array(z.uuid()).max(500).optional(),
});

export const inviteInputSchema = z.strictObject({
  email: emailSchema,
  role: staffRoleSchema.default("agent"),
});
export const invitationSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: staffRoleSchema,
    expiresAt: z.iso.datetime(),
    acceptedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Invitation" });
export const sentInvitationSchema = invitationSchema
  .extend({
    link: z.string().nullable().meta({
      description:
        "The invitation link, for the admin to pass on, when no mail relay is set up; null when it was emailed",
    }),
  })
  .meta({ id: "SentInvitation" });
export const invitationListSchema = z.object({ items: z.array(invitationSchema) });
export const acceptInviteInputSchema = z.strictObject({
  token: z.string().min(20).max(200),
  /** Required for a new login; an existing login keeps its name. */
  name: z.string().trim().min(1).max(120).optional(),
  /** A new login's chosen password, or an existing login's current one. */
  password: passwordSchema,
});
export const invitePreviewSchema = z.object({
  email: z.string(),
  role: staffRoleSchema,
  workspaceName: z.string(),
  /** The address already has a login on this install: the person joins with its current password. */
  existingLogin: z.boolean(),
});

export const memberPatchSchema = z
  .strictObject({ role: staffRoleSchema.optional(), status: z.enum(["active", "deactivated"]).optional() })
  .refine((v) => v.role !== undefined || v.status !== undefined, "send role or status");
export const reassignInputSchema = z.strictObject({
  toMemberId: z
    .uuid()
    .nullable()
    .meta({ description: "The new assignee, or null to leave the cases unassigned" }),
});
export const reassignResultSchema = z.object({ moved: z.number() });

export const savedViewFiltersSchema = listCasesQuerySchema.omit({ cursor: true, limit: true });
export const savedViewSchema = z
  .object({ id: z.uuid(), name: z.string(), filters: savedViewFiltersSchema })
  .meta({ id: "SavedView" });
export const savedViewInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(80),
  filters: savedViewFiltersSchema,
});
export const savedViewListSchema = z.object({ items: z.array(savedViewSchema) });
