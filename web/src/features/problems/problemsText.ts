import { useTranslation } from "react-i18next";
import { addTextOnce } from "../../i18n/lazyText.ts";
import { problems } from "../../i18n/locales/en/problems.ts";

/**
 * useTranslation() for the problems' screens. Their text is not in the first load (the inbox's
 * budget is tight): it comes with this module, and is added to the running i18next instance
 * the first time one of them renders, before any of its t() calls. English is the fallback
 * language, so every locale finds it.
 */
export function useProblemsText() {
  const result = useTranslation();
  addTextOnce(result.i18n, "problems.title", problems);
  return result;
}
