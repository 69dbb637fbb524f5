import { expect, test } from "@playwright/test";
import { call, signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";

test("agents compare a device's diagnostic snapshots, chart a value and hand out a code", async ({
  page,
  playwright,
}) => {
  const api = await signedInApi(playwright);
  const id = unique();
  const serial = `SW-${id}`.toUpperCase();
  const customer = await call<{ id: string; name: string }>(api, "post", "/api/v1/customers", {
    name: `Rosa Diaz ${id}`,
    emails: [`rosa-${id}@example.test`],
  });
  const kase = await call<{ id: string }>(api, "post", "/api/v1/cases", {
    customerId: customer.id,
    subject: `Wi-Fi drops ${id}`,
    message: "The Wi-Fi keeps dropping in the evening.",
  });
  await call(api, "post", `/api/v1/customers/${customer.id}/devices`, {
    model: "Soundwave Hub 3",
    serial,
    firmware: "2.4.0",
  });
  const snapshot = (signal: number, firmware: string, extra: Record<string, unknown> = {}) =>
    call(api, "post", "/api/v1/diagnostics", {
      customerId: customer.id,
      deviceSerial: serial,
      caseId: kase.id,
      source: "agent",
      data: { firmware, wifi: { ssid: "home", signal_dbm: signal, password: "hunter2" }, ...extra },
    });
  await snapshot(-70, "2.4.0");
  await snapshot(-58, "2.5.1", { uptime_s: 1200 });

  await signInAsAdmin(page);
  await page.goto(`/app/cases/${kase.id}`);
  const panel = page.getByRole("complementary", { name: `Customer ${customer.name}` });
  await expect(panel.getByText("captured a diagnostic snapshot (agent)").first()).toBeVisible();

  // The diagnostic code, big enough to read aloud.
  await panel.getByRole("button", { name: "Get diagnostic code" }).click();
  await expect(panel.getByText("Read this to the customer:")).toBeVisible();
  await expect(panel.getByTestId("diagnostic-code")).toHaveText(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  await expectAccessible(page);

  // The device page: the newest snapshot compared with the one before.
  await panel
    .getByRole("link", { name: new RegExp(serial) })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Device Soundwave Hub 3" })).toBeVisible();
  await expect(page.getByRole("link", { name: customer.name })).toBeVisible();
  const history = page.getByRole("table", { name: "Diagnostic snapshots, newest first" });
  await expect(history.getByRole("row")).toHaveCount(3);
  const signal = page.locator('tr[data-path="wifi.signal_dbm"]');
  await expect(signal).toContainText("-70");
  await expect(signal).toContainText("-58");
  await expect(signal).toContainText("up 12");
  await expect(page.locator('tr[data-path="uptime_s"]')).toContainText("added");
  await expect(page.locator('tr[data-path="firmware"]')).toContainText("2.5.1");
  // Masked values never change, so they are not in the diff.
  await expect(page.locator('tr[data-path="wifi.password"]')).toHaveCount(0);

  // Picking the two explicitly gives the same comparison.
  await history.getByRole("checkbox").nth(0).check();
  await history.getByRole("checkbox").nth(1).check();
  await expect(signal).toContainText("up 12");

  // The chart of one numeric value, with a text fallback.
  await page.getByLabel("Value").selectOption("wifi.signal_dbm");
  await expect(page.getByRole("img", { name: "wifi.signal_dbm" })).toBeVisible();
  await page.getByText("Show as a table").click();
  await expect(page.getByRole("table", { name: "wifi.signal_dbm by snapshot" }).getByRole("row")).toHaveCount(
    3,
  );
  await expectAccessible(page);
});
