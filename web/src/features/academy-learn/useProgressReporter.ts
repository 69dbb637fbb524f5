import { useCallback, useRef } from "react";
import { type ProgressReport, useReportProgress } from "./academyLearnApi.ts";

/**
 * Sends progress as it grows, not on every scroll or tick: a report goes out when the percent
 * has risen by a step (or crossed the 90% that completes), or, for a video, when the position
 * moved by `positionStep` seconds. The server keeps the highest percent anyway.
 */
export function useProgressReporter(lessonId: string, start: { percent: number; positionSeconds: number }) {
  const { mutate } = useReportProgress();
  const sent = useRef({ percent: start.percent, position: start.positionSeconds });
  return useCallback(
    (percent: number, positionSeconds?: number) => {
      const p = Math.min(100, Math.max(0, Math.round(percent)));
      const rose = p >= sent.current.percent + 10 || (p >= 90 && sent.current.percent < 90);
      const moved = positionSeconds !== undefined && Math.abs(positionSeconds - sent.current.position) >= 10;
      if (!rose && !moved) return;
      sent.current = {
        percent: Math.max(p, sent.current.percent),
        position: positionSeconds ?? sent.current.position,
      };
      const body: ProgressReport = { lessonId, percent: p };
      if (positionSeconds !== undefined) body.positionSeconds = Math.floor(positionSeconds);
      mutate(body);
    },
    [lessonId, mutate],
  );
}
