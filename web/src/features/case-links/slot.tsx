import { lazy, Suspense } from "react";

/**
 * Related cases on the case page: only these lines are in the case page's chunk; the panel,
 * its API calls and its text come with a chunk of their own.
 */
const Panel = lazy(async () => ({ default: (await import("./RelatedCasesPanel.tsx")).RelatedCasesPanel }));

export function RelatedCasesSlot(props: { caseId: string; canWork: boolean }) {
  return (
    <Suspense fallback={null}>
      <Panel caseId={props.caseId} canWork={props.canWork} />
    </Suspense>
  );
}
