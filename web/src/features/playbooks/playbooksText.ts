import { useTranslation } from "react-i18next";
import { playbooksEditor } from "../../i18n/locales/en/playbooksEditor.ts";

const extended = new WeakSet<object>();

/**
 * useTranslation() for the playbook editor and list. Their text is not in the first load (the
 * inbox's budget is tight): it comes with this module and is merged into the running i18next
 * instance (deep, so `playbooks.nav` from the first load stays) before any of its t() calls.
 */
export function usePlaybooksText() {
  const result = useTranslation();
  const { i18n } = result;
  if (!extended.has(i18n) && !i18n.exists("playbooks.title")) {
    i18n.addResourceBundle("en", "translation", playbooksEditor, true, true);
  }
  extended.add(i18n);
  return result;
}
