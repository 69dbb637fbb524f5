import { ColorSchemeScript } from "@mantine/core";
import { QueryClient } from "@tanstack/react-query";
import { renderToString } from "react-dom/server";
import { prerenderToNodeStream } from "react-dom/static";
import { StaticRouter } from "react-router";
import type { PublicWorkspace } from "../../contracts/accounts.ts";
import { publicWorkspaceQueryKey } from "./features/public/PublicHome.tsx";
import { createI18n } from "./i18n/i18n.ts";
import { AppRoutes } from "./routes/AppRoutes.tsx";
import { ssrDataScript, ssrPageQueryKey } from "./ssrData.ts";
import { Providers } from "./ui/Providers.tsx";

/**
 * The <head> additions every page needs, server-rendered or not (color scheme before first paint).
 * `nonce` is what the server's Content-Security-Policy allows inline scripts with (the server
 * passes a placeholder it fills per response).
 */
export function renderHead(nonce: string): string {
  return renderToString(<ColorSchemeScript defaultColorScheme="auto" nonce={nonce} />);
}

/**
 * Renders a public page for one request, with its own i18n instance and query cache.
 * `page` is a server-loaded page's data (the help center); such a page brings its own <title>.
 * A prerender (not renderToString) waits for lazy pages' chunks, so the help center can be a
 * chunk of its own in the browser (out of the inbox's first load) and still render in full here.
 */
export async function render(
  url: string,
  ctx: { workspace: PublicWorkspace; locale: string; page?: unknown },
  nonce: string,
): Promise<{ html: string; head: string; lang: string }> {
  const i18n = createI18n(ctx.locale);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(publicWorkspaceQueryKey, ctx.workspace);
  if (ctx.page !== undefined) queryClient.setQueryData(ssrPageQueryKey, ctx.page);
  const { prelude } = await prerenderToNodeStream(
    <Providers queryClient={queryClient} i18n={i18n}>
      <StaticRouter location={url}>
        <AppRoutes />
      </StaticRouter>
    </Providers>,
  );
  // Bytes are joined before decoding: a character may be split between two chunks.
  const chunks: Buffer[] = [];
  for await (const chunk of prelude)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk));
  const html = Buffer.concat(chunks).toString("utf8");
  const title = ctx.page === undefined ? `<title>${escapeHtml(ctx.workspace.name)}</title>` : "";
  return { html, head: title + renderHead(nonce) + ssrDataScript(ctx, nonce), lang: i18n.language };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
