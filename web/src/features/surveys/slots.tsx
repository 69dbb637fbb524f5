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

const Portal = lazy(async () => ({ default: (await import("./PortalSurveyPanel.tsx")).PortalSurveyPanel }));

/** The portal's survey on a solved request (nothing before it is solved and sent). */
export function PortalSurveySlot(props: { caseId: string; solved: boolean }) {
  if (!props.solved) return null;
  return (
    <Suspense fallback={null}>
      <Portal caseId={props.caseId} />
    </Suspense>
  );
}
