import { z } from "zod";
import { passwordSchema } from "./accounts.ts";
import { emailSchema } from "./common.ts";

/**
 * The install-level workspace API (/api/v1/workspaces): one installation serving several
 * brands or clients, each a workspace answering on its own host name.
 */

/** A bare host name, as a browser sends it without the port: "help.brand-b.com". */
export const workspaceHostSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/,
    "must be a host name such as help.example.com (no scheme, port or path)",
  );

const workspaceNameSchema = z.string().trim().min(1).max(120);

export const workspaceAdminInputSchema = z.strictObject({
  email: emailSchema,
  name: z.string().trim().min(1).max(120).optional(),
  /** Needed for a new login; an existing login keeps its own password. */
  password: passwordSchema.optional(),
});

export const createWorkspaceInputSchema = z
  .strictObject({
    name: workspaceNameSchema,
    host: workspaceHostSchema,
    admin: workspaceAdminInputSchema.optional(),
  })
  .meta({ id: "CreateWorkspaceInput" });
export type CreateWorkspaceInput = z.infer<typeof createWorkspaceInputSchema>;

export const updateWorkspaceHostInputSchema = z
  .strictObject({
    name: workspaceNameSchema.optional(),
    /** null: the workspace no longer claims a host (only sensible for the default one). */
    host: workspaceHostSchema.nullable().optional(),
  })
  .meta({ id: "UpdateInstallWorkspaceInput" });
export type UpdateWorkspaceHostInput = z.infer<typeof updateWorkspaceHostInputSchema>;

export const installWorkspaceSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    host: z.string().nullable(),
    /** Where its people sign in: the host on PUBLIC_URL's scheme and port, or PUBLIC_URL itself. */
    url: z.string(),
    isDemo: z.boolean(),
    /** The install's first workspace: the default for unknown hosts, and whose admins manage workspaces. */
    isOperator: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: "InstallWorkspace" });
export type InstallWorkspace = z.infer<typeof installWorkspaceSchema>;

export const installWorkspaceListSchema = z.object({ items: z.array(installWorkspaceSchema) });
