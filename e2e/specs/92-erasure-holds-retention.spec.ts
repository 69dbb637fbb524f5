import { expect, test } from "@playwright/test";
import { call, signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";

/**
 * Erasure, legal holds and retention (issue #23): an admin places a legal hold on a customer,
 * sees erasure refused with the hold's reason, releases the hold in Settings → Data retention,
 * erases the customer and sees the page in its erased state; then sets a retention policy there
 * and runs it now, and the run's report appears. The policy keeps ten years and is emptied again
 * at the end, so no later spec's data is touched.
 */
test("hold blocks erasure, release, erase; a retention policy runs from Settings and reports", async ({
  page,
  playwright,
}) => {
  const id = unique();
  const name = `Erin Erasable ${id}`;
  const api = await signedInApi(playwright);
  try {
    const customer = await call<{ id: string }>(api, "post", "/api/v1/customers", {
      name,
      emails: [`erin-${id}@example.org`],
    });
    await call(api, "post", "/api/v1/cases", {
      customerId: customer.id,
      subject: `Hum ${id}`,
      message: "It hums",
    });

    await signInAsAdmin(page);
    await page.goto(`/app/customers/${customer.id}`);
    const card = page.getByRole("region", { name: "Personal data" });
    await expect(card).toBeVisible();
    await expectAccessible(page);

    // A legal hold, then erasure is refused with the hold's reason.
    await card.getByRole("button", { name: "Place legal hold" }).click();
    const holdDialog = page.getByRole("dialog", { name: "Place a legal hold" });
    await holdDialog.getByLabel("Reason").fill(`Litigation ${id}`);
    await holdDialog.getByRole("button", { name: "Place hold" }).click();
    await expect(holdDialog).toBeHidden();
    await expect(card.getByText(`Legal hold: Litigation ${id}`)).toBeVisible();

    await card.getByRole("button", { name: "Erase customer" }).click();
    const eraseDialog = page.getByRole("dialog", { name: `Erase ${name}?` });
    const confirm = eraseDialog.getByRole("button", { name: "Erase permanently" });
    await expect(confirm).toBeDisabled();
    await eraseDialog.getByLabel("Type the customer's name or ERASE to confirm").fill(name);
    await expect(confirm).toBeEnabled();
    await expectAccessible(page);
    await confirm.click();
    await expect(eraseDialog.getByRole("alert")).toContainText(`Litigation ${id}`);
    await eraseDialog.getByRole("button", { name: "Cancel" }).click();

    // Settings → Workspace → Data retention lists the hold; release it there.
    await page.goto("/app/settings/workspace");
    await page.getByRole("link", { name: "Data retention" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Data retention" })).toBeVisible();
    const holds = page.getByRole("region", { name: "Legal holds" });
    await expect(holds.getByText(`Litigation ${id}`)).toBeVisible();
    await expectAccessible(page);
    await holds.getByRole("button", { name: `Release: ${name}` }).click();
    await expect(holds.getByText(`Litigation ${id}`)).toBeHidden();

    // Now the erasure runs, and the customer page shows the erased state.
    await page.goto(`/app/customers/${customer.id}`);
    await card.getByRole("button", { name: "Erase customer" }).click();
    await eraseDialog.getByLabel("Type the customer's name or ERASE to confirm").fill("ERASE");
    await confirm.click();
    await expect(card.getByTestId("erased-notice")).toBeVisible({ timeout: 30_000 });
    await page.reload();
    await expect(page.getByText("Erased customer").first()).toBeVisible();
    await expect(page.getByText(name)).toHaveCount(0);
    await expect(card.getByRole("button", { name: "Erase customer" })).toHaveCount(0);

    // A retention policy, run now: its report appears in the runs.
    await page.goto("/app/settings/data-retention");
    await page.getByLabel("Delete closed cases (with their attachments) after days").fill("3650");
    await page.getByRole("button", { name: "Save policy" }).click();
    await expect(page.getByText("Policy saved")).toBeVisible();
    await page.getByRole("button", { name: "Run now" }).click();
    const runs = page.getByTestId("retention-runs");
    await expect(runs.getByRole("row").filter({ hasText: "Manual" }).first()).toBeVisible();
    await expect(runs.getByRole("columnheader", { name: "Kept by holds" })).toBeVisible();
    await expectAccessible(page);
  } finally {
    await api.put("/api/v1/retention-policies", {
      data: { closedCaseDays: null, rawEmailDays: null, snapshotDays: null },
    });
    await api.dispose();
  }
});

/**
 * A legal hold from the case page: an admin places it on one case with a reason, sees who placed
 * it and when, finds erasure of the case's customer refused with that reason (and the hold listed
 * in Settings → Data retention), then lifts it on the case page. Retention skipping held data is
 * proved by the server's retention test, since a browser test cannot age data by days.
 */
test("a hold placed on the case page blocks erasure with its reason, and is lifted there", async ({
  page,
  playwright,
}) => {
  const id = unique();
  const name = `Cass Caseheld ${id}`;
  const reason = `Warranty claim ${id}`;
  const api = await signedInApi(playwright);
  try {
    const customer = await call<{ id: string }>(api, "post", "/api/v1/customers", { name });
    const kase = await call<{ id: string; number: number }>(api, "post", "/api/v1/cases", {
      customerId: customer.id,
      subject: `Rattle ${id}`,
      message: "It rattles",
    });

    await signInAsAdmin(page);
    await page.goto(`/app/cases/${kase.id}`);
    const card = page.getByRole("region", { name: "Legal hold" });
    await expect(card.getByText("No legal hold covers this case.", { exact: false })).toBeVisible();
    await card.getByRole("button", { name: "Place legal hold on this case" }).click();
    const dialog = page.getByRole("dialog", { name: "Place a legal hold" });
    await dialog.getByLabel("Reason").fill(reason);
    await expectAccessible(page);
    await dialog.getByRole("button", { name: "Place hold" }).click();
    await expect(dialog).toBeHidden();
    await expect(card.getByText(`On this case: ${reason}`)).toBeVisible();
    await expect(card.getByText(/^Placed by .+ on /)).toBeVisible();
    await expectAccessible(page);

    // Erasing the customer is refused, naming the case's hold.
    await page.goto(`/app/customers/${customer.id}`);
    const personal = page.getByRole("region", { name: "Personal data" });
    await expect(personal.getByText(`Legal hold: ${reason}`)).toBeVisible();
    await personal.getByRole("button", { name: "Erase customer" }).click();
    const eraseDialog = page.getByRole("dialog", { name: `Erase ${name}?` });
    await eraseDialog.getByLabel("Type the customer's name or ERASE to confirm").fill("ERASE");
    await eraseDialog.getByRole("button", { name: "Erase permanently" }).click();
    await expect(eraseDialog.getByRole("alert")).toContainText(reason);
    await eraseDialog.getByRole("button", { name: "Cancel" }).click();

    // Settings → Data retention lists it by the case.
    await page.goto("/app/settings/data-retention");
    const holds = page.getByRole("region", { name: "Legal holds" });
    await expect(holds.getByRole("row").filter({ hasText: reason })).toContainText(
      `#${kase.number} Rattle ${id}`,
    );

    // Lifted on the case page: the card is empty again and nothing blocks erasure.
    await page.goto(`/app/cases/${kase.id}`);
    await card.getByRole("button", { name: `Release: ${reason}` }).click();
    await expect(card.getByText(`On this case: ${reason}`)).toBeHidden();
    await expect(card.getByText("No legal hold covers this case.", { exact: false })).toBeVisible();
    const state = await api.get(`/api/v1/customers/${customer.id}/erasure`);
    expect(((await state.json()) as { holds: unknown[] }).holds).toEqual([]);
  } finally {
    await api.dispose();
  }
});
