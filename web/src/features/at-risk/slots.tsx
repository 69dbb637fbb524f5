import { lazy, Suspense } from "react";

/**
 * The at-risk pieces other screens host (nav entry, customer panel flag, case page badge),
 * loaded on first render with their text: only these lines are in the host screens' chunks
 * (the inbox's first load has no room).
 */
const Nav = lazy(async () => ({ default: (await import("./AtRiskNav.tsx")).AtRiskNav }));
const Flag = lazy(async () => ({ default: (await import("./CustomerRiskFlag.tsx")).CustomerRiskFlag }));
const Repeat = lazy(async () => ({ default: (await import("./RepeatBadge.tsx")).RepeatBadge }));

export function AtRiskNavSlot(props: { onNavigate: () => void }) {
  return (
    <Suspense fallback={null}>
      <Nav onNavigate={props.onNavigate} />
    </Suspense>
  );
}

export function CustomerRiskSlot(props: { customerId: string }) {
  return (
    <Suspense fallback={null}>
      <Flag customerId={props.customerId} />
    </Suspense>
  );
}

export function RepeatBadgeSlot(props: { caseId: string }) {
  return (
    <Suspense fallback={null}>
      <Repeat caseId={props.caseId} />
    </Suspense>
  );
}
