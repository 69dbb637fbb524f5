import { lazy, Suspense } from "react";

/** The portal's "my agent" picker, loaded on first render with its text. */
const Picker = lazy(async () => ({ default: (await import("./PortalAgentPicker.tsx")).PortalAgentPicker }));

export function PortalAgentSlot() {
  return (
    <Suspense fallback={null}>
      <Picker />
    </Suspense>
  );
}
