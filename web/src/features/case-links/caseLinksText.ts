import { useTranslation } from "react-i18next";
import { addTextOnce } from "../../i18n/lazyText.ts";

/** English: the case page's Related cases panel (issue #19). Lazy, with its chunk. */
export const caseLinksText = {
  caseLinks: {
    title: "Related cases",
    none: "No related cases.",
    numberLabel: "Case number",
    numberHint: "Link another case by its number",
    link: "Link",
    unlink: "Unlink #{{number}}",
    ref: "#{{number}} {{subject}}",
  },
};

export function useCaseLinksText() {
  const result = useTranslation();
  addTextOnce(result.i18n, "caseLinks.title", caseLinksText);
  return result;
}
