import { lazy, Suspense } from "react";

/**
 * The actions' pieces in always-loaded places (the case page, the app's nav): only these lines
 * are in those chunks; the panel, the nav entries and their text come with chunks of their own.
 */
const Panel = lazy(async () => ({ default: (await import("./CaseActionsPanel.tsx")).CaseActionsPanel }));
const Nav = lazy(async () => ({ default: (await import("./ActionsNav.tsx")).ActionsNav }));

export function CaseActionsSlot(props: { caseId: string; permissions: readonly string[] }) {
  if (!props.permissions.includes("actions.run")) return null;
  return (
    <Suspense fallback={null}>
      <Panel caseId={props.caseId} />
    </Suspense>
  );
}

/** "Approvals" (deciders, with a count) or "Actions" (admins, under Settings). */
export function ActionsNavSlot(props: {
  where: "approvals" | "settings";
  permissions: readonly string[];
  onNavigate: () => void;
}) {
  const allowed = props.where === "approvals" ? "approvals.decide" : "actions.manage";
  if (!props.permissions.includes(allowed)) return null;
  return (
    <Suspense fallback={null}>
      <Nav where={props.where} onNavigate={props.onNavigate} />
    </Suspense>
  );
}
