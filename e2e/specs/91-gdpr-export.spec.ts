import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { readZip } from "../../server/test/zip.ts";
import { call, magicLinkFor, signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";

// Issue #23, GDPR export: a customer asks for their data in the portal, the zip is prepared in
// the background and its link appears without a reload; the downloaded zip holds their case.
// Then an admin exports the same customer from the customer page. Waits are for conditions.
test.describe.configure({ timeout: 180_000 });

test("a customer downloads their data from the portal, and an admin exports it from the customer page", async ({
  page,
  browser,
  playwright,
}) => {
  const staff = await signedInApi(playwright);
  const id = unique();
  const email = `gdpr-${id}@example.test`;
  const subject = `Subwoofer hums ${id}`;
  const customer = await call<{ id: string }>(staff, "post", "/api/v1/customers", {
    name: "Greta Portal",
    emails: [email],
  });
  await call(staff, "post", "/api/v1/cases", {
    customerId: customer.id,
    subject,
    message: "It hums when idle.",
  });

  // The customer, in a browser of their own, signs in with the emailed (logged) link.
  const context = await browser.newContext();
  const portal = await context.newPage();
  await portal.goto("/portal/login");
  await portal.getByLabel("Email").fill(email);
  await portal.getByRole("button", { name: "Email me a sign-in link" }).click();
  await portal.goto(await magicLinkFor(email));
  await portal.waitForURL("**/portal");
  const panel = portal.getByRole("region", { name: "Download my data" });
  await expect(panel).toBeVisible();
  await panel.getByRole("button", { name: "Request my data" }).click();
  const link = panel.getByRole("link", { name: /Download the export of/ });
  await expect(link).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByText("Ready", { exact: true })).toBeVisible();
  await expectAccessible(portal);

  const [download] = await Promise.all([portal.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^your-data-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = await readZip(fs.readFileSync(await download.path()));
  const cases = JSON.parse(files.get("cases.json")?.toString("utf8") ?? "[]") as Array<{ subject: string }>;
  expect(cases.map((c) => c.subject)).toEqual([subject]);
  const messages = JSON.parse(files.get("messages.json")?.toString("utf8") ?? "[]") as Array<{
    body: string;
  }>;
  expect(messages.map((m) => m.body)).toContain("It hums when idle.");
  expect(files.has("README.txt")).toBe(true);
  await context.close();

  // The admin's button on the customer page: status while it is prepared, then the link.
  await signInAsAdmin(page);
  await page.goto(`/app/customers/${customer.id}`);
  const staffPanel = page.getByRole("region", { name: "Data export (GDPR)" });
  await expect(staffPanel.getByText("Ready", { exact: true })).toBeVisible(); // the customer's own export is listed
  await staffPanel.getByRole("button", { name: "Export data" }).click();
  await expect(staffPanel.getByRole("listitem")).toHaveCount(2);
  await expect(staffPanel.getByRole("link", { name: /Download the export of/ })).toHaveCount(2, {
    timeout: 60_000,
  });
  await expectAccessible(page);
  const [adminDownload] = await Promise.all([
    page.waitForEvent("download"),
    staffPanel
      .getByRole("link", { name: /Download the export of/ })
      .first()
      .click(),
  ]);
  const adminFiles = await readZip(fs.readFileSync(await adminDownload.path()));
  expect(JSON.parse(adminFiles.get("profile.json")?.toString("utf8") ?? "[]")[0].name).toBe("Greta Portal");
});
