import { communityExtras } from "../../../i18n/locales/en/communityExtras.ts";
import { useCommunityText } from "./communityText.ts";

const extended = new WeakSet<object>();

/**
 * The community pages' t() with the extras' text added to the same bundle (once per i18next
 * instance), so these components ship their text with their own chunk and never edit the
 * main community text file.
 */
export function useExtrasText() {
  const text = useCommunityText();
  const { i18n } = text;
  const instance = (i18n as unknown as { __original?: object }).__original ?? i18n;
  if (!extended.has(instance)) {
    i18n.addResourceBundle("en", "translation", communityExtras, true, false);
    extended.add(instance);
  }
  return text;
}
