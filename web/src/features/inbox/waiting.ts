import type { TFunction } from "i18next";

/** "waiting 2 h" style text: the unit that keeps the number small, rounded down. */
export function waitingText(t: TFunction, since: string | null, now = Date.now()): string | null {
  if (!since) return null;
  const minutes = Math.max(0, Math.floor((now - new Date(since).getTime()) / 60_000));
  if (minutes < 1) return t("inbox.waiting.justNow");
  if (minutes < 60) return t("inbox.waiting.minutes", { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t("inbox.waiting.hours", { count: hours });
  return t("inbox.waiting.days", { count: Math.floor(hours / 24) });
}

/** "5 min ago" for last activity, through Intl so it follows the locale. */
export function relativeTime(iso: string, locale: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const abs = Math.abs(seconds);
  if (abs < 60) return format.format(seconds, "second");
  if (abs < 3600) return format.format(Math.round(seconds / 60), "minute");
  if (abs < 86_400) return format.format(Math.round(seconds / 3600), "hour");
  return format.format(Math.round(seconds / 86_400), "day");
}
