import { useTranslation } from "react-i18next";
import { addTextOnce } from "../../i18n/lazyText.ts";

/** English: Settings → Audit log (issue #23). Not in the first load: it comes with its chunks. */
export const auditText = {
  audit: {
    nav: "Audit log",
    title: "Audit log",
    intro:
      "Who did what in this workspace: sign-ins, role changes, tokens, exports, deletions and settings. Each record is chained to the one before it, so a changed or deleted record is detected.",
    action: "Action",
    actionHint: "Exact, or a family ending in a dot (auth.)",
    actor: "Actor (user id)",
    subject: "Subject id",
    search: "Text",
    from: "From",
    to: "To",
    apply: "Apply filters",
    exportCsv: "Download CSV",
    exportJsonl: "Download JSON Lines",
    verify: "Verify chain",
    verifyOk: "The chain is intact: {{count}} records checked.",
    verifyBroken: "The chain is broken at record #{{seq}} ({{reason}}): {{detail}}",
    loadError: "The audit log could not be loaded: {{message}}",
    empty: "No records match these filters.",
    more: "Load more",
    when: "When",
    who: "Who",
    what: "Action",
    on: "Subject",
    nobody: "Nobody (not signed in)",
    detail: "Record #{{seq}}",
    hash: "Hash",
    prevHash: "Previous hash",
    requestId: "Request id",
    close: "Close",
    stream: {
      title: "Streaming to a SIEM",
      intro:
        "Every minute, new records are sent in chain order as JSON Lines to your log collector, signed like webhooks. Each line carries its hashes, so your copy can check the chain too.",
      url: "Endpoint URL",
      enabled: "Sending",
      includeHistory: "Also send the records written before today",
      save: "Save stream",
      sendNow: "Send now",
      remove: "Stop streaming",
      newSecret: "New signing secret",
      secretOnce: "Signing secret (shown once; check X-Rapport-Signature with it):",
      status: "Delivered up to record #{{delivered}} of #{{head}}.",
      lastError: "The last attempt failed: {{error}}. The same records are sent again at the next minute.",
      paused: "Paused: nothing is sent until Sending is on again.",
    },
  },
};

export function useAuditText() {
  const result = useTranslation();
  addTextOnce(result.i18n, "audit.nav", auditText);
  return result;
}
