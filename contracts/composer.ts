import { z } from "zod";
import { emailSchema } from "./common.ts";

/** An agent's own email signature (markdown), appended to their email replies, never to notes. */
export const signatureSchema = z.object({ body: z.string() }).meta({ id: "Signature" });
export const signatureInputSchema = z.strictObject({ body: z.string().trim().max(5000) });

/** What the composer offers for the next reply on a case: the last reply's CC and BCC. */
export const replyDefaultsSchema = z
  .object({ cc: z.array(z.string()), bcc: z.array(z.string()) })
  .meta({ id: "ReplyDefaults" });

export const forwardInputSchema = z.strictObject({
  to: emailSchema,
  note: z.string().trim().max(10_000).optional(),
});
export const forwardSchema = z
  .object({ id: z.uuid(), to: z.string(), status: z.enum(["queued", "sent", "failed"]) })
  .meta({ id: "Forward" });
export const messageParamSchema = z.strictObject({ id: z.uuid(), messageId: z.uuid() });
