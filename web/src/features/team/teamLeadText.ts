import { useTranslation } from "react-i18next";
import { addTextOnce } from "../../i18n/lazyText.ts";

/**
 * English for team leads (issue #18), loaded with the Team page's chunk, not the first load.
 * A lead approves actions over their limit, hears of SLA breaches and writes the team's snippets.
 */
export const teamLeadText = {
  teamLeads: {
    badge: "Lead",
    leadsTitle: "Leads",
    leadsHint: "Leads approve actions over their limit, hear of SLA breaches and write the team's snippets.",
    toggle: "{{name}} leads this team",
    noneYet: "Add members to choose a lead.",
  },
};

export function useTeamLeadText() {
  const result = useTranslation();
  addTextOnce(result.i18n, "teamLeads.badge", teamLeadText);
  return result;
}
