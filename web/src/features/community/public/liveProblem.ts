import { useEffect, useState } from "react";
import type { CommunityProblemStatus } from "../../../../../contracts/community-pages.ts";

/** The fallback: how often an open topic page asks the Core API again (and on returning to the tab). */
const SLOW_POLL_MS = 5 * 60_000;

/**
 * The linked problem's public title and status, kept current while the page is open: the server
 * renders it, and after hydration the page listens to GET /api/v1/community/topics/{id}/live
 * (server-sent events, pushed when the problem changes), so "An engineer is on this" follows
 * the problem without a reload. A slow poll of the Core API stays as the fallback for when the
 * stream cannot be held (a proxy that drops it, the per-address limit, a link made after the
 * page was opened). Only topics tied to a problem listen; a failure keeps what is shown.
 */
export function useLiveProblem(topicId: string, initial: CommunityProblemStatus | null) {
  const [problem, setProblem] = useState(initial);
  const linked = initial !== null;
  useEffect(() => {
    if (!linked) return;
    let stopped = false;
    let source: EventSource | undefined;
    if (typeof EventSource !== "undefined") {
      source = new EventSource(`/api/v1/community/topics/${topicId}/live`);
      source.addEventListener("status", (e) => {
        try {
          const data = JSON.parse((e as MessageEvent<string>).data) as {
            problem?: CommunityProblemStatus | null;
          };
          if (!stopped && data.problem !== undefined) setProblem(data.problem);
        } catch {
          // A malformed event changes nothing.
        }
      });
    }
    const refresh = async () => {
      if (document.visibilityState !== "visible") return;
      try {
        const res = await fetch(`/api/v1/community/topics/${topicId}`, { credentials: "same-origin" });
        if (!res.ok || stopped) return;
        const body = (await res.json()) as { topic?: { problem?: CommunityProblemStatus | null } };
        if (!stopped && body.topic && body.topic.problem !== undefined) setProblem(body.topic.problem);
      } catch {
        // Offline or restarting: keep what the page shows.
      }
    };
    const timer = window.setInterval(refresh, SLOW_POLL_MS);
    document.addEventListener("visibilitychange", refresh);
    return () => {
      stopped = true;
      source?.close();
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", refresh);
    };
  }, [topicId, linked]);
  return problem;
}
