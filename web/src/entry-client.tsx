import { QueryClient } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot, hydrateRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { publicWorkspaceQueryKey } from "./features/public/PublicHome.tsx";
import { createI18n } from "./i18n/i18n.ts";
import { AppRoutes } from "./routes/AppRoutes.tsx";
import { SSR_DATA_ID, type SsrData, ssrPageQueryKey } from "./ssrData.ts";
import { Providers } from "./ui/Providers.tsx";

const ssrText = document.getElementById(SSR_DATA_ID)?.textContent;
const ssr: SsrData | null = ssrText ? (JSON.parse(ssrText) as SsrData) : null;

const queryClient = new QueryClient({
  defaultOptions: { queries: { refetchOnWindowFocus: false, retry: 1 } },
});
if (ssr) queryClient.setQueryData(publicWorkspaceQueryKey, ssr.workspace);
if (ssr?.page !== undefined) queryClient.setQueryData(ssrPageQueryKey, ssr.page);
const i18n = createI18n(ssr?.locale ?? navigator.language);

const app = (
  <StrictMode>
    <Providers queryClient={queryClient} i18n={i18n}>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </Providers>
  </StrictMode>
);

const root = document.getElementById("root") as HTMLElement;
// Hydrate only what the server rendered; every other route is a plain client render.
if (ssr) hydrateRoot(root, app);
else createRoot(root).render(app);
