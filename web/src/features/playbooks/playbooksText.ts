import { useTranslation } from "react-i18next";
import { addTextOnce } from "../../i18n/lazyText.ts";
import { playbooksEditor } from "../../i18n/locales/en/playbooksEditor.ts";

/**
 * useTranslation() for the playbook editor and list. Their text is not in the first load (the
 * inbox's budget is tight): it comes with this module and is merged into the running i18next
 * instance (deep, so `playbooks.nav` from the first load stays) before any of its t() calls.
 */
export function usePlaybooksText() {
  const result = useTranslation();
  addTextOnce(result.i18n, "playbooks.title", playbooksEditor);
  return result;
}
