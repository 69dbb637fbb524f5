import { createContext, createElement, type ReactNode, useContext } from "react";
import { type UseTranslationResponse, useTranslation } from "react-i18next";
import { communityPublic } from "../../../i18n/locales/en/communityPublic.ts";

// i18next instances that already have the community's text (one per request on the server,
// one per app start in the browser). react-i18next hands out a wrapper of the instance, so the
// instance itself (`__original`) is what is remembered.
const extended = new WeakSet<object>();

type Text = UseTranslationResponse<"translation", undefined>;
const TextContext = createContext<Text | null>(null);

/**
 * Provides the community pages' text once, at the top of the pages. As with helpText.ts, the
 * text is not in the first load: it comes with this chunk and is added to the running i18next
 * instance before the first t() call. Components below read it from context: a topic page
 * has thousands of components, and useTranslation() per component (it copies the i18n
 * instance's properties) was most of a long page's render time.
 */
export function CommunityTextProvider({ children }: { children: ReactNode }) {
  const result = useTranslation();
  const { i18n } = result;
  const instance = (i18n as unknown as { __original?: object }).__original ?? i18n;
  if (!extended.has(instance)) {
    i18n.addResourceBundle("en", "translation", communityPublic, true, true);
    extended.add(instance);
  }
  return createElement(TextContext.Provider, { value: result }, children);
}

/** Provides text already taken (StaticPost renders answers apart, with the page's text). */
export function TextValueProvider({ value, children }: { value: Text; children: ReactNode }) {
  return createElement(TextContext.Provider, { value }, children);
}

/** The community pages' t() and i18n, from CommunityTextProvider. */
export function useCommunityText(): Text {
  const text = useContext(TextContext);
  if (!text) throw new Error("useCommunityText is used outside CommunityTextProvider");
  return text;
}
