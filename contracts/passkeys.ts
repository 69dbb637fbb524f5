import { z } from "zod";

/** Issue #23, sign-in: your passkeys (WebAuthn), made by Better Auth's passkey plugin. */

export const passkeySchema = z
  .object({
    id: z.string(),
    name: z.string().nullable().meta({ description: "The name given when it was added" }),
    authenticator: z
      .string()
      .nullable()
      .meta({ description: "The password manager or device kind, when the authenticator says (AAGUID)" }),
    backedUp: z.boolean().meta({ description: "Synced to a cloud account (a multi-device passkey)" }),
    createdAt: z.string().nullable(),
  })
  .meta({ id: "Passkey" });

export const passkeyListSchema = z.object({ items: z.array(passkeySchema) }).meta({ id: "PasskeyList" });

/** Better Auth's ids are random text, not UUIDs. */
export const passkeyIdParamSchema = z.strictObject({ id: z.string().min(1).max(64) });

export type PasskeyView = z.infer<typeof passkeySchema>;
