import { lazy, Suspense } from "react";

/**
 * The privacy pieces other screens host (the customer page's erasure card): only these lines
 * are in the host screen's chunk.
 */
const Card = lazy(async () => ({ default: (await import("./ErasureCard.tsx")).ErasureCard }));

export function ErasureSlot(props: { customerId: string; name: string }) {
  return (
    <Suspense fallback={null}>
      <Card customerId={props.customerId} name={props.name} />
    </Suspense>
  );
}
