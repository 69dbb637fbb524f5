import { expect, test } from "@playwright/test";
import { actionsPanel, agentPage, customerCase, startFulfilment } from "../support/actions.ts";
import { signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";

/**
 * Actions (issue #18): an admin defines "Ship a replacement" pointing at a fulfilment system
 * (a fake one on loopback, started here); an agent opens a case whose customer has an address
 * on file, the form offers that address, a fact the customer lacks is an empty field with a
 * hint, and shipping shows the tracking number on the case. A double click ships once.
 */
test("an admin defines Ship a replacement; an agent ships to the address on file and the case shows the tracking number", async ({
  page,
  browser,
  playwright,
}) => {
  // Two browsers, an invitation and a few chunks on a loaded 2-core machine.
  test.setTimeout(240_000);
  const id = unique();
  const tracking = `1Z${id.toUpperCase()}`;
  const fulfilment = await startFulfilment(() => ({ trackingNumber: tracking, carrier: "UPS" }));
  try {
    const api = await signedInApi(playwright);
    const address = `12 Harbour Road ${id}\nBrighton BN1 2AB`;
    const { caseId } = await customerCase(api, id, { address });

    // The admin defines the action on Settings → Actions.
    await signInAsAdmin(page);
    await page.getByRole("navigation").getByRole("link", { name: "Actions" }).click();
    await page.waitForURL("**/app/settings/actions");
    await expect(page.getByRole("heading", { level: 1, name: "Actions" })).toBeVisible({ timeout: 30_000 });
    await page.getByRole("button", { name: "New action" }).click();
    const editor = page.getByRole("dialog", { name: "New action" });
    await editor.getByLabel("Name").fill("Ship a replacement");
    await editor.getByRole("combobox", { name: "Icon" }).click();
    await page.getByRole("option", { name: "Truck" }).click();
    await editor.getByLabel("Target URL").fill(`${fulfilment.url}/ship`);
    const first = editor.getByRole("group", { name: "Field 1" });
    await first.getByLabel("Key").fill("address");
    await first.getByLabel("Label").fill("Shipping address");
    await first.getByRole("combobox", { name: "Type" }).click();
    await page.getByRole("option", { name: "Long text" }).click();
    await first.getByLabel("Default").fill("{{fact.address}}");
    await first.getByLabel("Required").check();
    await editor.getByRole("button", { name: "Add a field" }).click();
    const second = editor.getByRole("group", { name: "Field 2" });
    await second.getByLabel("Key").fill("note");
    await second.getByLabel("Label").fill("Delivery note");
    await second.getByLabel("Default").fill("{{fact.delivery_note}}");
    await expectAccessible(page);
    await editor.getByRole("button", { name: "Save" }).click();
    await expect(editor).toBeHidden();
    // The signing secret is shown once, then only its end.
    await expect(page.getByText("Copy this secret now")).toBeVisible();
    await expect(page.getByTestId("action-secret")).not.toBeEmpty();
    await expect(page.getByRole("table", { name: "Actions" }).getByText("Ship a replacement")).toBeVisible();
    await expectAccessible(page);

    // The agent opens the case: the form offers the address on file.
    const agent = await agentPage(browser, api, id);
    const panel = await actionsPanel(agent, caseId);
    const ship = panel.getByRole("button", { name: "Ship a replacement" });
    await ship.focus();
    await agent.keyboard.press("Enter"); // keyboard reachable
    const form = agent.getByRole("dialog", { name: "Ship a replacement" });
    await expect(form.getByLabel("Shipping address")).toHaveValue(address);
    // A fact the customer lacks is an empty field that says so, never "{{…}}" or a silent blank.
    await expect(form.getByLabel("Delivery note")).toHaveValue("");
    await expect(form.getByText("Not on file for this customer (fact.delivery_note)")).toBeVisible();
    await expectAccessible(agent);
    await form.getByRole("button", { name: "Run Ship a replacement" }).dblclick();
    await expect(form).toBeHidden();

    // The result is on the case, and the target was reached once, signed, with the address.
    const run = panel.getByRole("listitem").filter({ hasText: "Ship a replacement" }).first();
    await expect(run.getByText("Done")).toBeVisible();
    await expect(run.getByText(tracking)).toBeVisible();
    expect(fulfilment.received).toHaveLength(1);
    const [sent] = fulfilment.received;
    expect(sent?.signature).not.toBe("");
    expect(sent?.key).not.toBe("");
    expect(sent?.body.input).toMatchObject({ address });
    await agent.reload();
    await expect(
      agent.getByRole("region", { name: "Actions" }).getByText(tracking),
      "the result stays on the case",
    ).toBeVisible({ timeout: 30_000 });
    await expectAccessible(agent);
    await agent.context().close();
  } finally {
    await fulfilment.close();
  }
});
