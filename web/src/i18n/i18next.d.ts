import "i18next";
import type { Resources } from "./locales/en.ts";

// Typed keys: t("tokens.title") is checked against the English resources.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: Resources };
  }
}
