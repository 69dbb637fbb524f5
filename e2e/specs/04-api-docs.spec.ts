import { expect, test } from "@playwright/test";
import { expectAccessible } from "../support/axe.ts";

// Two tests so a Swagger UI accessibility problem (server-owned page) is reported on its own
// and does not hide whether the docs load at all.
test("the API docs page loads and shows the API title", async ({ page }) => {
  await page.goto("/api/docs");
  await expect(page.getByText("Rapport API").first()).toBeVisible({ timeout: 20_000 });
});

test("the API docs page has no serious accessibility violations", async ({ page }) => {
  await page.goto("/api/docs");
  await expect(page.getByText("Rapport API").first()).toBeVisible({ timeout: 20_000 });
  await expectAccessible(page);
});
