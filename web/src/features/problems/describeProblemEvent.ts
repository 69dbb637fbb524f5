import type { TFunction } from "i18next";
import type { TimelineEvent } from "../../../../contracts/timeline.ts";

const num = (v: unknown) => (typeof v === "number" ? String(v) : "?");
const str = (v: unknown) => (typeof v === "string" ? v : "");

/**
 * The sentence for a problem event on a case's timeline, or undefined for any other kind. The
 * caller's t must come from useProblemsText (these words load with the problems' text).
 */
export function describeProblemEvent(t: TFunction, e: TimelineEvent): string | undefined {
  const d = e.data;
  const status = (s: unknown) => t(`problemStatus.${str(s)}` as "problemStatus.fixed", str(s));
  switch (e.kind) {
    case "problem.linked":
      return t("problems.caseEvents.linked", { number: num(d.number), title: str(d.title) });
    case "problem.unlinked":
      return t("problems.caseEvents.unlinked", { number: num(d.number) });
    case "problem.waiting":
      return d.waiting
        ? t("problems.caseEvents.waiting", { number: num(d.number) })
        : t("problems.caseEvents.notWaiting", { number: num(d.number) });
    case "problem.workaround_published":
      return t("problems.caseEvents.workaround", { number: num(d.number) });
    case "problem.status_changed":
      return t("problems.caseEvents.status", {
        number: num(d.number),
        from: status(d.from),
        to: status(d.to),
      });
    case "problem.update_sent":
      return t("problems.caseEvents.updateSent", { number: num(d.number) });
    default:
      return undefined;
  }
}
