import type { TFunction } from "i18next";
import type { TimelineEvent } from "../../../../contracts/timeline.ts";

const numbers = (v: unknown) =>
  Array.isArray(v) ? v.map((c) => `#${(c as { number?: unknown }).number ?? "?"}`).join(", ") : "";
const num = (v: unknown) => (typeof v === "number" ? String(v) : "?");

/** The sentence for a merge or split event, or undefined for any other kind. */
export function describeMoveEvent(t: TFunction, e: TimelineEvent): string | undefined {
  const d = e.data;
  switch (e.kind) {
    case "case.merged":
      return t("timelineMoves.merged", { cases: numbers(d.cases) });
    case "case.merged_into":
      return t("timelineMoves.mergedInto", { number: num(d.intoNumber) });
    case "case.merge_undone":
      return t("timelineMoves.mergeUndone", { cases: numbers(d.cases) });
    case "case.split":
      return t("timelineMoves.split", { number: num(d.toNumber), count: num(d.messageCount) });
    case "case.split_from":
      return t("timelineMoves.splitFrom", { number: num(d.fromNumber), count: num(d.messageCount) });
    case "case.split_undone":
      return t("timelineMoves.splitUndone", { number: num(d.number) });
    default:
      return undefined;
  }
}
