import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./locales/en.ts";

const resources = { en: { translation: en } } as const;
export const SUPPORTED_LOCALES = Object.keys(resources);

/** Maps "en-GB", "EN" or an unknown tag to a language we have text for, falling back to English. */
export function resolveLanguage(locale: string | undefined): string {
  const base = (locale ?? "").toLowerCase().split(/[-_]/)[0] ?? "";
  return SUPPORTED_LOCALES.includes(base) ? base : "en";
}

/**
 * A fresh instance per call: the server renders each request with its own instance so one
 * request's language never leaks into another; the client creates one at start-up.
 * Init is synchronous (resources are bundled) so the first render already has text.
 */
export function createI18n(locale: string | undefined): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: resolveLanguage(locale),
    fallbackLng: "en",
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
  return instance;
}
