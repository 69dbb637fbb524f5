import { expect, test } from "@playwright/test";
import { actionsPanel, agentPage, customerCase, startFulfilment } from "../support/actions.ts";
import { call, signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";

/**
 * Approvals (issue #18): a credit over the action's limit waits for a manager — nothing
 * reaches the billing system meanwhile; the admin approves it in the Approvals queue (reached
 * from the nav, which counts what waits) and the agent's case shows it done. A refused one
 * shows the manager's reason on the case, and never reaches the system.
 */
test("a credit over the limit waits; an admin approves it in the queue and the agent's case shows it done", async ({
  page,
  browser,
  playwright,
}) => {
  // Two browsers, an invitation and a few chunks on a loaded 2-core machine.
  test.setTimeout(240_000);
  const id = unique();
  const billing = await startFulfilment((body) => ({
    creditId: `CR-${id}-${String((body.input as { amount?: number }).amount)}`,
  }));
  try {
    const api = await signedInApi(playwright);
    const name = `Issue a credit ${id}`;
    await call(api, "post", "/api/v1/actions", {
      name,
      icon: "credit-card",
      url: `${billing.url}/credit`,
      fields: [
        { key: "amount", label: "Amount", type: "number", required: true },
        { key: "why", label: "Why", type: "text", default: "Goodwill for {{customer.first_name}}" },
      ],
      roles: ["agent", "admin"],
      approvalAbove: { field: "amount", amount: 50 },
    });
    const { caseId } = await customerCase(api, id, {});

    // The agent asks for 80: over the limit, so it waits.
    const agent = await agentPage(browser, api, id);
    const panel = await actionsPanel(agent, caseId);
    const ask = async (amount: string) => {
      await panel.getByRole("button", { name }).click();
      const form = agent.getByRole("dialog", { name });
      await expect(form.getByLabel("Why")).toHaveValue(`Goodwill for Rosa`);
      await form.getByLabel("Amount").fill(amount);
      await form.getByRole("button", { name: `Run ${name}` }).click();
      await expect(form).toBeHidden();
    };
    await ask("80");
    const waiting = panel.getByRole("listitem").filter({ hasText: "Waiting for approval" });
    await expect(waiting).toHaveCount(1);
    expect(billing.received, "nothing is sent before a manager approves").toHaveLength(0);
    await expectAccessible(agent);

    // The admin sees it counted in the nav and approves it in the queue.
    await signInAsAdmin(page);
    const nav = page.getByRole("navigation").getByRole("link", { name: /^Approvals/ });
    await expect(nav).toContainText("1 waiting", { timeout: 30_000 });
    await nav.click();
    await page.waitForURL("**/app/approvals");
    await expect(page.getByRole("heading", { level: 1, name: "Approvals" })).toBeVisible({ timeout: 30_000 });
    const item = page.getByRole("listitem").filter({ hasText: name });
    await expect(item).toContainText("80");
    await expectAccessible(page);
    await item.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByText("Nothing is waiting for approval.")).toBeVisible();

    // The agent's case shows it done, without a reload.
    const done = panel.getByRole("listitem").filter({ hasText: `CR-${id}-80` });
    await expect(done.getByText("Done")).toBeVisible({ timeout: 30_000 });
    await expect(done).toContainText("Approved by Ada Lovelace");
    expect(billing.received).toHaveLength(1);

    // A second one, refused with a reason: the agent reads it, the system never hears of it.
    await ask("120");
    await page.reload();
    const next = page.getByRole("listitem").filter({ hasText: "120" });
    await next.getByRole("button", { name: "Refuse" }).click();
    await next.getByRole("button", { name: "Refuse" }).click();
    await expect(next.getByText("Please give a reason")).toBeVisible();
    await next.getByLabel("Reason for refusing").fill("Over the goodwill budget this month");
    await next.getByRole("button", { name: "Refuse" }).click();
    await expect(
      panel
        .getByRole("listitem")
        .filter({ hasText: "Over the goodwill budget this month" })
        .getByText("Refused", { exact: true }),
    ).toBeVisible({ timeout: 30_000 });
    expect(billing.received).toHaveLength(1);
    await agent.context().close();
  } finally {
    await billing.close();
  }
});
