import { lazy, Suspense } from "react";

/**
 * The actions' panel on the case page: only these lines are in the case page's chunk; the
 * panel and its text come with a chunk of their own.
 */
const Panel = lazy(async () => ({ default: (await import("./CaseActionsPanel.tsx")).CaseActionsPanel }));

export function CaseActionsSlot(props: { caseId: string; permissions: readonly string[] }) {
  if (!props.permissions.includes("actions.run")) return null;
  return (
    <Suspense fallback={null}>
      <Panel caseId={props.caseId} />
    </Suspense>
  );
}
