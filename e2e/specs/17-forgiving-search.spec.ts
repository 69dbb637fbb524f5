import { expect, test } from "@playwright/test";
import { call, signedInApi, unique } from "../support/agent.ts";
import { signInAsAdmin } from "../support/data.ts";

test("a mistyped name finds the customer and their open case in the header search", async ({
  page,
  playwright,
}) => {
  const api = await signedInApi(playwright);
  // Letters only: input with digits is taken for a phone or account, not a name.
  const tag = unique().replace(/\d/g, (d) => "abcdefghij"[Number(d)] ?? "a");
  const customer = await call<{ id: string; name: string }>(api, "post", "/api/v1/customers", {
    name: `Maria Gonzalez${tag}`,
  });
  await call(api, "post", "/api/v1/cases", {
    customerId: customer.id,
    subject: `Router keeps rebooting ${tag}`,
    message: "Every night at two.",
  });

  await signInAsAdmin(page);
  await page.getByRole("heading", { level: 1 }).click();
  await page.keyboard.press("/");
  const search = page.getByRole("searchbox", { name: "Search customers and cases" });
  await search.fill(`Gonzales${tag}`);
  await expect(page.getByRole("option", { name: customer.name, exact: true })).toBeVisible();
  await expect(page.getByRole("option", { name: new RegExp(`Router keeps rebooting ${tag}`) })).toBeVisible();
  await page.getByRole("option", { name: customer.name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: customer.name })).toBeVisible();
  await api.dispose();
});
