import { ColorSchemeScript } from "@mantine/core";
import { QueryClient } from "@tanstack/react-query";
import { renderToString } from "react-dom/server";
import { StaticRouter } from "react-router";
import type { PublicWorkspace } from "../../contracts/accounts.ts";
import { publicWorkspaceQueryKey } from "./features/public/PublicHome.tsx";
import { createI18n } from "./i18n/i18n.ts";
import { AppRoutes } from "./routes/AppRoutes.tsx";
import { ssrDataScript } from "./ssrData.ts";
import { Providers } from "./ui/Providers.tsx";

/** The <head> additions every page needs, server-rendered or not (color scheme before first paint). */
export function renderHead(): string {
  return renderToString(<ColorSchemeScript defaultColorScheme="auto" />);
}

/** Renders a public page for one request, with its own i18n instance and query cache. */
export async function render(
  url: string,
  ctx: { workspace: PublicWorkspace; locale: string },
): Promise<{ html: string; head: string; lang: string }> {
  const i18n = createI18n(ctx.locale);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(publicWorkspaceQueryKey, ctx.workspace);
  const html = renderToString(
    <Providers queryClient={queryClient} i18n={i18n}>
      <StaticRouter location={url}>
        <AppRoutes />
      </StaticRouter>
    </Providers>,
  );
  const title = `<title>${escapeHtml(ctx.workspace.name)}</title>`;
  return { html, head: title + renderHead() + ssrDataScript(ctx), lang: i18n.language };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
