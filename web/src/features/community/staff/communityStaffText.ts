import { useTranslation } from "react-i18next";
import { addTextOnce } from "../../../i18n/lazyText.ts";
import { communityStaff } from "../../../i18n/locales/en/communityStaff.ts";

/**
 * useTranslation() for the community's staff screens. Their text is not in the first load (the
 * inbox's budget is nearly full): it comes with this module and is added to the running
 * i18next instance before the first t() call, as problemsText.ts does.
 */
export function useCommunityStaffText() {
  const result = useTranslation();
  addTextOnce(result.i18n, "communityStaff.title", communityStaff);
  return result;
}
