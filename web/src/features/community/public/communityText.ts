import { useTranslation } from "react-i18next";
import { communityPublic } from "../../../i18n/locales/en/communityPublic.ts";

// Instances that already have the community's text (one per request on the server, one per
// app start in the browser).
const extended = new WeakSet<object>();

/**
 * useTranslation() for the community's public pages. As with helpText.ts, the text is not in
 * the first load: it comes with this chunk and is added to the running i18next instance before
 * the first t() call.
 */
export function useCommunityText() {
  const result = useTranslation();
  const { i18n } = result;
  if (!extended.has(i18n)) {
    i18n.addResourceBundle("en", "translation", communityPublic, true, true);
    extended.add(i18n);
  }
  return result;
}
