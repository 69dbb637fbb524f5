import { expect, test } from "@playwright/test";
import { call, signedInApi, unique } from "../support/agent.ts";
import { clickLauncher, configureWidget, startHostSite, widgetFrame } from "../support/widget.ts";

const plainPage = (widgetTag: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Deals</title></head><body><main><h1>Deals</h1></main>${widgetTag}</body></html>`;

/**
 * Issue #22: "Admins can show a message after N seconds on a URL pattern." The widget waits
 * the message's delay while the visitor stays on a matching page, and a visitor who leaves the
 * page first (here through a single-page app's pushState) never sees it.
 */
test("a proactive message shows after its delay on a matching page, and not to a visitor who left", async ({
  page,
  browser,
  playwright,
}) => {
  test.setTimeout(120_000);
  const id = unique();
  const admin = await signedInApi(playwright);
  const key = await configureWidget(admin, { enabled: true, allowedOrigins: [], prechatForm: false });
  const body = `Today's deals end at midnight ${id}`;
  await call(admin, "post", "/api/v1/chat/proactive", {
    name: `Deals nudge ${id}`,
    body,
    trigger: "page",
    urlPattern: `/deals-${id}*`,
    delaySeconds: 4,
  });
  const site = await startHostSite(plainPage, key);

  // Staying on the page: nothing at first, the message once the delay has passed.
  const loadedAt = Date.now();
  await page.goto(`${site.origin}/deals-${id}`);
  await clickLauncher(page);
  const frame = await widgetFrame(page);
  expect(await frame.getByRole("log").textContent(), "not yet").not.toContain(body);
  await expect(frame.getByRole("log")).toContainText(body, { timeout: 20_000 });
  expect(Date.now() - loadedAt, "not before its 4 seconds").toBeGreaterThanOrEqual(4_000);

  // Leaving the page before the delay (a new visitor, so it was never shown to them).
  const context = await browser.newContext();
  const other = await context.newPage();
  await other.goto(`${site.origin}/deals-${id}`);
  await other.evaluate(() => history.pushState({}, "", "/cart"));
  await clickLauncher(other);
  const otherFrame = await widgetFrame(other);
  await other.waitForTimeout(7_000);
  await expect(otherFrame.getByRole("log")).not.toContainText(body);

  await context.close();
  await site.close();
  await admin.dispose();
});
