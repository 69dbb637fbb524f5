import { useTranslation } from "react-i18next";
import { addTextOnce } from "../../i18n/lazyText.ts";

/**
 * English: shielding the agent (issue #20): tone badges, masking, verdicts, hand to a lead.
 * Not in the first load: it comes with the conduct-shield chunks.
 */
export const shieldText = {
  shield: {
    outcome: { frustrated: "Frustrated", abusive: "Abusive", neutral: "Neutral" },
    confirmed: "confirmed by an agent",
    cleared: "Flag cleared by an agent",
    whyTitle: "Why this flag",
    noSignals: "Marked by an agent.",
    badgeLabel: "{{outcome}}: show why",
    masked: "Masked word",
    checking: "Checking the tone of this message…",
    maskedNote: "Insults in this message are masked.",
    reveal: "Reveal",
    revealFailed: "Could not record the reveal; the words stay masked.",
    menu: "Message actions",
    markAbusive: "Mark abusive",
    notAbusive: "Not abusive",
    markedAbusive: "Marked abusive",
    markedNotAbusive: "Flag cleared",
    handToLead: "Hand to a lead",
    handToLeadHint: "I'd rather not continue this one. No reason needed.",
    handedTo: "Handed to {{name}}",
    noLead: "There is no lead or admin to hand this case to.",
    maskTitle: "Mask insults in abusive messages",
    maskHint:
      "Slurs and insults in messages flagged abusive show as ••••• until you click Reveal. Reveals are recorded.",
    failed: "That did not work. Try again.",
  },
};

export function useShieldText() {
  const result = useTranslation();
  addTextOnce(result.i18n, "shield.reveal", shieldText);
  return result;
}
