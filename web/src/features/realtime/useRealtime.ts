import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { realtimeEventSchema } from "../../../../contracts/realtime.ts";

/**
 * Keeps one WebSocket to /api/v1/realtime open while the app frame is mounted, reconnecting
 * with backoff. Token events refresh the tokens list so two admins see the same thing.
 */
export function useRealtime(): boolean {
  const queryClient = useQueryClient();
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    let socket: WebSocket | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempts = 0;
    let stopped = false;

    const connect = () => {
      const scheme = location.protocol === "https:" ? "wss:" : "ws:";
      socket = new WebSocket(`${scheme}//${location.host}/api/v1/realtime`);
      socket.onopen = () => {
        attempts = 0;
      };
      socket.onmessage = (message) => {
        const parsed = realtimeEventSchema.safeParse(JSON.parse(String(message.data)));
        if (!parsed.success) return;
        if (parsed.data.type === "hello") setConnected(true);
        if (parsed.data.type.startsWith("token."))
          void queryClient.invalidateQueries({ queryKey: ["tokens"] });
        if (parsed.data.type === "member.joined")
          void queryClient.invalidateQueries({ queryKey: ["members"] });
      };
      socket.onclose = () => {
        setConnected(false);
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

  return connected;
}
