import { useTranslation } from "react-i18next";
import { communityStaff } from "../../../i18n/locales/en/communityStaff.ts";

// i18next instances that already have this text (one per app start).
const extended = new WeakSet<object>();

/**
 * useTranslation() for the community's staff screens. Their text is not in the first load (the
 * inbox's budget is nearly full): it comes with this module and is added to the running
 * i18next instance before the first t() call, as problemsText.ts does.
 */
export function useCommunityStaffText() {
  const result = useTranslation();
  const { i18n } = result;
  if (!extended.has(i18n)) {
    i18n.addResourceBundle("en", "translation", communityStaff, true, true);
    extended.add(i18n);
  }
  return result;
}
