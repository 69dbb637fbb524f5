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
