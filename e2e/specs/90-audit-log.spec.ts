import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { origin } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { ADMIN, signInAsAdmin } from "../support/data.ts";

/**
 * The audit log (issue #23): the admin opens Settings → Audit log, sees their own sign-in and a
 * settings change, narrows the list with the filters, opens a record, verifies the chain and
 * downloads the filtered log as CSV. The settings change writes the workspace's current name
 * back, so nothing later specs rely on changes.
 */
test("the admin finds a sign-in and a settings change in the audit log and downloads it as CSV", async ({
  page,
}) => {
  await signInAsAdmin(page);
  const current = await page.request.get("/api/v1/workspace");
  expect(current.ok()).toBe(true);
  const { name } = await current.json();
  const patched = await page.request.patch("/api/v1/workspace", {
    data: { name },
    headers: { origin: origin() },
  });
  expect(patched.ok()).toBe(true);

  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  const rows = page.getByRole("row");
  await expect(
    rows.filter({ hasText: "auth.signed_in" }).filter({ hasText: ADMIN.email }).first(),
  ).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Action", { exact: false }).first().fill("workspace.updated");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(rows.filter({ hasText: "auth.signed_in" })).toHaveCount(0);
  const change = rows.filter({ hasText: "workspace.updated" }).first();
  await expect(change).toContainText(ADMIN.email);

  await change.getByRole("button").click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`"name": "${name}"`);
  await page.keyboard.press("Escape");

  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The chain is intact" })).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^audit-log-.*\.csv$/);
  const csv = fs.readFileSync((await download.path()) as string, "utf8");
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toBe("seq,at,actor_id,actor_email,action,subject_type,subject_id,data,request_id,hash");
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.slice(1).every((l) => l.includes('"workspace.updated"'))).toBe(true);
});
