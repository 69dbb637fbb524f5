import type { i18n as I18n } from "i18next";
import { createContext, createElement, type ReactNode, useContext, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { feedbackPublic } from "./feedbackStrings.ts";

// i18next instances that already have the feedback pages' text (one per request on the server,
// one per app start in the browser). react-i18next hands out a wrapper of the instance, so the
// instance itself (`__original`) is what is remembered.
const extended = new WeakSet<object>();

/**
 * The feedback text is not part of the app's typed resources (they describe the first load, and
 * this text comes with the chunk), so keys are plain strings here; feedbackStrings.ts holds them.
 */
type Text = { t: (key: string, options?: Record<string, unknown>) => string; i18n: I18n };
const TextContext = createContext<Text | null>(null);

/**
 * Provides the feedback pages' text once, at the top of the pages (as communityText.ts does):
 * the text comes with this chunk, not the first load, and components read it from context.
 */
export function FeedbackTextProvider({ children }: { children: ReactNode }) {
  const result = useTranslation();
  const { i18n } = result;
  const instance = (i18n as unknown as { __original?: object }).__original ?? i18n;
  if (!extended.has(instance)) {
    i18n.addResourceBundle("en", "translation", feedbackPublic, true, true);
    extended.add(instance);
  }
  const t = result.t as unknown as Text["t"];
  const text = useMemo<Text>(() => ({ t, i18n }), [t, i18n]);
  return createElement(TextContext.Provider, { value: text }, children);
}

export function useFeedbackText(): Text {
  const text = useContext(TextContext);
  if (!text) throw new Error("useFeedbackText is used outside FeedbackTextProvider");
  return text;
}
