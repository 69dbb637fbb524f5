import http from "node:http";
import type { AddressInfo } from "node:net";
import { type APIRequestContext, expect, type Frame, type Page } from "@playwright/test";
import { call, origin } from "./agent.ts";

/**
 * The chat widget's journeys (specs 82–85): a host site on its own origin (a plain HTTP server
 * on 127.0.0.1, while Rapport is on localhost: another site, as in real life) and ways to reach
 * the widget. The launcher is in a closed shadow root, which Playwright cannot look into, so
 * it is clicked where a visitor sees it (bottom right) or reached with the keyboard; the chat
 * itself is the page's frame from Rapport's origin.
 */
export type HostSite = { origin: string; url: string; close: () => Promise<void> };

export async function startHostSite(
  page: (widgetTag: string) => string,
  key: string,
  rapportOrigin = origin(),
): Promise<HostSite> {
  const tag = `<script src="${rapportOrigin}/widget.js" data-key="${key}" async></script>`;
  const server = http.createServer((req, res) => {
    if (req.url === "/favicon.ico") {
      res.writeHead(404).end();
      return;
    }
    // Any path is the same page: a single-page app's routes reload into it too.
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page(tag));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const siteOrigin = `http://127.0.0.1:${port}`;
  return {
    origin: siteOrigin,
    url: `${siteOrigin}/shop/speaker`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The widget's settings as an admin sets them; answers the public key. */
export async function configureWidget(
  admin: APIRequestContext,
  patch: Record<string, unknown>,
): Promise<string> {
  const settings = await call<{ publicKey: string }>(admin, "patch", "/api/v1/chat/widget", patch);
  return settings.publicKey;
}

/** Clicks the launcher where it is drawn: 20 px from the bottom right corner, 56 px wide. */
export async function clickLauncher(page: Page) {
  const size = page.viewportSize() ?? { width: 1280, height: 720 };
  await page.mouse.click(size.width - 48, size.height - 48);
}

/** The chat frame once it has drawn its composer. */
export async function widgetFrame(page: Page): Promise<Frame> {
  let frame: Frame | undefined;
  await expect
    .poll(() => {
      frame = page.frames().find((f) => f.url().includes("/widget/frame"));
      return Boolean(frame);
    })
    .toBe(true);
  await expect(frame!.getByRole("textbox", { name: "Message" })).toBeVisible();
  return frame!;
}
