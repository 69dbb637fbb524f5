import { expect, test } from "@playwright/test";
import { expectAccessible } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";

test("an API token is shown once, works for the API, and stops working when revoked", async ({
  page,
  request,
}) => {
  await signInAsAdmin(page);
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Create token" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Token name").fill("E2E integration");
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Create token" }).click();
  await expect(dialog.getByText("it will not be shown again")).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Copy token" })).toBeVisible();
  const token = (await dialog.getByTestId("new-token").textContent())?.trim() ?? "";
  expect(token.length).toBeGreaterThan(20);
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();

  // The list shows the token by name, never the secret.
  const row = page.getByRole("row", { name: /E2E integration/ });
  await expect(row).toContainText("Active");
  await expect(page.getByText(token)).toHaveCount(0);

  const me = () => request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
  expect((await me()).status()).toBe(200);

  await row.getByRole("button", { name: "Revoke token E2E integration" }).click();
  await expect(page.getByRole("dialog", { name: "Revoke this token?" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Revoke token", exact: true }).click();
  await expect(row).toContainText("Revoked");
  await expect(page.getByRole("dialog")).toBeHidden();
  await expectAccessible(page);

  expect((await me()).status()).toBe(401);
});
