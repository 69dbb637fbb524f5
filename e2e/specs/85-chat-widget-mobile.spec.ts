import { expect, test } from "@playwright/test";
import { signedInApi, unique } from "../support/agent.ts";
import { configureWidget, startHostSite, widgetFrame } from "../support/widget.ts";

const phonePage = (widgetTag: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Shop</title></head><body><main><h1>Shop</h1></main>${widgetTag}</body></html>`;

// A phone: small screen, touch, mobile viewport rules.
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

/**
 * Issue #22: the widget "works on mobile". On a phone the chat takes the whole screen (a
 * 380-pixel panel would not fit), is driven by taps, and its close button gives the page back.
 */
test("on a phone the chat opens full screen, sends with taps, and closes back to the page", async ({
  page,
  playwright,
}) => {
  const id = unique();
  const admin = await signedInApi(playwright);
  const key = await configureWidget(admin, { enabled: true, allowedOrigins: [], prechatForm: false });
  const site = await startHostSite(phonePage, key);

  await page.goto(site.url);
  // The launcher sits 20 px from the bottom right corner and is 56 px wide.
  await expect.poll(() => page.evaluate(() => Boolean((window as { Rapport?: unknown }).Rapport))).toBe(true);
  await page.touchscreen.tap(390 - 48, 844 - 48);
  const frame = await widgetFrame(page);
  const box = await (await frame.frameElement()).boundingBox();
  expect(box).toEqual({ x: 0, y: 0, width: 390, height: 844 });

  const email = frame.getByRole("textbox", { name: /^Your email/ });
  if (await email.isVisible()) await email.fill(`phone-${id}@example.test`);
  await frame.getByRole("textbox", { name: "Message" }).fill(`Sent from my phone ${id}`);
  await frame.getByRole("button", { name: "Start chat" }).tap();
  await expect(frame.getByRole("log")).toContainText(`Sent from my phone ${id}`);

  await frame.getByRole("button", { name: "Close chat" }).tap();
  await expect(frame.getByRole("textbox", { name: "Message" })).toBeHidden();
  // The page is usable again: its own content takes the tap.
  await expect(page.getByRole("heading", { level: 1, name: "Shop" })).toBeVisible();

  await site.close();
  await admin.dispose();
});
