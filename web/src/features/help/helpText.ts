import { useTranslation } from "react-i18next";
import { help } from "../../i18n/locales/en/help.ts";

// Instances that already have the help center's text (one per request on the server, one per
// app start in the browser).
const extended = new WeakSet<object>();

/**
 * useTranslation() for the help center: its public pages and its staff and portal screens. Like
 * problemsText.ts, the text is not in the first load: it comes with this module and is added to
 * the running i18next instance before the first t() call.
 */
export function useHelpText() {
  const result = useTranslation();
  const { i18n } = result;
  if (!extended.has(i18n)) {
    i18n.addResourceBundle("en", "translation", help, true, true);
    extended.add(i18n);
  }
  return result;
}
