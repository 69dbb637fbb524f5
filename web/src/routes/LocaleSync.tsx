import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { resolveLanguage } from "../i18n/i18n.ts";

/** Switches the UI language to the signed-in person's locale and keeps <html lang> in step. */
export function LocaleSync(props: { locale: string }) {
  const { i18n } = useTranslation();
  useEffect(() => {
    const lang = resolveLanguage(props.locale);
    if (i18n.language !== lang) void i18n.changeLanguage(lang);
    document.documentElement.lang = lang;
  }, [props.locale, i18n]);
  return null;
}
