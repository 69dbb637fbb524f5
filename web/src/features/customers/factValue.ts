import type { TFunction } from "i18next";
import { KNOWN_FACT_KEYS } from "../../../../contracts/customers.ts";

type KnownKey = (typeof KNOWN_FACT_KEYS)[number];
const isKnown = (key: string): key is KnownKey => (KNOWN_FACT_KEYS as readonly string[]).includes(key);

/** "Address" for address, "Warranty" for custom.warranty: readable names for fact keys. */
export function factLabel(t: TFunction, key: string): string {
  if (isKnown(key)) return t(`customers.factKeys.${key}`);
  const custom = key.replace(/^custom\./, "").replace(/_/g, " ");
  return custom.charAt(0).toUpperCase() + custom.slice(1);
}

/** Facts may hold any JSON; most are strings, the rest are shown compactly. */
export function factText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(factText).join(", ");
  // Structured facts (a rental: since, device) read as "since: 2026-09-01, device: NetHub".
  if (typeof value === "object")
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${factText(v)}`)
      .join(", ");
  return String(value);
}
