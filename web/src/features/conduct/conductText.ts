import { useTranslation } from "react-i18next";
import { addTextOnce } from "../../i18n/lazyText.ts";

/**
 * English for staff protection's manager screens (issue #20): the review queue, a customer's
 * conduct, appeals, reports and settings. Loaded with those lazy chunks, not the first load.
 */
export const conductText = {
  conduct: {
    nav: "Conduct",
    title: "Conduct",
    intro:
      "Customers whose confirmed abuse of the staff crosses the threshold. Decisions are made by people; look at the context first: an angry customer we failed is not an abusive one.",
    tabs: { queue: "Review queue", appeals: "Appeals", reports: "Reports", settings: "Settings" },
    loadError: "Could not load: {{message}}",
    queue: {
      empty: "Nobody is above the threshold ({{threshold}}).",
      customer: "Customer",
      score: "Score",
      flags: "Confirmed flags",
      context: "Context",
      step: "Step in force",
      none: "None",
      open: "Review",
      contextLine:
        "{{problems}} open problems · {{repeats}} repeat contacts · {{breaches}} SLA breaches · {{negative}} negative surveys",
    },
    customer: {
      title: "Conduct: {{name}}",
      back: "Back to the review queue",
      score: "Score {{score}} (threshold {{threshold}}, half-life {{halfLife}} days)",
      flags: "Flagged messages",
      noFlags: "No flagged messages.",
      status: { confirmed: "Confirmed", cleared: "Cleared", unconfirmed: "Not yet confirmed" },
      caseNumber: "Case #{{number}}",
      weight: "weighs {{weight}}",
      context: "Context",
      steps: "Steps",
      noSteps: "No steps taken.",
      inForce: "In force",
      ended: "Not in force",
      until: "until {{date}}",
      decidedBy: "{{name}}, {{date}}: {{reason}}",
      stepDown: "Step down",
      liftReason: "Why step down",
      liftSubmit: "Step down and tell the customer",
      appeals: "Appeals",
      historyLink: "Conduct history",
    },
    banner: {
      restricted: "Contact restricted: {{channels}} only, until {{until}}",
      restrictedThrough: "Contact restricted: {{channels}} only, through {{name}}, until {{until}}",
      suspended: "Support suspended until {{until}}: new cases go to a manager",
      ended: "Support relationship ended: new cases go to a manager",
      noEnd: "further notice",
    },
    step: {
      title: "Take a step",
      kind: "Step",
      kinds: {
        warning: "Warning",
        restricted: "Restricted channels",
        suspended: "Suspension",
        ended: "End the relationship",
      },
      reason: "Why (for the record, not sent)",
      evidence: "Evidence",
      notice: "What the customer will read (an appeal link is added)",
      expires: "Ends after (days, empty for no end)",
      channels: "Allowed channels",
      agent: "Through one senior agent (optional)",
      submit: "Take this step and tell the customer",
      taken: "Step taken; the customer has been told.",
    },
    appeals: {
      empty: "No appeals.",
      customer: "Customer",
      received: "Received {{date}}",
      assignee: "Assigned to {{name}}",
      unassigned: "Unassigned: any manager but the decider may take it",
      outcome: "Outcome",
      upheld: "Uphold the step",
      overturned: "Overturn (lifts the step)",
      response: "Answer to the customer",
      decide: "Send the decision",
      decided: "{{outcome}} on {{date}}",
    },
    reports: {
      months: "Flags by month",
      month: "Month",
      flagged: "Flagged",
      confirmed: "Confirmed",
      cleared: "Cleared",
      unconfirmed: "Unconfirmed",
      average:
        "Average time from first confirmed flag to a manager's decision: {{hours}} h over {{count}} decisions",
      noDecisions: "No decisions in this period.",
      exposed: "Agents most exposed to abuse",
      exposedNote:
        "For care rather than blame: these colleagues may need support, a break or a lead at their side.",
      messages: "Abusive messages",
      none: "Nobody in this period.",
    },
    settings: {
      halfLife: "Half-life (days)",
      threshold: "Review threshold",
      frustration: "Frustrated messages raise the case's priority",
      save: "Save",
      saved: "Saved",
    },
  },
};

export function useConductText() {
  const result = useTranslation();
  addTextOnce(result.i18n, "conduct.nav", conductText);
  return result;
}
