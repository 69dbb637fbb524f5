import { z } from "zod";

/**
 * Help before a chat (issue #22, modules/chat/deflection): suggestions while the visitor types
 * their first message. The answer is the help center's own (`helpSuggestionsSchema`); a found
 * answer is reported with `widgetDeflectionInputSchema` (widget.ts).
 */
export const widgetSuggestionsQuerySchema = z.strictObject({
  q: z.string().trim().max(300),
  helpSessionId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "8 to 64 letters, digits, _ or -"),
});
