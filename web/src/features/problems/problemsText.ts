import { useTranslation } from "react-i18next";
import { problems } from "../../i18n/locales/en/problems.ts";

// Instances that already have the problems' text (one per app start; the server renders none
// of these pages).
const extended = new WeakSet<object>();

/**
 * useTranslation() for the problems' screens. Their text is not in the first load (the inbox's
 * budget is tight): it comes with this module, and is added to the running i18next instance
 * the first time one of them renders, before any of its t() calls. English is the fallback
 * language, so every locale finds it.
 */
export function useProblemsText() {
  const result = useTranslation();
  const { i18n } = result;
  if (!extended.has(i18n)) {
    i18n.addResourceBundle("en", "translation", problems, true, true);
    extended.add(i18n);
  }
  return result;
}
