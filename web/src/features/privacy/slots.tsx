import { lazy, Suspense } from "react";
import { useMe } from "../auth/session.ts";

/**
 * The privacy pieces other screens host (the customer page's erasure card, the case page's
 * legal-hold card): only these lines are in the host screen's chunk.
 */
const Card = lazy(async () => ({ default: (await import("./ErasureCard.tsx")).ErasureCard }));

export function ErasureSlot(props: { customerId: string; name: string }) {
  return (
    <Suspense fallback={null}>
      <Card customerId={props.customerId} name={props.name} />
    </Suspense>
  );
}

const CaseHolds = lazy(async () => ({ default: (await import("./CaseHoldCard.tsx")).CaseHoldCard }));

/** The case page's legal-hold card: admins only, so nobody else downloads its chunk. */
export function CaseHoldSlot(props: { caseId: string }) {
  const admin = useMe().data?.permissions.includes("workspace.manage") ?? false;
  if (!admin) return null;
  return (
    <Suspense fallback={null}>
      <CaseHolds caseId={props.caseId} />
    </Suspense>
  );
}
