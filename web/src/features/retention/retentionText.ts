import { useTranslation } from "react-i18next";
import { addTextOnce } from "../../i18n/lazyText.ts";

/**
 * English: the retention dashboard, its nav entry and the composer's offer control (issue #19).
 * Not in the first load (the inbox's budget is full): it comes with those lazy chunks.
 */
export const retentionText = {
  retention: {
    nav: "Retention",
    title: "Retention",
    intro:
      "Customers active at the start of the period who had not churned by its end, by the support they had during it. These are associations, not causes.",
    from: "From",
    to: "To",
    loadError: "The retention figures could not be loaded: {{message}}",
    overall: "Overall",
    customers_one: "{{count}} customer",
    customers_other: "{{count}} customers",
    retention: "Retention",
    revenueRetention: "Revenue retention",
    retained: "Retained",
    sample: "Sample",
    valued: "With a value",
    tooFew: "Too few customers (under {{min}}) to say",
    tooFewAnswers: "Too few answers (under {{min}}) to say",
    noValues: "No values",
    downloadCsv: "Download CSV",
    chartLabel: "Retention by {{split}}",
    splits: {
      repeatContacts: "Repeat contacts",
      csat: "CSAT",
      resolutionTime: "Time to resolution",
      trained: "Trained (academy)",
      community: "Active in the community",
    },
    keys: {
      yes: "Yes",
      no: "No",
      positive: "Positive",
      neutral: "Neutral",
      negative: "Negative",
      none: "None",
      under1d: "Under 1 day",
      "1to3d": "1 to 3 days",
      over3d: "Over 3 days",
    },
    offers: {
      title: "Offers beside CSAT",
      hint: "Offers made in the period by outcome, with the CSAT answers on their cases. “No offer” is the cases solved without one.",
      status: "Outcome",
      count: "Cases",
      answers: "CSAT answers",
      positive: "Positive",
      negative: "Negative",
      share: "Positive share",
      accepted: "Accepted",
      ignored: "Ignored",
      offered: "Waiting",
      none: "No offer",
    },
    cohorts: {
      title: "Cohorts by month of first subscription",
      hint: "Share still subscribed at the end of each month after joining. Only months that have ended get a point; cohorts under {{min}} customers show no curve.",
      cohort: "Cohort",
      size: "Size",
      month: "Month {{n}}",
      empty: "No customer subscribed in this period.",
    },
    churned: {
      title: "Churned customers: their last 90 days of support",
      empty: "Nobody churned in this period.",
      churnedOn: "Churned {{date}}",
      cases: "Cases",
      surveys: "Surveys",
      repeats: "Repeat contacts",
      none: "None",
      rating: "{{kind}} {{rating}} ({{sentiment}})",
      repeat: "Repeat of an earlier case ({{reason}})",
    },
  },
  offer: {
    attach: "Attach offer",
    remove: "Remove offer",
    solve: "Solve the case with this reply",
    disabledHint:
      "Offers go only on solved cases: solve the case, or choose “Solve the case with this reply”.",
    title: "Offer title",
    url: "Offer link (https)",
    urlHint: "The customer gets a tracked link; following it counts as accepted.",
  },
};

export function useRetentionText() {
  const result = useTranslation();
  addTextOnce(result.i18n, "retention.nav", retentionText);
  return result;
}
