import { lazy, Suspense, useState } from "react";
import { useRealtimeEvent } from "../realtime/useRealtime.ts";

export type Call = {
  callId: string;
  customerId: string;
  customerName: string;
  from: string;
  newCustomer: boolean;
};

// The window and the customer record it shows (facts, devices, timeline, new-case form) are
// loaded with the first call, not with every page: they were a good part of the app's first load.
const ScreenPopModal = lazy(async () => ({ default: (await import("./ScreenPopModal.tsx")).ScreenPopModal }));

/**
 * Screen pop: when the phone system reports a call, the caller's record is on screen before
 * the agent says hello: facts, devices and open cases, one click from the right place.
 */
export function ScreenPop() {
  const [call, setCall] = useState<Call | null>(null);
  useRealtimeEvent((event) => {
    if (event.type !== "call.started") return;
    setCall(event);
  });
  if (!call) return null;
  // Keyed by call: a new call starts with a fresh window (not in the middle of a new-case form).
  return (
    <Suspense fallback={null}>
      <ScreenPopModal key={call.callId} call={call} close={() => setCall(null)} />
    </Suspense>
  );
}
