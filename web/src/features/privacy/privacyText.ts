import { useTranslation } from "react-i18next";
import { addTextOnce } from "../../i18n/lazyText.ts";

/**
 * English: erasure on the customer page, Settings → Data retention (issue #23). Not in the
 * first load (the inbox's budget is full): it comes with those lazy chunks.
 */
export const privacyText = {
  privacy: {
    nav: "Data retention",
    card: {
      title: "Personal data",
      erased:
        "This customer was erased on {{date}}. Their personal data is gone; their cases stay as anonymous records.",
      erasing: "Erasure requested on {{date}}: in progress.",
      heldBy: "Legal hold: {{reason}} (placed by {{by}})",
      erase: "Erase customer",
      placeHold: "Place legal hold",
    },
    caseCard: {
      title: "Legal hold",
      none: "No legal hold covers this case. A hold keeps its data from erasure and from retention deletion.",
      onCase: "On this case: {{reason}}",
      onCustomer: "On the customer (covers all their cases): {{reason}}",
      placed: "Placed by {{by}} on {{date}}",
      customerLink: "Open the customer",
      place: "Place legal hold on this case",
    },
    erase: {
      title: "Erase {{name}}?",
      warning:
        "This deletes or anonymises the customer's personal data everywhere: profile, identities, facts, messages, attachments and files, snapshots, calls, chats, community posts and survey comments. It cannot be undone. Cases stay as anonymous records so reports stay true.",
      typeLabel: "Type the customer's name or ERASE to confirm",
      confirm: "Erase permanently",
      cancel: "Cancel",
      refused: "Erasure refused: {{message}}",
    },
    hold: {
      title: "Place a legal hold",
      reason: "Reason",
      reasonHint: "Why the data must be kept (a case number, a dispute, an inspection).",
      place: "Place hold",
      release: "Release",
      failed: "The hold could not be placed: {{message}}",
    },
    page: {
      title: "Data retention",
      intro:
        "Delete old data on a schedule (daily at 02:43, or now). Data under a legal hold is never deleted. Empty a field to keep that data forever.",
      closedCaseDays: "Delete closed cases (with their attachments) after days",
      rawEmailDays: "Delete raw inbound email after days",
      snapshotDays: "Delete diagnostic snapshots after days",
      save: "Save policy",
      saved: "Policy saved",
      runNow: "Run now",
      runs: "Runs",
      noRuns: "The policy has not run yet.",
      started: "Started",
      trigger: "Trigger",
      cases: "Cases",
      files: "Files",
      emails: "Raw emails",
      snapshots: "Snapshots",
      held: "Kept by holds",
      triggers: { schedule: "Schedule", manual: "Manual" },
      holds: "Legal holds",
      noHolds: "No active legal holds.",
      subject: "On",
      reason: "Reason",
      placedBy: "Placed by",
      placedAt: "Placed",
      loadError: "Could not load: {{message}}",
    },
  },
};

export function usePrivacyText() {
  const result = useTranslation();
  addTextOnce(result.i18n, "privacy.nav", privacyText);
  return result;
}
