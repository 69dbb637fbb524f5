import { z } from "zod";

/**
 * Agent profiles (issue #18): the name, photo, bio, languages and sign-off customers see.
 * The photo is the staff member's own picture (`PUT /api/v1/me/avatar`).
 */
const LANGUAGE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$/;

export const agentProfileInputSchema = z.strictObject({
  // One line: a name goes into email headers, so control characters (line breaks) are refused.
  displayName: z
    .string()
    .trim()
    .min(1, "a display name is needed")
    .max(80)
    .regex(/^[^\p{Cc}]*$/u, "a display name is one line of text"),
  bio: z.string().trim().max(500).optional(),
  languages: z
    .array(z.string().trim().regex(LANGUAGE, "use language codes such as en or pt-BR"))
    .max(20)
    .default([]),
  signOff: z.string().trim().max(300).optional(),
});
export type AgentProfileInput = z.infer<typeof agentProfileInputSchema>;

export const agentProfileSchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  bio: z.string(),
  languages: z.array(z.string()),
  signOff: z.string(),
  avatarUrl: z.string().nullable(),
});
export type AgentProfile = z.infer<typeof agentProfileSchema>;

/** What a customer sees of the agent on their case: name and photo only. */
export const caseAgentSchema = z.object({
  agent: z.object({ displayName: z.string(), avatarUrl: z.string().nullable() }).nullable(),
});
export type CaseAgent = z.infer<typeof caseAgentSchema>;

export const peopleSettingsSchema = z.strictObject({
  agentPersonality: z.boolean().meta({
    description:
      "Agents write in their own voice (on by default): their personal sign-off is appended to replies. " +
      "Nothing in Rapport rewrites an agent's words either way.",
  }),
});
export type PeopleSettings = z.infer<typeof peopleSettingsSchema>;
