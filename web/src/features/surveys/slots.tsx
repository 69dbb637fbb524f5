import { lazy, Suspense } from "react";

/**
 * Survey results on the case page and the customer panel: only these lines are in the host
 * screens' chunks; the panel and its text come with a chunk of their own.
 */
const Panel = lazy(async () => ({ default: (await import("./SurveyResultsPanel.tsx")).SurveyResultsPanel }));

export function CaseSurveySlot(props: { caseId: string }) {
  return (
    <Suspense fallback={null}>
      <Panel caseId={props.caseId} />
    </Suspense>
  );
}

export function CustomerSurveySlot(props: { customerId: string }) {
  return (
    <Suspense fallback={null}>
      <Panel customerId={props.customerId} />
    </Suspense>
  );
}
