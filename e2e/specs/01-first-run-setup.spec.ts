import { expect, test } from "@playwright/test";
import { expectAccessible } from "../support/axe.ts";
import { ADMIN } from "../support/data.ts";

test("first-run setup creates the workspace and the public home is server-rendered", async ({
  page,
  browser,
}) => {
  // Someone who opens the sign-in page first is told there is no account yet, and led to setup.
  await page.goto("/login");
  await expect(page.getByText("Rapport is not set up yet")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Set up Rapport" }).click();
  await expect(page).toHaveURL(/\/setup$/);

  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { level: 1, name: "Set up Rapport" })).toBeVisible();
  await expectAccessible(page);

  // Client-side validation speaks up before anything is sent.
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByText("Required").first()).toBeVisible();

  await page.getByLabel("Workspace name").fill(ADMIN.workspaceName);
  await page.getByLabel("Your name").fill(ADMIN.name);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel(/^Password/).fill(ADMIN.password);
  await page.getByLabel("Confirm password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create workspace" }).click();

  await page.waitForURL("**/app/inbox");
  await expect(page.getByRole("banner")).toContainText(ADMIN.workspaceName);
  await expect(page.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
  await expect(page.getByText("No cases yet")).toBeVisible();
  await expectAccessible(page);

  // Setup is one-time: the page now sends people to sign in.
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/login$/);

  // The public home works without JavaScript: the name is in the server-rendered HTML.
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noJs.newPage();
  const response = await plain.goto("/");
  expect(response?.status()).toBe(200);
  await expect(plain.getByRole("heading", { level: 1, name: ADMIN.workspaceName })).toBeVisible();
  await expect(plain.getByRole("link", { name: "Sign in to your support portal" })).toHaveAttribute(
    "href",
    "/portal/login",
  );
  await expect(plain.getByRole("link", { name: "Staff sign in" })).toHaveAttribute("href", "/login");
  await noJs.close();

  // axe itself needs JavaScript, so check the same server-rendered HTML with the app bundle blocked.
  const noBundle = await browser.newContext();
  await noBundle.route("**/assets/*.js", (route) => route.abort());
  const bare = await noBundle.newPage();
  await bare.goto("/");
  await expect(bare.getByRole("heading", { level: 1, name: ADMIN.workspaceName })).toBeVisible();
  await expectAccessible(bare);
  await noBundle.close();

  // With JavaScript the same page hydrates without errors.
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: ADMIN.workspaceName })).toBeVisible();
  await expectAccessible(page);
  expect(errors).toEqual([]);
});
