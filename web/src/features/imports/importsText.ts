import { useTranslation } from "react-i18next";
import { addTextOnce } from "../../i18n/lazyText.ts";

/**
 * English: Settings → Import (issue #24). Not in the first load (the inbox's budget is full):
 * it comes with the page's and the nav entry's chunks.
 */
export const importsText = {
  imports: {
    nav: "Import",
    title: "Import from Zendesk",
    intro:
      "Bring a Zendesk account's customers, staff, teams, cases with every comment, ratings, macros and help center into Rapport. Imported cases stay silent: no acknowledgements, surveys, webhooks or SLA timers. Run it again later to bring over only what changed.",
    form: {
      title: "Start an import",
      where: "Zendesk account",
      bySubdomain: "Subdomain",
      byUrl: "Other URL",
      subdomain: "Subdomain",
      subdomainHint: "acme for acme.zendesk.com",
      url: "Base URL",
      urlHint: "Any Zendesk-compatible server, such as a test copy",
      email: "Admin email",
      token: "API token",
      tokenHint:
        "Admin Center → Apps and integrations → Zendesk API. Used only while the import runs, then forgotten.",
      since: "Only changes since (optional)",
      sinceHint: "YYYY-MM-DD. Leave empty to import everything.",
      dryRun: "Dry run: count what would be imported and list what will not map, without writing anything",
      start: "Start import",
      startDry: "Start dry run",
    },
    run: {
      title: "Import of {{source}}",
      dryTitle: "Dry run of {{source}}",
      status: {
        queued: "Waiting to start",
        running: "Running",
        done: "Done",
        failed: "Failed",
        cancelled: "Cancelled",
      },
      progressLabel: "Import progress",
      reading: "Reading {{resource}}",
      resourcesDone: "{{done}} of {{total}} kinds of records read",
      rate_one: "{{count}} record per second",
      rate_other: "{{count}} records per second",
      created: "Created",
      updated: "Updated",
      skipped: "Skipped",
      failed: "Failed",
      resource: "Records",
      state: "State",
      states: { pending: "Not yet", reading: "Reading", read: "Read" },
      error: "Stopped: {{message}}",
      cancel: "Cancel import",
      cancelled: "Import cancelled. Resume it to continue where it stopped.",
      resume: "Resume",
      resumeTitle: "Resume from where it stopped",
      resumeHint: "The credentials are forgotten when an import ends: enter them again.",
      resumed: "Import resumed",
      started: "Import started",
      finished: "Finished {{date}}",
      summary: "{{created}} created, {{updated}} updated, {{skipped}} skipped, {{failed}} failed",
    },
    sync: {
      title: "Keep in sync",
      hint: "For the cut-over: Rapport brings over what changed in Zendesk every few minutes, until you turn it off.",
      on_one: "Syncing every minute.",
      on_other: "Syncing every {{count}} minutes.",
      last: "Last sync: {{date}} ({{status}})",
      never: "No sync has run yet.",
      next: "Next sync: {{date}}",
      every: "Keep syncing every (minutes)",
      everyHint: "5 to 1440",
      tokenHint: "Kept sealed while the sync is on, deleted when you stop it.",
      start: "Keep syncing",
      change: "Change sync",
      saved: "Sync saved",
      stop: "Stop syncing",
      stopped: "Sync stopped",
    },
    report: {
      title: "What will not map",
      none: "Everything would map.",
      reason: "Reason",
      count: "Records",
      examples: "Examples",
    },
    skips: {
      title: "Skipped and failed records",
      none: "No record was skipped.",
      externalId: "Zendesk id",
      outcome: "Outcome",
      reason: "Reason",
      more: "Show more",
      outcomes: { skipped: "Skipped", failed: "Failed" },
    },
    history: {
      title: "History",
      none: "No import yet.",
      when: "Started",
      account: "Account",
      kind: "Kind",
      full: "Import",
      dry: "Dry run",
      status: "Status",
      records: "Records",
      open: "Show",
      openLabel: "Show the import of {{source}} started {{date}}",
    },
    resources: {
      ticket_fields: "Ticket fields",
      user_fields: "User fields",
      organization_fields: "Organization fields",
      groups: "Groups (teams)",
      organizations: "Organizations",
      users: "Users (customers and staff)",
      tickets: "Tickets (cases)",
      ticket_events: "Comments",
      satisfaction_ratings: "Satisfaction ratings",
      macros: "Macros (snippets)",
      hc_categories: "Help center categories",
      hc_sections: "Help center sections",
      hc_articles: "Help center articles",
    },
  },
};

export function useImportsText() {
  const result = useTranslation();
  addTextOnce(result.i18n, "imports.nav", importsText);
  return result;
}
