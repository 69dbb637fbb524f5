import { useTranslation } from "react-i18next";
import { addTextOnce } from "../../i18n/lazyText.ts";

/**
 * English: the GDPR export on the customer page and in the portal (issue #23). Not in the
 * first load (the inbox's budget is full): it comes with the lazy export panel.
 */
export const exportText = {
  dataExport: {
    staffTitle: "Data export (GDPR)",
    staffIntro:
      "A zip of everything the workspace holds about this customer: profile, cases, messages and their files, snapshots, community, feedback, surveys and academy. The link expires after 7 days.",
    portalTitle: "Download my data",
    portalIntro:
      "Get a copy of everything we hold about you as a zip file. We email you a link when it is ready; it works for 7 days.",
    start: "Export data",
    startPortal: "Request my data",
    listLabel: "Exports",
    none: "No export yet.",
    requested: "Requested {{when}}",
    expires: "Link expires {{when}}",
    download: "Download zip",
    downloadLabel: "Download the export of {{when}} ({{size}})",
    status: {
      queued: "Waiting",
      running: "Preparing",
      ready: "Ready",
      failed: "Failed",
      expired: "Expired",
    },
    error: "The export could not be started: {{message}}",
  },
};

export function useExportText() {
  const result = useTranslation();
  addTextOnce(result.i18n, "dataExport.start", exportText);
  return result;
}
