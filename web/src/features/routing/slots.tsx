import { lazy, Suspense } from "react";

/**
 * Routing's piece on the customer panel, loaded on first render with its text: only these
 * lines are in the host screen's chunk. (The portal's picker has its own slot file, so no
 * chunk is shared between the two hosts.)
 */
const Customer = lazy(async () => ({
  default: (await import("./CustomerRoutingPanel.tsx")).CustomerRoutingPanel,
}));

export function CustomerRoutingSlot(props: { customerId: string }) {
  return (
    <Suspense fallback={null}>
      <Customer customerId={props.customerId} />
    </Suspense>
  );
}
