import { expect, test } from "@playwright/test";
import { signedInApi } from "../support/agent.ts";
import { clickLauncher, configureWidget, startHostSite } from "../support/widget.ts";

const plainPage = (widgetTag: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Copycat shop</title></head><body><main><h1>Copycat shop</h1></main>${widgetTag}</body></html>`;

/**
 * Issue #22: "The allowed host origins are configurable, and a script on an unlisted origin
 * gets a clear error." A site that copied the embed line but is not listed gets no chat, and
 * its developer reads why in the browser console, with where to fix it.
 */
test("a site not among the allowed origins gets no chat and a clear error in its console", async ({
  page,
  playwright,
}) => {
  const admin = await signedInApi(playwright);
  const key = await configureWidget(admin, {
    enabled: true,
    allowedOrigins: ["https://shop.example.test"],
  });
  const site = await startHostSite(plainPage, key);
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  try {
    await page.goto(site.url);
    await clickLauncher(page);
    await expect
      .poll(() => errors.find((e) => e.startsWith("Rapport widget:")) ?? "")
      .toContain("not among the chat widget's allowed origins");
    expect(errors.find((e) => e.startsWith("Rapport widget:"))).toContain("chat widget settings");
    // No chat was drawn in the frame.
    const frame = page.frames().find((f) => f.url().includes("/widget/frame"));
    expect(frame, "the loader made its frame").toBeDefined();
    await expect(frame!.getByRole("textbox", { name: "Message" })).toHaveCount(0);
  } finally {
    await configureWidget(admin, { allowedOrigins: [] });
    await site.close();
    await admin.dispose();
  }
});
