import { lazy, Suspense } from "react";

/**
 * The privacy pieces other screens host (the customer page's erasure card, the settings nav
 * entry): only these lines are in the host screens' chunks.
 */
const Card = lazy(async () => ({ default: (await import("./ErasureCard.tsx")).ErasureCard }));
const Nav = lazy(async () => ({ default: (await import("./DataRetentionNav.tsx")).DataRetentionNav }));

export function ErasureSlot(props: { customerId: string; name: string }) {
  return (
    <Suspense fallback={null}>
      <Card customerId={props.customerId} name={props.name} />
    </Suspense>
  );
}

export function DataRetentionNavSlot(props: { onNavigate: () => void }) {
  return (
    <Suspense fallback={null}>
      <Nav onNavigate={props.onNavigate} />
    </Suspense>
  );
}
