import { useTranslation } from "react-i18next";
import { addTextOnce } from "../../i18n/lazyText.ts";

/**
 * English for the routing screens (issue #18). Not in the first load: it comes with the routing
 * chunks and is added to the running i18next instance before the first t() call.
 */
export const routingText = {
  routing: {
    title: "Routing",
    intro:
      "New cases go to a customer's dedicated team first, then to their preferred agent when available (else that agent's team), then to the first matching rule. Otherwise they stay unassigned.",
    rules: "Rules",
    noRules: "No rules yet: cases without a dedicated team or preferred agent stay unassigned.",
    addRule: "Add rule",
    editRule: "Edit rule",
    name: "Name",
    position: "Order",
    team: "Team",
    strategy: "Within the team",
    strategies: { round_robin: "Round robin", least_loaded: "Least loaded" },
    conditions: "When",
    anyCase: "any case",
    channel: "Channel",
    language: "Language (two letters, e.g. de)",
    tag: "Tag",
    organization: "Organization",
    productModel: "Product model",
    save: "Save",
    cancel: "Cancel",
    edit: "Edit",
    remove: "Remove",
    saved: "Saved",
    agents: "Agents",
    agentsIntro:
      "Capacity is the most open cases an agent is given by routing (empty: no limit). Customers may choose their preferred agent in the portal from the agents ticked here.",
    agent: "Agent",
    status: "Status",
    openCases: "Open cases",
    capacity: "Capacity",
    pickable: "Customers may pick",
    allPickable: "Let customers pick any agent",
    available: "Available",
    away: "Away",
    saveAgents: "Save agents",
    loadError: "This could not be loaded: {{message}}",
    // The customer panel
    panelTitle: "Routing",
    preferredAgent: "Preferred agent",
    dedicatedTeam: "Dedicated team",
    orgTeam: "Organization's team: {{name}}",
    none: "None",
    // The portal
    myAgent: "My agent",
    myAgentHint: "Choose the person you would like to handle your requests when they are available.",
    noPreference: "No preference",
    myAgentSaved: "Your choice is saved",
  },
};

export function useRoutingText() {
  const result = useTranslation();
  addTextOnce(result.i18n, "routing.title", routingText);
  return result;
}
