import type { TFunction } from "i18next";
import type { TimelineEvent } from "../../../../contracts/timeline.ts";

const str = (v: unknown) => (typeof v === "string" ? v : "");
const short = (v: unknown) => {
  const s = str(v);
  return s.length > 160 ? `${s.slice(0, 157)}…` : s;
};

/** The sentence for an escalation or task event, or undefined for any other kind. */
export function describeEscalationEvent(t: TFunction, e: TimelineEvent): string | undefined {
  const d = e.data;
  switch (e.kind) {
    case "escalation.created":
      return t("escalations.kinds.created", { summary: short(d.summary) });
    case "escalation.claimed":
      return t("escalations.kinds.claimed");
    case "escalation.findings":
      return t("escalations.kinds.findings", { findings: short(d.findings) });
    case "escalation.closed":
      return t("escalations.kinds.closed");
    case "task.created":
      return t("escalations.kinds.taskCreated", { title: str(d.title) });
    case "task.done":
      return t("escalations.kinds.taskDone", { title: str(d.title) });
    default:
      return undefined;
  }
}
