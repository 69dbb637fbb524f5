import { expect, test } from "@playwright/test";
import { actionsPanel, agentPage, customerCase, startFulfilment } from "../support/actions.ts";
import { call, signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";

/**
 * The bell (issue #18): an agent asks for a credit over the action's limit; the lead of the
 * case's team is told in their bell and approves it in their own browser; the agent, elsewhere
 * in the app, sees their bell count the decision, and its link opens the case.
 */
test("a lead's decision reaches the agent's bell, and its link opens the case", async ({
  browser,
  playwright,
}) => {
  // Three people, two browsers and a few chunks on a loaded 2-core machine.
  test.setTimeout(240_000);
  const id = unique();
  const billing = await startFulfilment(() => ({ creditId: `CR-${id}` }));
  try {
    const api = await signedInApi(playwright);
    const name = `Goodwill credit ${id}`;
    await call(api, "post", "/api/v1/actions", {
      name,
      icon: "credit-card",
      url: `${billing.url}/credit`,
      fields: [{ key: "amount", label: "Amount", type: "number", required: true }],
      roles: ["agent", "admin"],
      approvalAbove: { field: "amount", amount: 50 },
    });
    const { caseId } = await customerCase(api, id, {});
    const agent = await agentPage(browser, api, id);
    const lead = await agentPage(browser, api, `${id}-lead`);
    // A team led by the lead, owning the case: the lead decides its approvals.
    const members = (await (await api.get("/api/v1/members?limit=100")).json()) as {
      items: Array<{ id: string; email: string }>;
    };
    const idOf = (email: string) => members.items.find((m) => m.email === email)?.id ?? "";
    const leadId = idOf(`kim-${id}-lead@northwind.test`);
    const agentId = idOf(`kim-${id}@northwind.test`);
    const teams = await call<{ items: Array<{ id: string; name: string }> }>(api, "post", "/api/v1/teams", {
      name: `Billing ${id}`,
      memberIds: [leadId, agentId],
      leadIds: [leadId],
    });
    const teamId = teams.items.find((t) => t.name === `Billing ${id}`)?.id;
    await call(api, "patch", `/api/v1/cases/${caseId}`, { teamId });

    // The agent asks for 80: over the limit, so it waits; then goes back to the inbox.
    const panel = await actionsPanel(agent, caseId);
    await panel.getByRole("button", { name }).click();
    const form = agent.getByRole("dialog", { name });
    await form.getByLabel("Amount").fill("80");
    await form.getByRole("button", { name: `Run ${name}` }).click();
    await expect(form).toBeHidden();
    await expect(panel.getByRole("listitem").filter({ hasText: "Waiting for approval" })).toHaveCount(1);
    await agent.goto("/app/inbox");
    await expect(agent.getByRole("button", { name: "Notifications", exact: true })).toBeVisible({
      timeout: 30_000,
    });

    // The lead's bell says so; the lead approves in the queue.
    await lead.goto("/app/inbox");
    const leadBell = lead.getByRole("button", { name: "Notifications, 1 unread" });
    await expect(leadBell).toBeVisible({ timeout: 30_000 });
    await leadBell.click();
    const leadPanel = lead.getByRole("dialog", { name: "Notifications" });
    await expect(
      leadPanel.getByRole("link", { name: new RegExp(`asks to approve “${name}”`) }),
    ).toBeVisible();
    await lead.goto("/app/approvals");
    const item = lead.getByRole("listitem").filter({ hasText: name });
    await expect(item).toContainText("80", { timeout: 30_000 });
    await item.getByRole("button", { name: "Approve" }).click();
    await expect(lead.getByText("Nothing is waiting for approval.")).toBeVisible({ timeout: 30_000 });

    // The agent's bell counts it live; the panel is accessible; its link opens the case.
    const bell = agent.getByRole("button", { name: "Notifications, 1 unread" });
    await expect(bell).toBeVisible({ timeout: 30_000 });
    await bell.click();
    const bellPanel = agent.getByRole("dialog", { name: "Notifications" });
    const decided = bellPanel.getByRole("link", { name: new RegExp(`approved “${name}”`) });
    await expect(decided).toBeVisible();
    await expectAccessible(agent);
    await decided.click();
    await agent.waitForURL(`**/app/cases/${caseId}`);
    await expect(agent.getByRole("button", { name: "Notifications", exact: true })).toBeVisible({
      timeout: 30_000,
    });
    await agent.context().close();
    await lead.context().close();
  } finally {
    await billing.close();
  }
});
