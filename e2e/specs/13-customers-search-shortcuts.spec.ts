import { expect, test } from "@playwright/test";
import { call, signedInApi, unique, uniquePhone } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";

test("agents find customers, add one, search from the header and use keyboard shortcuts", async ({
  page,
  playwright,
}) => {
  const api = await signedInApi(playwright);
  const id = unique();
  const phone = uniquePhone();
  const owner = await call<{ id: string; name: string }>(api, "post", "/api/v1/customers", {
    name: `Den Whitaker ${id}`,
    emails: [`den-${id}@example.test`],
    phones: [phone],
    accounts: [`ACC-${id}`],
  });
  await call(api, "post", "/api/v1/cases", {
    customerId: owner.id,
    subject: `Router swap ${id}`,
    message: "Error 1013 again after the router swap.",
  });

  await signInAsAdmin(page);
  await page.getByRole("link", { name: "Customers", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
  // Any format of the phone number finds the customer.
  await page
    .getByRole("searchbox", { name: "Search customers", exact: true })
    .fill(phone.replace(/^\+1 /, "").replace(/ /g, "-"));
  await expect(page.getByRole("link", { name: owner.name })).toBeVisible();
  await expectAccessible(page);

  // A new customer whose phone belongs to someone else: the error names the owner on that field.
  await page.getByRole("button", { name: "New customer" }).click();
  const dialog = page.getByRole("dialog", { name: "New customer" });
  await dialog.getByLabel("Name").fill(`Maria Gonzalez ${id}`);
  await dialog.getByRole("combobox", { name: "Phones" }).fill(phone);
  await dialog.getByRole("combobox", { name: "Phones" }).press("Enter");
  await dialog.getByRole("button", { name: "Create customer" }).click();
  await expect(dialog).toContainText(`already belongs to ${owner.name}`);
  await expectAccessible(page);
  await dialog.getByRole("combobox", { name: "Phones" }).press("Backspace");
  await dialog.getByRole("combobox", { name: "Emails" }).fill(`maria-${id}@example.test`);
  await dialog.getByRole("combobox", { name: "Emails" }).press("Enter");
  await dialog.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Maria Gonzalez ${id}` })).toBeVisible();
  await expectAccessible(page);

  // "/" focuses the header search; results come as you type; Enter opens the first.
  await page.getByRole("heading", { level: 1 }).click();
  await page.keyboard.press("/");
  const search = page.getByRole("searchbox", { name: "Search customers and cases" });
  await expect(search).toBeFocused();
  await search.fill(`Router swap ${id}`);
  await expect(page.getByRole("option", { name: new RegExp(`Router swap ${id}`) })).toBeVisible();
  await expectAccessible(page);
  await search.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: `Router swap ${id}` })).toBeVisible();

  // "a" assigns to me, "s" solves, "?" lists the shortcuts.
  await page.getByRole("heading", { level: 1 }).click();
  await page.keyboard.press("a");
  await expect(page.getByRole("combobox", { name: "Assignee" })).toHaveValue("Ada Lovelace");
  await page.keyboard.press("s");
  await expect(page.getByRole("combobox", { name: "Status" })).toHaveValue("Solved");
  await page.keyboard.press("?");
  const sheet = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(sheet).toContainText("Assign the case to me");
  await expectAccessible(page);
  await api.dispose();
});
