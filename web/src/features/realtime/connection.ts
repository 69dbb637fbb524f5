import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { type RealtimeEvent, realtimeEventSchema } from "../../../../contracts/realtime.ts";

export type Listener = (event: RealtimeEvent) => void;
export type Outgoing = { type: "presence"; caseId: string; state: "viewing" | "replying" | "left" };
export type RealtimeConnection = {
  connected: boolean;
  subscribe: (listener: Listener) => () => void;
  send: (message: Outgoing) => void;
};

/**
 * One WebSocket to /api/v1/realtime, reconnecting with backoff. Listeners subscribe instead of
 * opening their own sockets, so a page with an inbox, a case and a screen pop uses one.
 * Token and member events refresh those lists here, so two admins see the same thing.
 */
export function useRealtimeConnection(enabled = true): RealtimeConnection {
  const queryClient = useQueryClient();
  const [connected, setConnected] = useState(false);
  const listeners = useRef(new Set<Listener>());
  const socketRef = useRef<WebSocket | null>(null);
  // Messages sent while reconnecting are replayed on open, so presence is not lost in a blip.
  const pending = useRef<Outgoing[]>([]);

  useEffect(() => {
    if (!enabled) return;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempts = 0;
    let stopped = false;

    const connect = () => {
      const scheme = location.protocol === "https:" ? "wss:" : "ws:";
      const socket = new WebSocket(`${scheme}//${location.host}/api/v1/realtime`);
      socketRef.current = socket;
      socket.onopen = () => {
        attempts = 0;
        for (const message of pending.current.splice(0)) socket.send(JSON.stringify(message));
      };
      socket.onmessage = (message) => {
        let raw: unknown;
        try {
          raw = JSON.parse(String(message.data));
        } catch {
          return;
        }
        const parsed = realtimeEventSchema.safeParse(raw);
        if (!parsed.success) return;
        const event = parsed.data;
        if (event.type === "hello") setConnected(true);
        if (event.type.startsWith("token.")) void queryClient.invalidateQueries({ queryKey: ["tokens"] });
        if (event.type === "member.joined") void queryClient.invalidateQueries({ queryKey: ["members"] });
        for (const listener of listeners.current) listener(event);
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
      socketRef.current?.close();
      socketRef.current = null;
    };
  }, [queryClient, enabled]);

  const api = useRef<Omit<RealtimeConnection, "connected">>({
    subscribe: (listener) => {
      listeners.current.add(listener);
      return () => {
        listeners.current.delete(listener);
      };
    },
    send: (message) => {
      const socket = socketRef.current;
      if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
      else pending.current = [...pending.current.slice(-9), message];
    },
  });
  return { connected, ...api.current };
}
