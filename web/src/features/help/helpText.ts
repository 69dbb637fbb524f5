import { useTranslation } from "react-i18next";
import { addTextOnce } from "../../i18n/lazyText.ts";
import { help } from "../../i18n/locales/en/help.ts";

/**
 * useTranslation() for the help center: its public pages and its staff and portal screens. Like
 * problemsText.ts, the text is not in the first load: it comes with this module and is added to
 * the running i18next instance (one per request on the server, one per app start in the
 * browser) before the first t() call.
 */
export function useHelpText() {
  const result = useTranslation();
  addTextOnce(result.i18n, "helpCenter.title", help);
  return result;
}
