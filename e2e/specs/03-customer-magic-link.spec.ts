import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { expectAccessible } from "../support/axe.ts";
import { serverLogFile } from "../support/state.ts";

/** The server logs magic links (no outbound mail in tests); find the newest one for this email. */
async function magicLinkFor(email: string): Promise<string> {
  const logFile = serverLogFile();
  for (let i = 0; i < 40; i++) {
    const lines = fs.readFileSync(logFile, "utf8").split("\n").filter(Boolean);
    for (const line of lines.reverse()) {
      try {
        const entry = JSON.parse(line) as { msg?: string; email?: string; url?: string };
        if (entry.msg === "magic link" && entry.email === email && entry.url) return entry.url;
      } catch {
        // not a JSON line (e.g. a native PostgreSQL message)
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no magic link for ${email} in ${logFile}`);
}

test("a customer signs in with an email link and sees the portal", async ({ page }) => {
  const email = `customer-${Date.now()}@example.test`;
  await page.goto("/portal");
  await expect(page).toHaveURL(/\/portal\/login$/);
  await expectAccessible(page);

  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Your sign-in link could not be emailed" }),
  ).toBeVisible();
  // The shared server has no mail relay: the page says so instead of "we sent a link" (the
  // link is only in the server's log, which this journey reads as an administrator would).
  await expect(page.getByRole("status")).toContainText(email);
  await expect(page.getByRole("status")).toContainText("An administrator must set up email first");
  await expectAccessible(page);

  await page.goto(await magicLinkFor(email));
  await page.waitForURL("**/portal");
  await expect(page.getByRole("heading", { level: 1, name: "My requests" })).toBeVisible();
  await expect(page.getByText("You have no requests yet")).toBeVisible();
  await expectAccessible(page);

  // Customers do not get into the agent app.
  await page.goto("/app");
  await expect(page).toHaveURL(/\/portal$/);

  await page.getByRole("button", { name: /Account menu for/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.waitForURL("**/portal/login");
});
