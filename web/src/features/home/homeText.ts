import { useTranslation } from "react-i18next";
import { addTextOnce } from "../../i18n/lazyText.ts";

/** English: the agent's home page (issue #18). Loaded with its chunk, not in the first load. */
export const agentHome = {
  agentHome: {
    title: "My home",
    queue: "My queue",
    queueEmpty: "Nothing waiting on you.",
    risks_one: "{{count}} case at risk of missing its SLA",
    risks_other: "{{count}} cases at risk of missing their SLA",
    customers: "My customers",
    customersEmpty: "No customers have chosen you as their agent yet.",
    approvals: "Waiting for approval",
    approvalsEmpty: "Nothing waiting for a decision.",
    snippets: "My snippets",
    snippetsEmpty: "No personal snippets yet.",
    loadError: "This could not be loaded: {{message}}",
    openInbox: "Open in the inbox",
  },
};

export function useHomeText() {
  const result = useTranslation();
  addTextOnce(result.i18n, "agentHome.title", agentHome);
  return result;
}
