import { Badge } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { type CaseSla, minutesLeft, type SlaTone, slaTone } from "./caseSla.ts";

// Light teal/gray as the status badges use; the urgent ones filled, with autoContrast choosing
// black or white text so it stays above 4.5:1 for axe.
const COLOURS: Record<SlaTone, string> = {
  ok: "teal",
  warning: "orange.6",
  breached: "red.9",
  paused: "gray",
};

/** "1 h 20 min", "3 d 2 h", "12 min": two units at most, so the column stays narrow. */
function span(t: TFunction, minutes: number): string {
  const m = Math.abs(minutes);
  if (m < 60) return t("inbox.sla.min", { count: m });
  if (m < 48 * 60) return t("inbox.sla.hmin", { h: Math.floor(m / 60), m: m % 60 });
  return t("inbox.sla.dh", { d: Math.floor(m / 1440), h: Math.floor((m % 1440) / 60) });
}

/** An open case's SLA clock in the inbox: time left, coloured by state; the state is also said in words. */
export function SlaBadge(props: { sla: CaseSla | null | undefined; now?: number }) {
  const { t } = useTranslation();
  const now = props.now ?? Date.now();
  const tone = slaTone(props.sla, now);
  if (!tone) return <>—</>;
  const left = minutesLeft(props.sla, now);
  // A breached clock never reads "0 min left": under a minute past its due it is "overdue < 1 min".
  const text =
    tone === "paused"
      ? t("inbox.sla.paused")
      : tone === "breached"
        ? left !== null && left <= 0
          ? t("inbox.sla.overdue", { time: span(t, Math.min(-1, left)) })
          : t("inbox.sla.breached")
        : t("inbox.sla.left", { time: span(t, Math.max(0, left ?? 0)) });
  return (
    <Badge
      color={COLOURS[tone]}
      variant={tone === "ok" || tone === "paused" ? "light" : "filled"}
      autoContrast
      data-sla={tone}
      tt="none"
      style={{ flexShrink: 0, minWidth: "max-content" }}
    >
      {text}
    </Badge>
  );
}
