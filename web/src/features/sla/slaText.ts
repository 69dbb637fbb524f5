import { useTranslation } from "react-i18next";
import { addTextOnce } from "../../i18n/lazyText.ts";

/**
 * English: the business hours, SLA policies and SLA report screens (issue #18). Not in the
 * first load (the inbox's budget is full): it comes with this chunk, as playbooksText.ts does.
 */
export const slaAdmin = {
  slaAdmin: {
    nav: "Hours & SLAs",
    title: "Business hours and SLAs",
    tabsLabel: "Business hours and SLAs",
    tabs: { hours: "Business hours", policies: "SLA policies", report: "SLA report" },
    loadError: "This could not be loaded: {{message}}",
    unavailable: "Not available on this server yet.",
    saved: "Saved",
    deleted: "Deleted",
    delete: "Delete",
    save: "Save",
    add: "Add",
    cancel: "Cancel",
    edit: "Edit {{name}}",
    hours: {
      empty: "No business hours yet: SLAs count around the clock.",
      name: "Name",
      team: "Team",
      workspaceDefault: "Workspace default",
      timezone: "Time zone",
      periods: "Opening hours",
      periodsHelp: "One line per period, e.g. “Mon 09:00-12:30”. More than one a day is fine.",
      holidays: "Holidays",
      holidaysHelp: "Closed dates, YYYY-MM-DD, separated by commas or lines.",
      followOn: "Then hands over to (follow-the-sun)",
      none: "Nobody",
      badPeriod: "Not understood: “{{line}}”",
      summary: "{{zone}} · {{count}} periods",
    },
    policies: {
      empty: "No SLA policies yet.",
      name: "Name",
      position: "Order",
      priority: "Priority",
      organization: "Organization",
      plan: "Plan",
      any: "Any",
      firstReply: "First reply (min)",
      nextReply: "Next reply (min)",
      resolution: "Resolution (min)",
      calendar: "Counted in",
      calendarTeam: "The team's business hours",
      calendarAlways: "Around the clock",
      targets: "{{first}} / {{next}} / {{resolution}} min",
    },
    report: {
      from: "From",
      to: "To",
      empty: "No cases with an SLA in this period.",
      team: "Team",
      firstReply: "First reply kept",
      nextReply: "Next reply kept",
      resolution: "Resolution kept",
      noTeam: "No team",
    },
  },
};

export function useSlaText() {
  const result = useTranslation();
  addTextOnce(result.i18n, "slaAdmin.title", slaAdmin);
  return result;
}
