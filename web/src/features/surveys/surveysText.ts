import { useTranslation } from "react-i18next";
import { addTextOnce } from "../../i18n/lazyText.ts";

/** English: the Surveys screen (issue #19). Lazy, with its chunk: the inbox's budget is full. */
export const surveysText = {
  surveys: {
    nav: "Surveys",
    openCount_one: "{{count}} open follow-up",
    openCount_other: "{{count}} open follow-ups",
    title: "Surveys",
    tabsLabel: "Surveys",
    tabs: { followUps: "Follow-ups", results: "Results", settings: "Settings" },
    loadError: "This could not be loaded: {{message}}",
    saved: "Saved",
    portal: {
      question: {
        csat: "How would you rate the support you received?",
        ces: "How easy was it to get your issue resolved?",
      },
      labels: {
        five: ["Very unhappy", "Unhappy", "Neutral", "Happy", "Very happy"],
        three: ["Not good", "Okay", "Great"],
        seven: ["Very hard", "Hard", "Somewhat hard", "Neither", "Somewhat easy", "Easy", "Very easy"],
      },
      reason: "What was the main reason?",
      chooseReason: "Choose a reason (optional)",
      comment: "Anything you would like to add? (optional)",
      send: "Send",
      thanks: "Thank you — your answer is saved. You can still change it.",
    },
    panel: {
      // Two panels can share a page (the case's and the customer panel's): distinct names, so
      // a screen reader's list of regions tells them apart.
      caseTitle: "Survey answers on this case",
      customerTitle: "Their survey answers",
      csat: "CSAT {{percent}} % positive.",
      ces: "CES average {{average}} of 7.",
    },
    followUps: {
      empty: "No follow-ups. Negative answers on your team's cases appear here.",
      showDone: "Show done",
      case: "Case",
      customer: "Customer",
      rating: "Rating",
      ratingOf: "{{rating}} of {{max}}",
      reason: "Reason",
      comment: "Comment",
      note: "What did you do?",
      markDone: "Mark done",
      reopen: "Open again",
      done: "Done",
      reasons: { agent: "Agent", product: "Product", policy: "Policy", speed: "Speed", other: "Other" },
    },
    results: {
      by: "Group by",
      agent: "Agent",
      team: "Team",
      name: "Name",
      csat: "CSAT positive",
      ces: "CES average",
      answers: "Answers",
      negative: "Negative",
      empty: "No survey answers yet.",
    },
    settings: {
      enabled: "Send surveys when a case is solved",
      csat: "CSAT: how satisfied was the customer",
      ces: "CES: how easy was it to get the issue resolved (1–7)",
      scale: "CSAT scale",
      five: "1 to 5",
      three: "Great / okay / not good",
      delay: "Delay after the solve (minutes)",
      throttle: "At most one survey per customer in (days)",
      window: "Answers accepted for (days)",
      save: "Save",
    },
  },
};

export function useSurveysText() {
  const result = useTranslation();
  addTextOnce(result.i18n, "surveys.title", surveysText);
  return result;
}
