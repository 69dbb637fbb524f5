import type { TFunction } from "i18next";
import { KNOWN_FACT_KEYS } from "../../../../contracts/customers.ts";

type KnownKey = (typeof KNOWN_FACT_KEYS)[number];
const isKnown = (key: string): key is KnownKey => (KNOWN_FACT_KEYS as readonly string[]).includes(key);

/** "Address" for address, "Warranty" for custom.warranty: readable names for fact keys. */
export function factLabel(t: TFunction, key: string): string {
  if (isKnown(key)) return t(`customers.factKeys.${key}`);
  return humanise(key);
}

// custom.delivery_window → "Delivery window"; also used for the fields of structured facts.
export function humanise(key: string): string {
  const words = key.replace(/^custom\./, "").replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "Japanese" for ja, "English (UK)" for en-GB; the code itself when the runtime does not know it. */
function languageName(code: string, locale: string): string {
  try {
    const names = new Intl.DisplayNames([locale], {
      type: "language",
      languageDisplay: "standard",
      style: "short",
    });
    return names.of(code) ?? code;
  } catch {
    return code; // not a well-formed language tag: show what was recorded
  }
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** "2026-09-01" → "Sep 1, 2026" in the reader's language; other strings as they are. */
function readableString(value: string, locale: string): string {
  if (!isoDate.test(value)) return value;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(date);
}

/**
 * A fact's value as people read it. Facts may hold any JSON: a language code reads as the
 * language's name, a date as a date, and a structured fact (a rental: since, device) as
 * "Device: NetHub AX3000 · Since: Sep 1, 2026" rather than its raw keys.
 */
export function factText(value: unknown, key?: string, locale = "en"): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string")
    return key === "language" ? languageName(value, locale) : readableString(value, locale);
  if (Array.isArray(value)) return value.map((v) => factText(v, key, locale)).join(", ");
  if (typeof value === "object")
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${humanise(k)}: ${factText(v, k, locale)}`)
      .join(" · ");
  return String(value);
}
