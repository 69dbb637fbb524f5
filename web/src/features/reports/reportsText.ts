import { useTranslation } from "react-i18next";
import { addTextOnce } from "../../i18n/lazyText.ts";

/**
 * English: the support reports (issue #19). Not in the first load (the inbox's budget is
 * full): it comes with the reports chunk, as slaText.ts does.
 */
export const reportsText = {
  reports: {
    title: "Support reports",
    intro: "Every figure counts the cases created in the period. Select a figure to see the cases behind it.",
    slaLink: "SLA attainment is under Hours & SLAs.",
    metric: "Metric",
    groupBy: "Group by",
    from: "From",
    to: "To",
    team: "Team",
    channel: "Channel",
    tag: "Tag",
    anyTeam: "Any team",
    anyChannel: "Any channel",
    clock: "Times in",
    clocks: { business: "Business hours", customer: "The customer's clock" },
    clockHelp: {
      business: "Open hours of the team's calendar; days in the workspace's time zone.",
      customer: "Time the customer actually waited; days in the customer's own time zone.",
    },
    metrics: {
      "first-reply-time": "First reply time",
      "next-reply-time": "Next reply time",
      "resolution-time": "Resolution time",
      "one-touch": "One-touch resolution",
      "reopen-rate": "Reopen rate",
      "repeat-contact-rate": "Repeat-contact rate",
      backlog: "Backlog and its age",
      csat: "CSAT",
      ces: "CES",
    },
    groups: {
      none: "Nothing",
      day: "Day",
      week: "Week",
      month: "Month",
      team: "Team",
      agent: "Agent",
      channel: "Channel",
      tag: "Tag",
    },
    total: "Whole period",
    casesCount_one: "{{count}} case",
    casesCount_other: "{{count}} cases",
    answersCount_one: "{{count}} answer",
    answersCount_other: "{{count}} answers",
    download: "Download CSV",
    chartLabel: "{{metric}} by {{group}}",
    table: { key: "Group", value: "Figure", count: "Made of", cases: "Cases" },
    showCases: "Show the cases behind {{label}}",
    empty: "No cases in this period.",
    loadError: "The report could not be loaded: {{message}}",
    hours: "{{value}} h",
    minutes: "{{value}} min",
    percent: "{{value}} %",
    positive: "{{value}} % positive",
    cases: {
      title: "Cases behind: {{metric}}",
      bucket: "Group: {{bucket}}",
      back: "Back to the reports",
      number: "Case",
      subject: "Subject",
      status: "Status",
      channel: "Channel",
      created: "Created",
      value: "Its figure",
      empty: "No cases.",
      prev: "Previous",
      next: "Next",
      page: "Page {{page}} of {{pages}}",
    },
  },
};

export function useReportsText() {
  const result = useTranslation();
  addTextOnce(result.i18n, "reports.title", reportsText);
  return result;
}
