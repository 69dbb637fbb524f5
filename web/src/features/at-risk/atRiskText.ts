import { useTranslation } from "react-i18next";
import { addTextOnce } from "../../i18n/lazyText.ts";

/**
 * English: repeat contacts and at-risk customers (issue #19). Not in the first load (the
 * inbox's budget is full): it comes with the at-risk chunks, as slaText.ts does.
 */
export const atRiskText = {
  atRisk: {
    nav: "At-risk customers",
    title: "At-risk customers",
    intro: "Customers whose recent contacts suggest they may leave, highest risk first.",
    empty: "No customer is at risk right now.",
    loadError: "This could not be loaded: {{message}}",
    columns: {
      customer: "Customer",
      score: "Score",
      since: "At risk since",
      reasons: "Why",
      action: "Action",
    },
    score: "Risk {{score}}",
    flag: "At risk",
    flagTitle: "At risk (score {{score}})",
    reachOut: "Reach out",
    reachOutTo: "Reach out to {{name}}",
    subject: "Subject",
    subjectDefault: "Checking in with you",
    note: "Internal note",
    noteHelp: "Seen by staff only.",
    create: "Open case",
    cancel: "Cancel",
    reached: "Case #{{number}} opened",
    more: "Show more",
    repeatBadge: "Repeat contact",
    repeatOf: "Repeats #{{number}}",
    repeatReason: {
      problem: "same problem",
      signature: "same error",
      similar: "same issue",
      link: "linked case",
      reopen: "reopened after solving",
    },
    kinds: {
      repeat_contacts: "Repeat contacts",
      open_cases: "Open cases",
      language: "Wording",
      unanswered: "Unanswered",
      negative_survey: "Negative survey",
      frustrated: "Frustrated",
    },
  },
};

export function useAtRiskText() {
  const result = useTranslation();
  addTextOnce(result.i18n, "atRisk.title", atRiskText);
  return result;
}
