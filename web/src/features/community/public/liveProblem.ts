import { useEffect, useState } from "react";
import type { CommunityProblemStatus } from "../../../../../contracts/community-pages.ts";

/** How often an open topic page asks again (and on returning to the tab). */
const REFRESH_MS = 30_000;

/**
 * The linked problem's public title and status, kept current while the page is open: the server
 * renders it, and after hydration the page asks the Core API again every 30 s and whenever the
 * tab is shown again, so "An engineer is on this" changes when the problem does, without a
 * reload. Only topics tied to a problem ask; a failed request keeps what is shown.
 */
export function useLiveProblem(topicId: string, initial: CommunityProblemStatus | null) {
  const [problem, setProblem] = useState(initial);
  const linked = initial !== null;
  useEffect(() => {
    if (!linked) return;
    let stopped = false;
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
    const timer = window.setInterval(refresh, REFRESH_MS);
    document.addEventListener("visibilitychange", refresh);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", refresh);
    };
  }, [topicId, linked]);
  return problem;
}
