import { z } from "zod";

/**
 * Retention (issue #19): an offer (an upgrade, an accessory, a plan) rides on a reply, only
 * on a solved case or on the reply that solves it. Kept apart from the other retention
 * contracts because the case contract (in the inbox's first load) includes it.
 */
export const OFFER_TITLE_MAX = 120;
export const OFFER_URL_MAX = 2000;
export const offerInputSchema = z.strictObject({
  title: z.string().trim().min(1).max(OFFER_TITLE_MAX),
  url: z
    .string()
    .trim()
    .max(OFFER_URL_MAX)
    .refine((v) => {
      try {
        const u = new URL(v);
        return u.protocol === "https:" && u.hostname !== "" && !u.username && !u.password;
      } catch {
        return false;
      }
    }, "must be an https:// URL without user name or password"),
});
export type OfferInput = z.infer<typeof offerInputSchema>;
