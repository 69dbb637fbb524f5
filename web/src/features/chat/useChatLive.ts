import { useQueryClient } from "@tanstack/react-query";
import { type RefObject, useEffect, useRef, useState } from "react";
import type { CaseChat } from "../../../../contracts/widget.ts";
import { useRealtimeEvent } from "../realtime/useRealtime.ts";
import { caseChatKey, markRead, sendTyping } from "./chatApi.ts";

/** A visitor's typing indicator fades if its "stopped" never comes (a closed tab). */
const TYPING_FADES_MS = 6000;
/** While the agent types, the visitor hears "typing" at most this often. */
const TYPING_EVERY_MS = 3000;

/**
 * Keeps the chat beside a case live: the visitor's page, read mark and status from the realtime
 * socket (patched into the cached chat, so nothing is fetched again), and whether the visitor
 * is typing. Returns whether they are.
 */
export function useVisitorLive(caseId: string): boolean {
  const queryClient = useQueryClient();
  const [typing, setTyping] = useState(false);
  const fade = useRef<ReturnType<typeof setTimeout>>(undefined);
  const patch = (change: Partial<CaseChat>) =>
    queryClient.setQueryData<CaseChat>(caseChatKey(caseId), (old) => (old ? { ...old, ...change } : old));

  useRealtimeEvent((event) => {
    if (!("caseId" in event) || event.caseId !== caseId) return;
    if (event.type === "chat.typing") {
      setTyping(event.typing);
      clearTimeout(fade.current);
      if (event.typing) fade.current = setTimeout(() => setTyping(false), TYPING_FADES_MS);
    } else if (event.type === "chat.read") patch({ visitorReadAt: event.at });
    else if (event.type === "chat.page") patch({ currentPage: { url: event.url, title: event.title } });
    else if (event.type === "chat.attributes") patch({ attributes: event.attributes });
    else if (event.type === "chat.status") {
      patch({ status: event.status, visitorOnline: event.visitorOnline });
      void queryClient.invalidateQueries({ queryKey: caseChatKey(caseId) });
    } else if (event.type === "message.added" && event.kind === "customer") {
      setTyping(false);
      // The agent is looking at this chat: what just arrived is read.
      if (document.visibilityState === "visible") void markRead(caseId).catch(() => undefined);
    }
  });
  useEffect(() => () => clearTimeout(fade.current), []);
  return typing;
}

/** After this long without a keystroke, the agent has stopped typing. */
const STOPPED_AFTER_MS = 4000;

/**
 * Tells the visitor the agent is typing, from keystrokes in the case's composer: "typing" at
 * once and then at most every few seconds while keys keep coming, "stopped" after a pause,
 * and "stopped" when the agent leaves the case. A draft left in the box is not typing.
 */
export function useAgentTyping(caseId: string, composer: RefObject<HTMLTextAreaElement | null>) {
  useEffect(() => {
    const box = composer.current;
    if (!box) return;
    let last = 0;
    let stop: ReturnType<typeof setTimeout> | undefined;
    const tell = (typing: boolean) => void sendTyping(caseId, typing).catch(() => undefined);
    const onInput = () => {
      const now = Date.now();
      if (now - last > TYPING_EVERY_MS) {
        last = now;
        tell(true);
      }
      clearTimeout(stop);
      stop = setTimeout(() => {
        last = 0;
        tell(false);
      }, STOPPED_AFTER_MS);
    };
    box.addEventListener("input", onInput);
    return () => {
      box.removeEventListener("input", onInput);
      if (last !== 0) tell(false);
      clearTimeout(stop);
    };
  }, [caseId, composer]);
}

/** Marks the visitor's messages read when the agent opens the chat or comes back to the tab. */
export function useMarkReadWhileViewing(caseId: string, ready: boolean) {
  useEffect(() => {
    if (!ready) return;
    const read = () => {
      if (document.visibilityState === "visible") void markRead(caseId).catch(() => undefined);
    };
    read();
    document.addEventListener("visibilitychange", read);
    return () => document.removeEventListener("visibilitychange", read);
  }, [caseId, ready]);
}
