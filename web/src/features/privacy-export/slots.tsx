import { lazy, Suspense } from "react";
import { useMe } from "../auth/session.ts";

/**
 * The GDPR export panel as the customer page and the portal host it: only these lines are in
 * the host screens' chunks; the panel and its text load when shown.
 */
const Panel = lazy(async () => ({ default: (await import("./ExportPanel.tsx")).ExportPanel }));

/** On the customer page, for admins (the export reads everything about the person). */
export function CustomerExportSlot(props: { customerId: string }) {
  const me = useMe().data;
  if (!me?.permissions.includes("workspace.manage")) return null;
  return (
    <Suspense fallback={null}>
      <Panel target={{ kind: "staff", customerId: props.customerId }} />
    </Suspense>
  );
}

/** "Download my data" in the portal. */
export function PortalExportSlot() {
  return (
    <Suspense fallback={null}>
      <Panel target={{ kind: "portal" }} />
    </Suspense>
  );
}
