import type { Page } from "@playwright/test";

/** The workspace and administrator the setup journey creates; later journeys sign in with them. */
export const ADMIN = {
  workspaceName: "Northwind Support",
  name: "Ada Lovelace",
  email: "ada@northwind.test",
  password: "correct-horse-battery",
};

export async function signInAsAdmin(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel(/^Password/).fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/app/inbox");
}
