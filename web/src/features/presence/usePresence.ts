import { useEffect, useRef, useState } from "react";
import { useMe } from "../auth/session.ts";
import { useRealtimeContext } from "../realtime/RealtimeProvider.tsx";
import { useRealtimeEvent } from "../realtime/useRealtime.ts";

export type Presence = { userId: string; name: string; state: "viewing" | "replying" };

/**
 * Collision notice: tells colleagues we are on this case (viewing, or replying while the
 * composer has text) and collects who else is. Our own echoes are ignored by user id.
 */
export function usePresence(caseId: string, replying: boolean): Presence[] {
  const { send, connected } = useRealtimeContext();
  const me = useMe().data;
  const [others, setOthers] = useState<Map<string, Presence>>(new Map());
  const lastState = useRef<string | null>(null);

  useEffect(() => {
    setOthers(new Map());
    return () => {
      send({ type: "presence", caseId, state: "left" });
      lastState.current = null;
    };
  }, [caseId, send]);

  // Re-announce after a reconnect: the server forgets a socket's case when it closes.
  useEffect(() => {
    const state = replying ? "replying" : "viewing";
    const key = `${caseId}:${state}:${connected}`;
    if (lastState.current === key) return;
    lastState.current = key;
    send({ type: "presence", caseId, state });
  }, [caseId, replying, connected, send]);

  const replyingRef = useRef(replying);
  replyingRef.current = replying;

  useRealtimeEvent((event) => {
    if (event.type !== "presence" || event.caseId !== caseId || event.userId === me?.user.id) return;
    // Presence is only sent on change, so greet a newcomer with ours; they do the same once.
    if (event.state !== "left" && !others.has(event.userId))
      send({ type: "presence", caseId, state: replyingRef.current ? "replying" : "viewing" });
    setOthers((previous) => {
      const next = new Map(previous);
      if (event.state === "left") next.delete(event.userId);
      else next.set(event.userId, { userId: event.userId, name: event.name, state: event.state });
      return next;
    });
  });

  return [...others.values()];
}
