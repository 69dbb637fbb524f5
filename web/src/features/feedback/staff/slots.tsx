import { lazy, Suspense } from "react";

/**
 * The feedback portal's piece on the case page, loaded on first render: only these lines are
 * in the case page's chunk; the panel and its text come with their own chunk.
 */
const Panel = lazy(async () => ({ default: (await import("./CaseIdeasPanel.tsx")).CaseIdeasPanel }));

export function CaseIdeasSlot(props: { caseId: string; canWork: boolean }) {
  return (
    <Suspense fallback={null}>
      <Panel caseId={props.caseId} canWork={props.canWork} />
    </Suspense>
  );
}
