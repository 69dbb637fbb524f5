import { useTranslation } from "react-i18next";
import { addTextOnce } from "../../i18n/lazyText.ts";

/** English for agent profiles (issue #18): the staff profile card, the setting and the portal's agent. */
export const profilesText = {
  agentProfile: {
    title: "How customers see you",
    intro:
      "Your name and picture appear on the customer's request page and in email (\u201cDana at Acme\u201d).",
    displayName: "Display name",
    bio: "Short bio",
    languages: "Languages you answer in",
    languagesHint: "Language codes such as en, de or pt-BR",
    signOff: "Personal sign-off",
    signOffHint: "Added below your email replies while agents write in their own voice.",
    save: "Save profile",
    saved: "Profile saved",
    loadError: "Your profile could not be loaded: {{message}}",
    voiceTitle: "Agents write in their own voice",
    voiceHint:
      "Agents' personal sign-offs are added to their replies. Rapport never rewrites an agent's words, whether this is on or off.",
    yourAgent: "Your agent",
  },
};

export function useProfilesText() {
  const result = useTranslation();
  addTextOnce(result.i18n, "agentProfile.title", profilesText);
  return result;
}
