import { expect, test } from "@playwright/test";
import { call, signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";

/**
 * The community's staff side (issue #16): the Community screen and its tabs, category
 * management, topic links on the case page, and following and notifications through the
 * signed-in page. Flows that need the core's topics and posts are added once the parts merge.
 */

test("the Community screen opens from the staff nav with its five tabs, and is accessible", async ({
  page,
}) => {
  await signInAsAdmin(page);
  await page.getByRole("navigation").getByRole("link", { name: "Community" }).click();
  await page.waitForURL("**/app/community");
  await expect(page.getByRole("heading", { level: 1, name: "Community" })).toBeVisible();
  const tabs = page.getByRole("tablist", { name: "Community administration" });
  for (const name of ["Review queue", "Categories", "MVP", "Badges", "Settings"])
    await expect(tabs.getByRole("tab", { name })).toBeVisible();
  await expectAccessible(page);
  // Each tab renders (its content, or a plain error while another part's API is missing).
  for (const name of ["Categories", "MVP", "Badges", "Settings"]) {
    await tabs.getByRole("tab", { name }).click();
    await expect(tabs.getByRole("tab", { name })).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("tabpanel")).toBeVisible();
    await expectAccessible(page);
  }
  await expect(page).toHaveURL(/tab=settings/);
});

test("an admin creates, edits and deletes a community category", async ({ page }) => {
  await signInAsAdmin(page);
  const name = `Speakers ${unique()}`;
  await page.goto("/app/community?tab=categories");
  await page.getByRole("button", { name: "New category" }).click();
  const dialog = page.getByRole("dialog", { name: "New category" });
  await dialog.getByRole("textbox", { name: /^Name/ }).fill(name);
  await dialog.getByLabel("Product model").fill("Play:5");
  await dialog.getByRole("combobox", { name: "Who can read it" }).click();
  await page.getByRole("option", { name: "Signed-in customers" }).click();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Create category" }).click();
  const table = page.getByRole("table", { name: "Community categories" });
  const row = table.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Signed-in customers");
  await expect(row).toContainText("Play:5");

  await row.getByRole("button", { name: `Edit category ${name}` }).click();
  const edit = page.getByRole("dialog", { name: `Edit category ${name}` });
  await edit.getByLabel("Product model").fill("Play:1");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(row).toContainText("Play:1");

  await row.getByRole("button", { name: `Delete category ${name}` }).click();
  await expect(table.getByRole("row").filter({ hasText: name })).toHaveCount(0);
});

test("following and notifications answer the signed-in page; unreadable targets are a 404", async ({
  page,
}) => {
  await signInAsAdmin(page);
  const headers = { origin: new URL(page.url()).origin };
  const missing = await page.request.put("/api/v1/community/follows", {
    data: { targetKind: "topic", targetId: "00000000-0000-4000-8000-000000000000" },
    headers,
  });
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error.field).toBe("targetId");

  const settings = await page.request.put("/api/v1/community/notifications/settings", {
    data: { digestRate: "weekly" },
    headers,
  });
  expect(settings.status()).toBe(200);
  expect(await (await page.request.get("/api/v1/community/notifications/settings")).json()).toEqual({
    digestRate: "weekly",
  });
  const list = await (await page.request.get("/api/v1/community/notifications")).json();
  expect(list.unread).toBe(0);
  const read = await page.request.post("/api/v1/community/notifications/read", { data: {}, headers });
  expect(await read.json()).toEqual({ unread: 0 });
});

test("a changed unsubscribe link shows a plain, accessible page and changes nothing", async ({ page }) => {
  const res = await page.goto("/api/v1/community/unsubscribe?token=not-a-real-token");
  expect(res?.status()).toBe(400);
  await expect(page.getByRole("heading", { level: 1, name: "This link does not work" })).toBeVisible();
  await expectAccessible(page);
});

test("the case page offers to link a community topic", async ({ page, playwright }) => {
  const api = await signedInApi(playwright);
  const id = unique();
  const customer = await call<{ id: string }>(api, "post", "/api/v1/customers", {
    name: `Mia ${id}`,
    emails: [`mia-${id}@example.test`],
  });
  const created = await call<{ id: string }>(api, "post", "/api/v1/cases", {
    customerId: customer.id,
    subject: `Error 1013 ${id}`,
    message: "It stopped playing after the update.",
  });
  await signInAsAdmin(page);
  await page.goto(`/app/cases/${created.id}`);
  // The case first (a loaded machine takes a while), then the community panel beside it.
  await expect(page.getByRole("heading", { name: `Error 1013 ${id}` })).toBeVisible({ timeout: 30_000 });
  const panel = page.getByRole("region", { name: "Community topics" });
  await expect(panel).toBeVisible();
  await expect(panel.getByLabel("Find a topic by title")).toBeVisible();
  await expectAccessible(page, { include: "section[aria-labelledby='community-links-case']" });
});
