import { expect, test } from "@playwright/test";
import { call, signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";

const shots = `${import.meta.dirname}/../../.tmp/shots`;

test("emerging issues group alike cases, and one click makes the group a problem with its cases", async ({
  page,
  playwright,
}) => {
  const api = await signedInApi(playwright);
  const id = unique();
  const customers = await Promise.all(
    ["Noor Haddad", "Pablo Ruiz", "Grace Liu"].map((name) =>
      call<{ id: string }>(api, "post", "/api/v1/customers", {
        name: `${name} ${id}`,
        emails: [`${name.split(" ")[0]?.toLowerCase()}-${id}@example.test`],
      }),
    ),
  );
  // Five reports of the same error from three customers.
  const numbers: number[] = [];
  for (let i = 0; i < 5; i++) {
    const customer = customers[i % customers.length];
    const c = await call<{ number: number }>(api, "post", "/api/v1/cases", {
      customerId: customer?.id,
      subject: `Update failed with Error 1013 (${id}-${i})`,
      message: `The app says "Error 1013" when I try to update my speaker. Attempt ${i + 1}.`,
    });
    numbers.push(c.number);
  }

  await signInAsAdmin(page);
  await page.goto("/app/problems");
  await page.getByRole("link", { name: "Emerging issues" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Emerging issues" })).toBeVisible();
  const group = page
    .getByRole("list", { name: "Emerging issues" })
    .getByRole("listitem")
    .filter({ hasText: "1013" })
    .filter({ has: page.getByRole("button", { name: "Create problem" }) })
    .first();
  await expect(group).toBeVisible();
  await expect(group.getByRole("link", { name: /Error 1013/ }).first()).toBeVisible();
  await page.screenshot({ path: `${shots}/emerging.png`, fullPage: true });
  await expectAccessible(page);

  await group.getByRole("button", { name: "Create problem" }).click();
  await page.waitForURL(/\/app\/problems\/[0-9a-f-]{36}$/);
  const linked = page.getByRole("table", { name: "Cases linked to this problem" });
  for (const n of numbers)
    await expect(linked.getByRole("link", { name: `#${n}`, exact: true })).toBeVisible();
  const problemNumber =
    (await page
      .getByText(/^P-\d+$/)
      .first()
      .textContent()) ?? "";
  await expectAccessible(page);

  // A new report of the same error: its case page suggests the problem, one click links it.
  const late = await call<{ id: string }>(api, "post", "/api/v1/cases", {
    customerId: customers[0]?.id,
    subject: `Error 1013 once more (${id})`,
    message: 'Now it says "Error 1013" on my second speaker.',
  });
  await page.goto(`/app/cases/${late.id}`);
  const panel = page.getByRole("region", { name: "Problems" });
  const suggested = panel.getByRole("group", { name: "Suggested" });
  await expect(suggested).toContainText("1013");
  await page.screenshot({ path: `${shots}/case-suggestion.png` });
  await expectAccessible(page);
  await suggested.getByRole("button", { name: new RegExp(`Link to ${problemNumber}`) }).click();
  await expect(panel.getByRole("link", { name: new RegExp(problemNumber) })).toBeVisible();
  await expect(suggested).toBeHidden();
  await api.dispose();
});
