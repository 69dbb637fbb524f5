import { expect, test } from "@playwright/test";
import { agentPage } from "../support/actions.ts";
import { call, signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";

/**
 * Team leads and team snippets (issue #18): an admin marks an agent as the lead of a team on
 * Settings → Team; that agent then writes, edits and deletes the team's snippets there, while a
 * team they only belong to shows its snippets read only.
 */
test("an admin marks a team lead, who then manages the team's snippets; other teams' are read only", async ({
  page,
  browser,
  playwright,
}) => {
  // Two browsers (admin and agent) on a shared 2-core machine.
  test.setTimeout(240_000);
  const api = await signedInApi(playwright);
  const id = unique();
  const kim = await agentPage(browser, api, id);
  const kimName = `Kim Agent ${id}`;
  const members = await (await api.get("/api/v1/members?limit=100")).json();
  const kimId = (members.items as Array<{ id: string; email: string }>).find(
    (m) => m.email === `kim-${id}@northwind.test`,
  )?.id;
  expect(kimId).toBeTruthy();
  const desk = `Modem desk ${id}`;
  const other = `Billing desk ${id}`;
  await call(api, "post", "/api/v1/teams", { name: desk, memberIds: [kimId] });
  const teams = await call<{ items: Array<{ id: string; name: string }> }>(api, "post", "/api/v1/teams", {
    name: other,
    memberIds: [kimId],
  });
  const otherId = teams.items.find((t) => t.name === other)?.id;
  await call(api, "post", "/api/v1/snippets", {
    title: `Refund policy ${id}`,
    body: "Refunds take five business days.",
    teamId: otherId,
  });

  // The admin marks Kim as the Modem desk's lead.
  await signInAsAdmin(page);
  await page.goto("/app/settings/team");
  const teamsRegion = page.getByRole("region", { name: "Teams" });
  const card = teamsRegion.getByRole("listitem").filter({ hasText: desk });
  await expect(card).toContainText(kimName);
  await expect(card).not.toContainText("Lead");
  await card.getByRole("button", { name: `Edit team ${desk}` }).click();
  const dialog = page.getByRole("dialog", { name: `Edit team ${desk}` });
  const toggle = dialog.getByRole("switch", { name: `${kimName} leads this team` });
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Save team" }).click();
  await expect(dialog).toBeHidden();
  await expect(card).toContainText("Lead");
  await expectAccessible(page);

  // Kim writes a snippet for the team she now leads.
  await kim.goto("/app/settings/team");
  const snippets = kim.getByRole("region", { name: "Snippets" });
  await expect(snippets).toBeVisible();
  const readOnly = snippets.getByRole("listitem").filter({ hasText: `Refund policy ${id}` });
  await expect(readOnly).toContainText(`Team: ${other}`);
  await expect(readOnly).toContainText("Read only");
  await expect(readOnly.getByRole("button")).toHaveCount(0);

  await snippets.getByRole("button", { name: "New snippet" }).click();
  const form = kim.getByRole("dialog", { name: "New snippet" });
  await form.getByLabel("Title").fill(`Modem reset ${id}`);
  await form.getByLabel("Shared with").click();
  const teamOptions = kim.getByRole("option");
  await expect(teamOptions.filter({ hasText: `Team: ${desk}` })).toBeVisible();
  await expect(teamOptions.filter({ hasText: `Team: ${other}` })).toHaveCount(0);
  await teamOptions.filter({ hasText: `Team: ${desk}` }).click();
  await form.getByLabel("Text").fill("Hi {{customer.first_name}}, hold the reset button for ten seconds.");
  await expect(form).toContainText("{{fact.address}}");
  await expectAccessible(kim);
  await form.getByRole("button", { name: "Save snippet" }).click();
  await expect(form).toBeHidden();
  const mine = snippets.getByRole("listitem").filter({ hasText: `Modem reset ${id}` });
  await expect(mine).toContainText(`Team: ${desk}`);

  await mine.getByRole("button", { name: `Edit snippet Modem reset ${id}` }).click();
  const edit = kim.getByRole("dialog", { name: `Edit “Modem reset ${id}”` });
  await edit.getByLabel("Text").fill("Hi {{customer.first_name}}, hold the reset button for thirty seconds.");
  await edit.getByRole("button", { name: "Save snippet" }).click();
  await expect(edit).toBeHidden();
  await expect(mine).toContainText("thirty seconds");
  await expectAccessible(kim);

  await mine.getByRole("button", { name: `Delete snippet Modem reset ${id}` }).click();
  const confirm = kim.getByRole("dialog", { name: `Delete snippet Modem reset ${id}` });
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(mine).toHaveCount(0);
  // Closing their browser closes their realtime socket: an agent left online is offered later specs' chats.
  await kim.context().close();
});
