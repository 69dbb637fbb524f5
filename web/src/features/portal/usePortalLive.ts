import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { realtimeEventSchema } from "../../../../contracts/realtime.ts";
import { problemsKey } from "../problems/problemsKey.ts";
import { portalKeys } from "./portalApi.ts";

/**
 * The portal's own small socket: the shared useRealtime hook serves the agent app's lists,
 * while a customer only needs "something changed on one of my requests" to refetch, so an
 * agent's answer shows up without a reload. Reconnects with backoff.
 */
export function usePortalLive(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    let socket: WebSocket | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempts = 0;
    let stopped = false;

    const connect = () => {
      const scheme = location.protocol === "https:" ? "wss:" : "ws:";
      socket = new WebSocket(`${scheme}//${location.host}/api/v1/realtime`);
      socket.onopen = () => {
        // Anything missed while disconnected is fetched again once.
        if (attempts > 0) void queryClient.invalidateQueries({ queryKey: portalKeys.all });
        attempts = 0;
      };
      socket.onmessage = (message) => {
        let data: unknown;
        try {
          data = JSON.parse(String(message.data));
        } catch {
          return;
        }
        const parsed = realtimeEventSchema.safeParse(data);
        if (!parsed.success) return;
        const event = parsed.data;
        if (event.type === "message.added" || event.type === "case.updated") {
          void queryClient.invalidateQueries({ queryKey: portalKeys.messages(event.caseId) });
          void queryClient.invalidateQueries({ queryKey: portalKeys.request(event.caseId) });
          void queryClient.invalidateQueries({ queryKey: portalKeys.requests });
          // The problems linked to the request (status, workaround) change with the case.
          void queryClient.invalidateQueries({ queryKey: [...problemsKey, "case", event.caseId] });
        }
        if (event.type === "case.created")
          void queryClient.invalidateQueries({ queryKey: portalKeys.requests });
      };
      socket.onclose = () => {
        if (stopped) return;
        attempts += 1;
        retry = setTimeout(connect, Math.min(30_000, 1000 * 2 ** attempts));
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      socket?.close();
    };
  }, [queryClient]);
}
