import { lazy, Suspense } from "react";

/**
 * Routing's pieces on other screens, each loaded on first render with its text: only these
 * lines are in the host screens' chunks.
 */
const Customer = lazy(async () => ({
  default: (await import("./CustomerRoutingPanel.tsx")).CustomerRoutingPanel,
}));
const Picker = lazy(async () => ({ default: (await import("./PortalAgentPicker.tsx")).PortalAgentPicker }));

export function CustomerRoutingSlot(props: { customerId: string }) {
  return (
    <Suspense fallback={null}>
      <Customer customerId={props.customerId} />
    </Suspense>
  );
}

export function PortalAgentSlot() {
  return (
    <Suspense fallback={null}>
      <Picker />
    </Suspense>
  );
}
