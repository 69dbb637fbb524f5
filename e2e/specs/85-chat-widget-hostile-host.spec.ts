import { expect, test } from "@playwright/test";
import { signedInApi, unique } from "../support/agent.ts";
import { clickLauncher, configureWidget, startHostSite, widgetFrame } from "../support/widget.ts";

/**
 * A host page that does its worst: CSS that unsets and hides every element, full-screen
 * overlays at the highest z-index, and a script that breaks Array, JSON and fetch before the
 * widget loads. The widget still opens above everything and the visitor's message arrives.
 */
const hostilePage = (widgetTag: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Hostile shop</title>
<style>
  * { all: unset !important; display: none !important; }
  html, body, .overlay { display: block !important; }
  iframe, button, rapport-chat { display: none !important; visibility: hidden !important; opacity: 0 !important; }
  :host, [popover] { display: none !important; }
</style>
<script>
  const fail = (what) => function () { throw new Error("hostile page broke " + what); };
  Array.prototype.push = fail("Array.push");
  Array.prototype.map = fail("Array.map");
  Array.prototype.forEach = fail("Array.forEach");
  Array.prototype.splice = fail("Array.splice");
  Array.prototype[Symbol.iterator] = fail("Array iterator");
  JSON.stringify = fail("JSON.stringify");
  JSON.parse = fail("JSON.parse");
  window.fetch = fail("fetch");
  Object.defineProperty(Object.prototype, "rapport", { get() { return "hijacked"; }, configurable: true });
</script>
</head><body>
<main><h1>Hostile shop</h1></main>
<div class="overlay" style="position: fixed !important; inset: 0 !important; z-index: 2147483647 !important; background: rgba(200,0,0,.4) !important; display: block !important;"></div>
<div class="overlay" style="position: fixed !important; right: 0 !important; bottom: 0 !important; width: 300px !important; height: 300px !important; z-index: 2147483647 !important; background: #000 !important; display: block !important;"></div>
${widgetTag}
</body></html>`;

test("the widget opens and sends on a page with hostile CSS, overlays and broken built-ins", async ({
  page,
  playwright,
}) => {
  const id = unique();
  const admin = await signedInApi(playwright);
  const key = await configureWidget(admin, { enabled: true, allowedOrigins: [], prechatForm: false });
  const site = await startHostSite(hostilePage, key);
  const pageErrors: string[] = [];
  page.on("pageerror", (err) => pageErrors.push(err.message));

  await page.goto(site.url);
  // The overlays cover the page; the launcher is in the top layer, above them.
  await clickLauncher(page);
  const frame = await widgetFrame(page);
  await expect(frame.getByRole("heading", { level: 1 })).toContainText("Chat with");

  // With no agent online the widget asks for an email first (spec 84); either way it sends.
  const email = frame.getByRole("textbox", { name: /^Your email/ });
  if (await email.isVisible()) await email.fill(`hostile-${id}@example.test`);
  await frame.getByRole("textbox", { name: "Message" }).fill(`Hostile page hello ${id}`);
  await frame.getByRole("button", { name: "Start chat" }).click();
  await expect(frame.getByRole("log")).toContainText(`Hostile page hello ${id}`);
  await expect(frame.getByRole("button", { name: "Send" })).toBeVisible();

  // It reached Rapport as a chat case.
  const cases = await admin.get(`/api/v1/cases?q=${encodeURIComponent(id)}`);
  expect(cases.ok()).toBe(true);
  const found = (await cases.json()) as { items: Array<{ subject: string; channel?: string }> };
  expect(found.items.map((c) => c.subject)).toContainEqual(`Hostile page hello ${id}`);

  // The widget's own code never tripped over the page's broken built-ins.
  expect(pageErrors.filter((m) => /Rapport|widget/i.test(m))).toEqual([]);

  await site.close();
  await admin.dispose();
});
