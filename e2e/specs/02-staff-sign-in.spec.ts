import { expect, test } from "@playwright/test";
import { expectAccessible } from "../support/axe.ts";
import { ADMIN } from "../support/data.ts";

test("staff sign in, sign out, and the app is closed to signed-out visitors", async ({ page }) => {
  await page.goto("/app");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { level: 1, name: "Staff sign in" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel(/^Password/).fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("The email or password is incorrect.");
  await expectAccessible(page);

  await page.getByLabel(/^Password/).fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/app/inbox");
  await expect(page.getByRole("navigation")).toBeVisible();
  await expect(page.getByRole("main")).toBeVisible();
  await expectAccessible(page);

  // Navigation moves focus to the new page's heading.
  await page.getByRole("link", { name: "Team" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Team" })).toBeFocused();
  await expect(page.getByRole("cell", { name: ADMIN.email })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: `Account menu for ${ADMIN.name}` }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.waitForURL("**/login");
  await expectAccessible(page);

  await page.goto("/app/settings/tokens");
  await expect(page).toHaveURL(/\/login$/);
});
