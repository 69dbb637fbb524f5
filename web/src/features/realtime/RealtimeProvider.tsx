import { createContext, type ReactNode, useContext, useMemo } from "react";
import { type RealtimeConnection, useRealtimeConnection } from "./connection.ts";

export const RealtimeContext = createContext<RealtimeConnection | null>(null);

/** Shares the app's one realtime connection with every feature below it. */
export function RealtimeProvider(props: { children: ReactNode }) {
  const connection = useRealtimeConnection();
  const { connected, subscribe, send } = connection;
  const value = useMemo(() => ({ connected, subscribe, send }), [connected, subscribe, send]);
  return <RealtimeContext.Provider value={value}>{props.children}</RealtimeContext.Provider>;
}

/** The shared connection; features only render inside the app frame, which provides it. */
export function useRealtimeContext(): RealtimeConnection {
  const value = useContext(RealtimeContext);
  if (!value) throw new Error("useRealtimeContext needs <RealtimeProvider>");
  return value;
}
