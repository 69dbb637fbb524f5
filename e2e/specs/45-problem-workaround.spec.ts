import { expect, test } from "@playwright/test";
import { call, magicLinkFor, signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";

const shots = `${import.meta.dirname}/../../.tmp/shots`;

test("an agent links three cases to a problem, publishes a workaround and the customer sees it on the portal", async ({
  page,
  browser,
  baseURL,
  playwright,
}) => {
  const api = await signedInApi(playwright);
  const id = unique();
  const email = `iris-${id}@example.test`;
  const customers = await Promise.all(
    [`Iris Novak ${id}`, `Tomas Berg ${id}`, `Aiko Sato ${id}`].map((name, i) =>
      call<{ id: string }>(api, "post", "/api/v1/customers", {
        name,
        emails: [i === 0 ? email : `c${i}-${id}@example.test`],
      }),
    ),
  );
  const cases = [];
  for (const [i, customer] of customers.entries())
    cases.push(
      await call<{ id: string; number: number }>(api, "post", "/api/v1/cases", {
        customerId: customer.id,
        subject: `Speaker drops Wi-Fi ${i + 1} ${id}`,
        message: "Since the update the speaker loses Wi-Fi every few minutes.",
      }),
    );
  const title = `Wi-Fi drops after firmware 12.1 ${id}`;

  await signInAsAdmin(page);

  // A new problem from the problems list.
  await page.getByRole("navigation").getByRole("link", { name: "Problems" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Problems" })).toBeVisible();
  await page.screenshot({ path: `${shots}/problems-list.png` });
  await expectAccessible(page);
  await page.getByRole("button", { name: "New problem" }).click();
  const form = page.getByRole("dialog", { name: "New problem" });
  await form.getByRole("button", { name: "Create problem" }).click();
  await expect(form.getByText("Required")).toBeVisible();
  // The server's validation shows on the field it names.
  await form.getByLabel("Title").fill("x".repeat(201));
  await form.getByRole("button", { name: "Create problem" }).click();
  await expect(form.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText(/200/)).toBeVisible();
  await form.getByLabel("Title").fill(title);
  await form.getByRole("button", { name: "Add a product" }).click();
  await form.getByLabel("Model").fill("Play:5");
  await form.getByLabel("Firmware").fill("< 12.2");
  await expectAccessible(page);
  await form.getByRole("button", { name: "Create problem" }).click();
  await page.waitForURL(/\/app\/problems\/[0-9a-f-]{36}$/);
  const problemUrl = page.url();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  // Two cases from the inbox selection.
  await page.goto(`/app/inbox?view=open&q=${id}`);
  const table = page.getByRole("table", { name: "Cases" });
  await expect(table.getByRole("row")).toHaveCount(4);
  await table.getByRole("checkbox", { name: `Select case #${cases[0]?.number}` }).check();
  await table.getByRole("checkbox", { name: `Select case #${cases[1]?.number}` }).check();
  await page
    .getByRole("region", { name: "Bulk actions" })
    .getByRole("button", { name: "Link to problem…" })
    .click();
  const picker = page.getByRole("dialog", { name: "Link 2 cases to a problem" });
  await picker.getByLabel("Find a problem").fill(id);
  await picker.getByRole("radio", { name: new RegExp(title) }).check();
  await expectAccessible(page);
  await picker.getByRole("button", { name: "Link", exact: true }).click();
  await expect(picker).toBeHidden();

  // The third from its case page, waiting on the problem.
  await page.goto(`/app/cases/${cases[2]?.id}`);
  const panel = page.getByRole("region", { name: "Problems" });
  await panel.getByRole("button", { name: "Link to problem" }).click();
  const single = page.getByRole("dialog", { name: "Link to a problem" });
  await single.getByLabel("Find a problem").fill(id);
  await single.getByRole("radio", { name: new RegExp(title) }).check();
  await single.getByRole("button", { name: "Link", exact: true }).click();
  await expect(panel.getByRole("link", { name: new RegExp(title) })).toBeVisible();
  await panel.getByRole("button", { name: "Wait on this problem" }).click();
  await expect(panel.getByText("Waiting", { exact: true })).toBeVisible();
  await expectAccessible(page);

  // The problem page lists the three cases; the workaround is published and announced.
  await page.goto("/app/problems?status=all");
  await expect(
    page.getByRole("table", { name: "Problems" }).getByRole("link", { name: title }),
  ).toBeVisible();
  await page.goto(problemUrl);
  const linked = page.getByRole("table", { name: "Cases linked to this problem" });
  for (const c of cases) await expect(linked.getByRole("link", { name: `#${c.number}` })).toBeVisible();
  await page.getByRole("combobox", { name: "Status" }).click();
  await page.getByRole("option", { name: "workaround available" }).click();
  await expect(page.getByText("Status changed.")).toBeVisible();
  await page.getByLabel("Public title").fill(`Some speakers lose Wi-Fi ${id}`);
  await page
    .getByLabel("Workaround (markdown)")
    .fill("1. Open **Settings**\n2. Turn off *Wi-Fi power saving*\n3. Restart the speaker");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const preview = page.getByRole("region", { name: "Published workaround" });
  await expect(preview.locator("strong")).toHaveText("Settings");

  await page
    .getByLabel("Update for affected customers")
    .fill(
      "We found the cause. Until the fix ships, turning off Wi-Fi power saving keeps the speaker connected.",
    );
  await page.getByRole("button", { name: "Review recipients" }).click();
  const review = page.getByRole("region", { name: "Review recipients" });
  await expect(review).toContainText("This update goes to 3 cases and 3 customers.");
  await expectAccessible(page);
  await review.getByRole("button", { name: "Send to 3 cases" }).click();
  await expect(page.getByTestId("update-progress").first()).toContainText(/3 sent|sent/);
  await expect(page.getByRole("region", { name: "Review recipients" })).toBeHidden();
  await page.screenshot({ path: `${shots}/problem-page.png`, fullPage: true });
  await expectAccessible(page);

  // The customer sees the problem on their request, in plain words, and can stop the updates.
  const portal = await browser.newContext({ baseURL });
  const customerPage = await portal.newPage();
  await customerPage.goto("/portal/login");
  await customerPage.getByLabel("Email").fill(email);
  await customerPage.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(customerPage.getByRole("heading", { level: 1 })).toBeVisible();
  await customerPage.goto(await magicLinkFor(email));
  await customerPage.waitForURL("**/portal");
  await customerPage.goto(`/portal/requests/${cases[0]?.id}`);
  const card = customerPage.getByRole("article", { name: `Some speakers lose Wi-Fi ${id}` });
  await expect(card).toBeVisible();
  await expect(card).toContainText("A workaround is available");
  await expect(card.locator("strong")).toHaveText("Settings");
  await expect(card).not.toContainText(title);
  await customerPage.screenshot({ path: `${shots}/portal-card.png`, fullPage: true });
  await expectAccessible(customerPage);
  await card.getByRole("button", { name: "Stop updates about this" }).click();
  await expect(card).toContainText("You won't get more updates about this problem.");
  await portal.close();
  await api.dispose();
});
