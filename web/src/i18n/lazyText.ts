import type { i18n } from "i18next";

/**
 * Adds a screen's text (kept out of the first load) to the running i18next instance, once.
 * The check asks the instance itself whether a key of that text is there: remembering the
 * `i18n` that useTranslation() returns does not work, since react-i18next hands each component
 * its own wrapper of the instance, so a set of seen instances never matched and the bundle was
 * merged again on every render. Merged deep, so keys of the first load under the same group stay.
 */
export function addTextOnce(instance: i18n, probeKey: string, bundle: object): void {
  if (!instance.exists(probeKey)) instance.addResourceBundle("en", "translation", bundle, true, true);
}
