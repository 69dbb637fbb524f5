import { expect, test } from "@playwright/test";
import { expectAccessible } from "../support/axe.ts";
import { ADMIN, signInAsAdmin } from "../support/data.ts";

test("an admin creates a team with members, renames it and deletes it", async ({ page }) => {
  const teamName = `Escalations ${Date.now()}`;
  await signInAsAdmin(page);
  await page.goto("/app/settings/team");
  await expect(page.getByRole("heading", { level: 1, name: "Team" })).toBeVisible();

  await page.getByRole("button", { name: "Create team" }).click();
  const dialog = page.getByRole("dialog", { name: "Create a team" });
  await dialog.getByLabel("Team name").fill(teamName);
  await dialog.getByRole("combobox", { name: "Members" }).click();
  await page.getByRole("option", { name: ADMIN.name }).click();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Save team" }).click();
  await expect(dialog).toBeHidden();

  const teams = page.getByRole("region", { name: "Teams" });
  const card = teams.getByRole("listitem").filter({ hasText: teamName });
  await expect(card).toContainText(ADMIN.name);
  await expect(card).toContainText("1 member");
  await expectAccessible(page);

  await card.getByRole("button", { name: `Edit team ${teamName}` }).click();
  const edit = page.getByRole("dialog", { name: `Edit team ${teamName}` });
  await edit.getByLabel("Team name").fill(`${teamName} (tier 2)`);
  await edit.getByRole("button", { name: "Save team" }).click();
  await expect(edit).toBeHidden();
  const renamed = teams.getByRole("listitem").filter({ hasText: `${teamName} (tier 2)` });
  await expect(renamed).toBeVisible();

  await renamed.getByRole("button", { name: `Delete team ${teamName} (tier 2)` }).click();
  const confirm = page.getByRole("dialog", { name: `Delete team ${teamName} (tier 2)?` });
  await expectAccessible(page);
  await confirm.getByRole("button", { name: "Delete team" }).click();
  await expect(renamed).toHaveCount(0);
});
