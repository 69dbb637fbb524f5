import { Title, type TitleProps } from "@mantine/core";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";

/**
 * The page's h1. After client-side navigation it takes focus so screen-reader and keyboard
 * users start at the new content; the initial page load keeps the browser's own focus.
 */
export function PageTitle({ children, ...props }: TitleProps & { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { t } = useTranslation();
  // React Router gives the initial location the key "default"; anything else is a navigation.
  const { key } = useLocation();
  useEffect(() => {
    document.title = `${children} · ${t("common.appName")}`;
    if (key !== "default") ref.current?.focus();
  }, [children, t, key]);
  return (
    <Title order={1} ref={ref} tabIndex={-1} size="h2" style={{ outlineOffset: 4 }} {...props}>
      {children}
    </Title>
  );
}
