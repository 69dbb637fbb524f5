import { useContext, useEffect, useRef } from "react";
import type { RealtimeEvent } from "../../../../contracts/realtime.ts";
import { useRealtimeConnection } from "./connection.ts";
import { RealtimeContext } from "./RealtimeProvider.tsx";

/**
 * Whether real-time updates are connected. Inside <RealtimeProvider> it reads the shared
 * socket; elsewhere (e.g. the portal) it keeps its own, as it always did.
 */
export function useRealtime(): boolean {
  const shared = useContext(RealtimeContext);
  const own = useRealtimeConnection(shared === null);
  return (shared ?? own).connected;
}

/** Calls handler for every event on the shared socket; the latest handler is used without resubscribing. */
export function useRealtimeEvent(handler: (event: RealtimeEvent) => void) {
  const shared = useContext(RealtimeContext);
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => shared?.subscribe((event) => latest.current(event)), [shared]);
}
