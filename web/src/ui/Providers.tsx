import "./mantineStyles.ts";
import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { i18n } from "i18next";
import type { ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { cssVariablesResolver, theme } from "./theme.ts";

/** Everything the app needs around it, shared by the server render and the browser. */
export function Providers(props: { queryClient: QueryClient; i18n: i18n; children: ReactNode }) {
  return (
    <I18nextProvider i18n={props.i18n}>
      <QueryClientProvider client={props.queryClient}>
        <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto">
          <Notifications position="top-right" />
          {props.children}
        </MantineProvider>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
