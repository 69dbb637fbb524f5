import { z } from "zod";

/** Keyset pagination: pass nextCursor back as ?cursor= to get the following page. */
export const pageQuerySchema = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const idParamSchema = z.strictObject({ id: z.uuid() });

export const emailSchema = z
  .email()
  .max(254)
  .transform((v) => v.toLowerCase());

/** A client-generated id of one help session (a visitor's, or a new-request form's): 8–64 url-safe characters. */
export const helpSessionSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, "must be 8–64 letters, digits, '-' or '_'");
