import { expect, test } from "@playwright/test";
import { agentPage, customerCase } from "../support/actions.ts";
import { call, signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";

const DAY = 86_400_000;

/**
 * Retention (issue #19): a billing system's lifecycle events feed the dashboard; an admin sees
 * the splits with their sample sizes (too few customers to give a rate) and a churned
 * customer's last 90 days of support, linking to the case.
 */
test("an admin opens the retention dashboard: splits with sample sizes and a churned customer's last 90 days", async ({
  page,
  playwright,
}) => {
  test.setTimeout(180_000);
  const id = unique();
  const api = await signedInApi(playwright);
  const { customerId } = await customerCase(api, id, {});
  const subject = `My modem died ${id}`;
  await call(api, "post", `/api/v1/customers/${customerId}/lifecycle`, {
    event: "subscribed",
    at: new Date(Date.now() - 300 * DAY).toISOString(),
    value: 49,
  });
  // After the case was opened, so the case is within the 90 days before the churn.
  await call(api, "post", `/api/v1/customers/${customerId}/lifecycle`, {
    event: "churned",
    at: new Date().toISOString(),
    externalId: `churn-${id}`,
  });

  await signInAsAdmin(page);
  await page.getByRole("link", { name: "Retention" }).click();
  await expect(page.getByRole("heading", { name: "Retention", level: 1 })).toBeVisible({ timeout: 30_000 });
  const repeats = page.getByRole("region", { name: "Repeat contacts" });
  await expect(repeats.getByRole("columnheader", { name: "Sample" })).toBeVisible({ timeout: 30_000 });
  await expect(repeats.getByText(/Too few customers \(under 30\) to say/).first()).toBeVisible();
  await expect(page.getByRole("region", { name: "CSAT", exact: true })).toBeVisible();

  const churned = page.getByRole("region", { name: /Churned customers/ });
  const person = churned.getByRole("article", { name: `Rosa Diaz ${id}` });
  await expect(person).toBeVisible({ timeout: 30_000 });
  await expect(person.getByRole("link", { name: new RegExp(subject) })).toBeVisible();
  await expectAccessible(page);
  await person.getByRole("link", { name: new RegExp(subject) }).click();
  await expect(page).toHaveURL(/\/app\/cases\//);
});

/**
 * An offer only on a solved case: the composer's "Attach offer" stays disabled, with the reason,
 * until the agent chooses to solve the case with the reply; then the reply carries the offer.
 */
test("an agent attaches an offer while solving a case", async ({ browser, playwright }) => {
  test.setTimeout(180_000);
  const id = unique();
  const api = await signedInApi(playwright);
  const { caseId } = await customerCase(api, id, {});
  const agent = await agentPage(browser, api, id);
  await agent.goto(`/app/cases/${caseId}`);

  const attach = agent.getByRole("button", { name: "Attach offer" });
  await expect(attach).toBeDisabled({ timeout: 30_000 });
  await expect(agent.getByText(/Offers go only on solved cases/)).toBeVisible();
  await agent.getByRole("checkbox", { name: "Solve the case with this reply" }).check();
  await expect(attach).toBeEnabled();
  await attach.click();
  await agent.getByLabel("Offer title").fill(`Pro plan ${id}`);
  await agent.getByLabel("Offer link (https)").fill("https://shop.example.com/pro");
  await expectAccessible(agent);
  await agent.getByLabel("Reply to the customer").fill("A new modem is on its way.");
  await agent.getByRole("button", { name: "Send reply" }).click();

  await expect(agent.getByRole("link", { name: `Pro plan ${id}` })).toBeVisible({ timeout: 30_000 });
  await expect
    .poll(
      async () => ((await (await api.get(`/api/v1/cases/${caseId}`)).json()) as { status: string }).status,
    )
    .toBe("solved");
  // Closing their browser closes their realtime socket: an agent left online is offered later specs' chats.
  await agent.context().close();
});
